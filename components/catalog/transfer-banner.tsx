"use client";

import { ArrowRightLeft } from "lucide-react";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import type { PendingTransfer } from "@/lib/catalog/schemas";

type Decision = "ACCEPT" | "DECLINE" | "CANCEL";

/** An open request to move the interface to another team: its leads (or an admin) accept or decline; the asking side may cancel. */
export function TransferBanner({ transfer, interfaceName }: { transfer: PendingTransfer; interfaceName: string }) {
  const decide = useApiMutation((decision: Decision) => ({ path: `/api/v1/interface-transfers/${transfer.id}/decision`, method: "POST", body: { decision } }));
  return (
    <section aria-label="Ownership transfer" className="flex flex-wrap items-center gap-3 rounded-lg border bg-muted/40 p-4 text-sm">
      <ArrowRightLeft aria-hidden="true" className="size-4 text-muted-foreground" />
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="font-medium">
          {transfer.requestedBy ?? "Someone"} asked {transfer.toTeam.name} to take over {interfaceName}
          {transfer.fromTeam ? ` from ${transfer.fromTeam.name}` : ""}.
        </p>
        <p className="text-muted-foreground">
          {transfer.note ? `“${transfer.note}” ` : ""}
          {transfer.canDecide ? "You may accept or decline it for your team." : `Waiting for a lead of ${transfer.toTeam.name} or an admin to accept.`}
        </p>
      </div>
      <div className="flex gap-2">
        {transfer.canDecide ? (
          <>
            <Button size="sm" disabled={decide.isPending} onClick={() => decide.mutate("ACCEPT")}>
              Accept transfer
            </Button>
            <Button size="sm" variant="outline" disabled={decide.isPending} onClick={() => decide.mutate("DECLINE")}>
              Decline transfer
            </Button>
          </>
        ) : null}
        {transfer.canCancel ? (
          <Button size="sm" variant="ghost" disabled={decide.isPending} onClick={() => decide.mutate("CANCEL")}>
            Cancel transfer
          </Button>
        ) : null}
      </div>
      {decide.error ? <Alert variant="destructive" className="basis-full">{decide.error.message}</Alert> : null}
    </section>
  );
}
