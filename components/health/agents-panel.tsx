"use client";

import { Bot } from "lucide-react";
import { useState, type FormEvent } from "react";
import { ApiError } from "@/components/api/client";
import { useApiMutation } from "@/components/admin/queries";
import { Alert, AlertDescription, AlertTitle } from "@/components/ui/alert";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { EmptyState } from "@/components/ui/empty-state";
import { FormField } from "@/components/ui/form-field";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AgentDto, IssuedAgentToken } from "@/lib/agents/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { countOf } from "@/lib/utils/format";

const PRESENCE: Record<AgentDto["status"], { label: string; variant: BadgeVariant }> = {
  ONLINE: { label: "Online", variant: "success" },
  SILENT: { label: "Silent", variant: "destructive" },
  NEVER_SEEN: { label: "Never seen", variant: "outline" },
  REVOKED: { label: "Revoked", variant: "secondary" },
};

type SystemOption = { id: string; name: string };

/** Registered agents with last-seen times and connectors; admins register, rotate and revoke. */
export function AgentsPanel({ agents, systems, canManage }: { agents: AgentDto[]; systems: SystemOption[]; canManage: boolean }) {
  const [issued, setIssued] = useState<{ name: string; token: string } | null>(null);
  const create = useApiMutation<{ name: string; systemIds: string[] }, IssuedAgentToken>((body) => ({ path: "/api/v1/agents", method: "POST", body }));
  const rotate = useApiMutation<string, IssuedAgentToken>((id) => ({ path: `/api/v1/agents/${id}/rotate`, method: "POST" }));
  const revoke = useApiMutation((id: string) => ({ path: `/api/v1/agents/${id}`, method: "DELETE" }));
  const error = create.error instanceof ApiError ? create.error : null;
  const systemName = new Map(systems.map((s) => [s.id, s.name]));

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const form = new FormData(target);
    create.mutate(
      { name: String(form.get("name") ?? ""), systemIds: form.getAll("systemIds").map(String).filter(Boolean) },
      { onSuccess: (result) => (setIssued({ name: result.agent.name, token: result.token }), target.reset()) },
    );
  }

  return (
    <div className="grid gap-6">
      {canManage ? (
        <form onSubmit={submit} className="grid gap-3 sm:grid-cols-[1fr_1fr_auto] sm:items-start" aria-label="Register an agent" noValidate>
          <FormField label="Agent name" description="Where it runs, e.g. broker-eu-1." error={error?.field("/name")}>
            <Input name="name" autoComplete="off" placeholder="broker-eu-1" />
          </FormField>
          <FormField label="Systems it reports for" description="Every flow these systems provide or consume is in its scope." error={error?.field("/systemIds/0")}>
            <Select name="systemIds" multiple size={4} className="h-auto" aria-label="Systems it reports for">
              {systems.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </FormField>
          <Button type="submit" className="sm:mt-6" disabled={create.isPending}>
            <Bot aria-hidden="true" /> Register agent
          </Button>
        </form>
      ) : null}
      {issued ? (
        <Alert role="status">
          <AlertTitle>Token for {issued.name}: copy it now, it will not be shown again</AlertTitle>
          <AlertDescription>
            <code className="block break-all rounded bg-muted px-2 py-1 font-mono text-xs" aria-label="New agent token">
              {issued.token}
            </code>
            <CopyButton text={issued.token} label="Copy token" />
            <span className="mt-1 block">
              Put it in the agent&apos;s config (<code>npm run agent -- --config agent.yaml</code>) or an OpenTelemetry Collector&apos;s <code>Authorization: Bearer</code> header.
            </span>
          </AlertDescription>
        </Alert>
      ) : null}
      {create.error && !error?.errors.length ? <Alert variant="destructive">{create.error.message}</Alert> : null}
      {rotate.error || revoke.error ? <Alert variant="destructive">{(rotate.error ?? revoke.error)!.message}</Alert> : null}
      {agents.length === 0 ? (
        <EmptyState icon={Bot} title="No agents registered" description="An agent runs beside a broker or gateway and reports per-flow delivery telemetry and heartbeats." />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead>Name</TableHead>
              <TableHead>Status</TableHead>
              <TableHead>Last seen</TableHead>
              <TableHead>Version / host</TableHead>
              <TableHead>Connectors</TableHead>
              <TableHead>Scope</TableHead>
              {canManage ? <TableHead className="text-right">Actions</TableHead> : null}
            </TableRow>
          </TableHeader>
          <TableBody>
            {agents.map((agent) => (
              <TableRow key={agent.id}>
                <TableCell className="font-medium">
                  {agent.name}
                  <span className="block font-mono text-xs text-muted-foreground">{agent.prefix}…</span>
                </TableCell>
                <TableCell>
                  <Badge variant={PRESENCE[agent.status].variant}>{PRESENCE[agent.status].label}</Badge>
                </TableCell>
                <TableCell className="text-muted-foreground">{agent.lastSeenAt ? formatDateTime(agent.lastSeenAt) : "Never"}</TableCell>
                <TableCell className="text-muted-foreground">{agent.version ? `${agent.version} on ${agent.host}` : "—"}</TableCell>
                <TableCell>
                  <div className="flex flex-wrap gap-1">
                    {agent.connectors.map((c) => (
                      <Badge key={c.name} variant={c.status === "OK" ? "success" : "destructive"} title={c.error}>
                        {c.name} ({c.kind})
                      </Badge>
                    ))}
                  </div>
                </TableCell>
                <TableCell className="text-muted-foreground">
                  {[...agent.systemIds.map((id) => systemName.get(id) ?? id), ...(agent.flowIds.length ? [countOf(agent.flowIds.length, "flow")] : [])].join(", ") || "Nothing"}
                </TableCell>
                {canManage ? (
                  <TableCell className="text-right">
                    {agent.status !== "REVOKED" ? (
                      <div className="flex justify-end gap-2">
                        <Button
                          variant="outline"
                          size="sm"
                          disabled={rotate.isPending}
                          onClick={() => rotate.mutate(agent.id, { onSuccess: (r) => setIssued({ name: r.agent.name, token: r.token }) })}
                          aria-label={`Rotate the token of ${agent.name}`}
                        >
                          Rotate token
                        </Button>
                        <Button variant="outline" size="sm" disabled={revoke.isPending} onClick={() => revoke.mutate(agent.id)} aria-label={`Revoke ${agent.name}`}>
                          Revoke
                        </Button>
                      </div>
                    ) : null}
                  </TableCell>
                ) : null}
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
