"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import { PlugZap } from "lucide-react";
import Link from "next/link";
import { useRef } from "react";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import type { HealthBoard as Board } from "@/lib/health/read";
import { HEALTH_STATUSES } from "@/lib/health/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { IncidentList } from "./incident-list";
import { fetchBoard, healthKeys } from "./queries";
import { STATUS_DOT, StatusBadge } from "./status";
import { useHealthEvents } from "./use-health-events";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

/** The estate board: tiles per domain, worst first, refreshed live from server-sent events. */
export function HealthBoard({ initial, canManageAgents, demoFlowIds = [] }: { initial: Board; canManageAgents: boolean; demoFlowIds?: string[] }) {
  const demo = new Set(demoFlowIds);
  const client = useQueryClient();
  const { data: board } = useQuery({ queryKey: healthKeys.board(), queryFn: fetchBoard, initialData: initial, staleTime: 5_000 });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  const live = useHealthEvents(() => {
    // Bursts of events (a busy agent) become one refetch a second.
    if (pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void client.invalidateQueries({ queryKey: healthKeys.all });
    }, 500);
  });
  const noTelemetry = board.agents.total === 0 && !board.lastTelemetryAt;

  return (
    <div className="grid gap-6">
      <div className="flex flex-wrap items-center gap-3 text-sm" aria-label="Estate status">
        {HEALTH_STATUSES.map((s) => (
          <span key={s} className="inline-flex items-center gap-1.5" data-testid={`count-${s}`}>
            <span className={`size-2.5 rounded-full ${STATUS_DOT[s]}`} aria-hidden="true" />
            {label("HealthStatus", s)}: <strong>{board.counts[s]}</strong>
          </span>
        ))}
        <span className="text-muted-foreground">
          · Agents online {board.agents.online} of {board.agents.total}
          {board.agents.silent ? `, ${board.agents.silent} silent` : ""}
        </span>
        <span className="text-muted-foreground">· Last telemetry {board.lastTelemetryAt ? formatDateTime(board.lastTelemetryAt) : "never"}</span>
        <Badge variant={live ? "info" : "outline"} className="ml-auto">
          {live ? "Live" : "Connecting…"}
        </Badge>
      </div>

      {noTelemetry ? (
        <EmptyState
          icon={PlugZap}
          title="No connector agents are reporting yet"
          description={
            <>
              Every flow shows <strong>No data</strong> until telemetry arrives: nothing here is simulated. Register an agent
              {canManageAgents ? (
                <>
                  {" "}
                  under{" "}
                  <Link className="underline underline-offset-4" href="/health/agents">
                    Agents
                  </Link>
                </>
              ) : (
                " (an admin can, under Agents)"
              )}
              , then run <code>npm run agent -- --config agent.yaml</code> beside your brokers, or point an OpenTelemetry Collector at{" "}
              <code>/api/otlp/v1/metrics</code> with the agent token.
            </>
          }
        />
      ) : null}

      {board.openIncidents.length ? (
        <section className="grid gap-3" aria-labelledby="open-incidents">
          <h2 id="open-incidents" className="text-base font-semibold">
            Open incidents ({board.openIncidents.length})
          </h2>
          <IncidentList incidents={board.openIncidents} />
        </section>
      ) : null}

      <section className="grid gap-4 sm:grid-cols-2 xl:grid-cols-3" aria-label="Domains">
        {board.domains.map((domain) => (
          <Card key={domain.id ?? "none"} aria-label={`Domain ${domain.name}`} className="min-w-0">
            <CardHeader className="border-b">
              <CardTitle className="flex items-center justify-between gap-2">
                <span>{domain.name}</span>
                <StatusBadge status={domain.worst} />
              </CardTitle>
              <p className="text-xs text-muted-foreground">
                {countOf(domain.total, "flow")} ·{" "}
                {HEALTH_STATUSES.filter((s) => domain.counts[s])
                  .map((s) => `${domain.counts[s]} ${label("HealthStatus", s).toLowerCase()}`)
                  .join(", ")}
              </p>
            </CardHeader>
            <CardContent className="pt-3 pb-4">
              <ul className="grid gap-1 text-sm">
                {domain.flows.map((flow) => (
                  <li key={flow.id} className="flex min-w-0 items-center gap-2" data-status={flow.status}>
                    <span className={`size-2 shrink-0 rounded-full ${STATUS_DOT[flow.status]}`} aria-hidden="true" />
                    <Link href={`/health/flows/${flow.id}`} className="min-w-0 truncate underline-offset-4 hover:underline" title={flow.reasons.join("; ") || undefined}>
                      {flow.name}
                    </Link>
                    <span className="sr-only">{label("HealthStatus", flow.status)}</span>
                    {demo.has(flow.id) ? (
                      <Badge variant="outline" className="ml-auto shrink-0" title="Synthetic telemetry from the demo connector agent">
                        demo
                      </Badge>
                    ) : null}
                  </li>
                ))}
                {domain.total > domain.flows.length ? <li className="text-xs text-muted-foreground">and {domain.total - domain.flows.length} more</li> : null}
              </ul>
            </CardContent>
          </Card>
        ))}
      </section>
    </div>
  );
}
