"use client";

import { useState, type FormEvent } from "react";
import { ApiError } from "@/components/api/client";
import { useApiMutation } from "@/components/admin/queries";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { DiscoveredFlowDto, ResolvedDiscoveredFlow } from "@/lib/health/schemas";
import { formatDateTime } from "@/lib/utils/format";

type Choice = { id: string; name: string };
type Resolve = { id: string; body: { action: "dismiss" } | { action: "confirm"; interfaceId: string; consumerSystemId: string } };

/** Flows agents saw that the catalog does not know; architects confirm them into the catalog or dismiss them. */
export function DiscoveredFlows({ items, canResolve, interfaces, systems }: { items: DiscoveredFlowDto[]; canResolve: boolean; interfaces: Choice[]; systems: Choice[] }) {
  const [confirming, setConfirming] = useState<string | null>(null);
  // Says whether the reporting agent's scope grew (admins) or still needs an admin (everyone else).
  const [notice, setNotice] = useState<string | null>(null);
  const resolve = useApiMutation<Resolve, ResolvedDiscoveredFlow>(({ id, body }) => ({ path: `/api/v1/agents/discovered-flows/${id}`, method: "POST", body }));
  const error = resolve.error instanceof ApiError ? resolve.error : null;

  function confirm(event: FormEvent<HTMLFormElement>, id: string) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    resolve.mutate(
      { id, body: { action: "confirm", interfaceId: String(form.get("interfaceId")), consumerSystemId: String(form.get("consumerSystemId")) } },
      {
        onSuccess: (result) => {
          setConfirming(null);
          setNotice(result.message ?? null);
        },
      },
    );
  }

  if (!items.length) return <p className="text-sm text-muted-foreground">No unconfirmed flows: everything agents report is in the catalog.</p>;
  return (
    <div className="grid gap-3">
      {notice ? <Alert>{notice}</Alert> : null}
      {resolve.error ? <Alert variant="destructive">{error?.errors[0]?.message ?? resolve.error.message}</Alert> : null}
      <Table>
        <TableHeader>
          <TableRow>
            <TableHead>Reported as</TableHead>
            <TableHead>What the agent saw</TableHead>
            <TableHead>Agent</TableHead>
            <TableHead>Measurements</TableHead>
            <TableHead>Last seen</TableHead>
            {canResolve ? <TableHead className="text-right">Actions</TableHead> : null}
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((d) => (
            <TableRow key={d.id}>
              <TableCell className="font-mono text-xs">{d.externalId}</TableCell>
              <TableCell>{[d.producerSystem, d.interfaceName, d.consumerSystem].map((v) => v ?? "?").join(" → ")}</TableCell>
              <TableCell>{d.agent.name}</TableCell>
              <TableCell>
                {d.measurements} ({d.delivered} delivered, {d.failed} failed)
              </TableCell>
              <TableCell className="text-muted-foreground">{formatDateTime(d.lastSeenAt)}</TableCell>
              {canResolve ? (
                <TableCell className="text-right">
                  {confirming === d.id ? (
                    <form className="flex flex-wrap justify-end gap-2" onSubmit={(e) => confirm(e, d.id)} aria-label={`Confirm ${d.externalId}`}>
                      <Select name="interfaceId" aria-label="Interface" wrapperClassName="w-56">
                        {interfaces.map((i) => (
                          <option key={i.id} value={i.id}>
                            {i.name}
                          </option>
                        ))}
                      </Select>
                      <Select name="consumerSystemId" aria-label="Consumer system" wrapperClassName="w-48">
                        {systems.map((s) => (
                          <option key={s.id} value={s.id}>
                            {s.name}
                          </option>
                        ))}
                      </Select>
                      <Button type="submit" size="sm" disabled={resolve.isPending}>
                        Add to catalog
                      </Button>
                    </form>
                  ) : (
                    <div className="flex justify-end gap-2">
                      <Button size="sm" variant="outline" onClick={() => setConfirming(d.id)}>
                        Confirm…
                      </Button>
                      <Button size="sm" variant="outline" disabled={resolve.isPending} onClick={() => resolve.mutate({ id: d.id, body: { action: "dismiss" } })}>
                        Dismiss
                      </Button>
                    </div>
                  )}
                </TableCell>
              ) : null}
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
