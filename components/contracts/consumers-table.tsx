"use client";

import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ContractDto } from "@/lib/contracts/schemas";

/** Flows consuming the interface, the version each relies on, and a subscribe button for their own team. */
export function ConsumersTable({ contractId, version, consumers }: { contractId: string; version: string; consumers: ContractDto["consumers"] }) {
  const subscribe = useApiMutation((flowId: string) => ({ path: `/api/v1/contracts/${contractId}/subscriptions`, method: "POST", body: { flowId } }));
  if (consumers.length === 0) return <p className="text-sm text-muted-foreground">No flow consumes this interface.</p>;
  return (
    <div className="grid gap-2">
      <Table>
        <TableCaption className="sr-only">Consumers</TableCaption>
        <TableHeader>
          <TableRow>
            <TableHead>Consumer system</TableHead>
            <TableHead>Team</TableHead>
            <TableHead>Subscribed version</TableHead>
            <TableHead />
          </TableRow>
        </TableHeader>
        <TableBody>
          {consumers.map((c) => (
            <TableRow key={c.flowId}>
              <TableCell className="font-medium">{c.system.name}</TableCell>
              <TableCell>{c.team?.name ?? "—"}</TableCell>
              <TableCell className="font-mono text-xs">{c.subscribedVersion ?? "not subscribed"}</TableCell>
              <TableCell className="text-right">
                {c.canSubscribe && c.subscribedVersion !== version ? (
                  <Button size="sm" variant="outline" disabled={subscribe.isPending} onClick={() => subscribe.mutate(c.flowId)}>
                    Subscribe to {version}
                  </Button>
                ) : null}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {subscribe.error ? <Alert variant="destructive">{subscribe.error.message}</Alert> : null}
    </div>
  );
}
