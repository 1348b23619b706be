"use client";

import { keepPreviousData, useQuery, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import type { FlowSeries } from "@/lib/health/read";
import type { FlowHealthDto, IncidentDto } from "@/lib/health/schemas";
import type { Sla } from "@/lib/health/sla";
import { formatDateTime } from "@/lib/utils/format";
import { IncidentList } from "./incident-list";
import { fetchFlowHealth, fetchFlowIncidents, fetchSeries, healthKeys } from "./queries";
import { StatusBadge } from "./status";
import { TimeChart, type ChartSpan } from "./time-chart";
import { useHealthEvents } from "./use-health-events";
import { formatMeasure } from "@/lib/utils/format";

const RANGES = [
  { hours: 1, label: "1 h" },
  { hours: 6, label: "6 h" },
  { hours: 24, label: "24 h" },
  { hours: 168, label: "7 d" },
];

type Props = { flowId: string; initial: { health: FlowHealthDto; series: FlowSeries; incidents: IncidentDto[] } };

/** A flow's status, SLIs against the SLA, charts with SLA lines and anomalies marked, and its incidents; live. */
export function FlowHealthView({ flowId, initial }: Props) {
  const [hours, setHours] = useState(6);
  const client = useQueryClient();
  const health = useQuery({ queryKey: healthKeys.flow(flowId), queryFn: () => fetchFlowHealth(flowId), initialData: initial.health });
  const series = useQuery({
    queryKey: healthKeys.series(flowId, hours),
    queryFn: () => fetchSeries(flowId, hours),
    initialData: hours === 6 ? initial.series : undefined,
    placeholderData: keepPreviousData,
  });
  const incidents = useQuery({ queryKey: healthKeys.incidents(flowId), queryFn: () => fetchFlowIncidents(flowId), initialData: initial.incidents });
  const pending = useRef<ReturnType<typeof setTimeout> | null>(null);
  useHealthEvents((event) => {
    const mine =
      (event.type === "telemetry" && event.flowIds.includes(flowId)) ||
      (event.type === "evaluation" && (event.changed.includes(flowId) || event.changed.length === 0)) ||
      (event.type === "incident" && event.flowId === flowId) ||
      event.type === "evaluation";
    if (!mine || pending.current) return;
    pending.current = setTimeout(() => {
      pending.current = null;
      void client.invalidateQueries({ queryKey: healthKeys.flow(flowId) });
    }, 500);
  });

  const h = health.data;
  const sla = h.sla as Partial<Sla>;
  // While another range loads, the previous series stays on screen.
  const s = series.data ?? initial.series;
  const from = Date.parse(s.from);
  const to = Date.parse(s.to);
  const t = (iso: string) => Date.parse(iso);
  const points = s.points;
  const spans: ChartSpan[] = [
    ...s.breaches.map((b) => ({ from: t(b.from), to: b.to ? t(b.to) : to, kind: "breach" as const, title: b.title })),
    ...s.anomalies.map((a) => ({ from: t(a.from), to: a.to ? t(a.to) : to, kind: "anomaly" as const, title: a.title })),
  ];
  const perMinute = s.resolution === "hour" ? 60 : 1;
  const sli = h.sli as Record<string, unknown>;
  const notMeasured = new Set(Array.isArray(sli.notMeasured) ? (sli.notMeasured as string[]) : []);
  const unjudged = Array.isArray(sli.unjudged) ? (sli.unjudged as string[]) : [];
  // A figure the connector cannot measure reads "not measured", never an empty or OK-looking value.
  const measured = (what: string, text: string) => (notMeasured.has(what) ? "not measured" : text);
  const burn = h.burnRates as Record<string, unknown>;
  const budget = h.budget as Record<string, unknown>;

  return (
    <div className="grid gap-6">
      <section className="grid gap-3 rounded-lg border bg-card p-4" aria-label="Current health">
        <div className="flex flex-wrap items-center gap-3">
          <span data-testid="flow-status">
            <StatusBadge status={h.status} />
          </span>
          <span className="text-sm text-muted-foreground">since {formatDateTime(h.since)}</span>
          <Badge variant="outline">{h.slaSource === "contract" ? "SLA from the active contract" : "Default SLA (no active contract SLA)"}</Badge>
          {h.evaluatedAt ? <span className="text-xs text-muted-foreground">evaluated {formatDateTime(h.evaluatedAt)}</span> : null}
        </div>
        {h.reasons.length ? (
          <ul className="list-disc pl-5 text-sm" aria-label="Reasons">
            {h.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        ) : null}
        {unjudged.length ? (
          <ul className="list-disc pl-5 text-sm text-muted-foreground" aria-label="Not measured">
            {unjudged.map((u) => (
              <li key={u}>Not judged: {u}</li>
            ))}
          </ul>
        ) : null}
        <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
          <div>
            <dt className="text-muted-foreground">Success (5 min / 1 h)</dt>
            <dd>
              {formatMeasure(sli.successPct5m, "%")} / {formatMeasure(sli.successPct1h, "%")}
              {notMeasured.has("delivered") ? " (at least)" : ""} <span className="text-muted-foreground">target {formatMeasure(sla.deliverySuccessPct, "%")}</span>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Lag (oldest waiting)</dt>
            <dd>
              {measured("lag", formatMeasure(sli.lagSeconds, "s"))} <span className="text-muted-foreground">max {formatMeasure(sla.freshnessMaxLagSeconds, "s")}</span>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Newest message</dt>
            <dd>
              {sli.newestMessageAgeSeconds == null ? "not measured" : `${formatMeasure(sli.newestMessageAgeSeconds, "s")} ago`}{" "}
              <span className="text-muted-foreground">
                {sli.expectedIntervalSeconds == null ? "no rhythm learnt yet" : `rhythm allows ${formatMeasure(sli.expectedIntervalSeconds, "s")} (${sli.rhythmSource === "contract" ? "contract" : "learnt"})`}
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Latency p95 / p99</dt>
            <dd>{measured("latency", `${formatMeasure(sli.latencyP95Ms, "ms")} / ${formatMeasure(sli.latencyP99Ms, "ms")}`)}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Volume</dt>
            <dd>{formatMeasure(sli.volumePerMinute, "/min")}</dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Burn rate 5 m / 1 h</dt>
            <dd>
              {formatMeasure(burn["5m"], "x")} / {formatMeasure(burn["1h"], "x")}
              {burn.fastBurn ? <Badge variant="destructive" className="ml-2">page</Badge> : null}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Burn rate 30 m / 6 h</dt>
            <dd>
              {formatMeasure(burn["30m"], "x")} / {formatMeasure(burn["6h"], "x")}
              {burn.slowBurn ? <Badge variant="warning" className="ml-2">ticket</Badge> : null}
            </dd>
          </div>
          <div>
            <dt className="text-muted-foreground">Error budget left (30 d)</dt>
            <dd>{budget.enoughData === false ? `too little data (${formatMeasure(budget.coverageHours, "h")} of ${formatMeasure(budget.windowDays, "days")})` : formatMeasure(budget.remainingPct, "%")}</dd>
          </div>
        </dl>
      </section>

      <section className="grid gap-4" aria-label="Charts">
        <div className="flex gap-1" role="group" aria-label="Time range">
          {RANGES.map((r) => (
            <Button key={r.hours} size="sm" variant={r.hours === hours ? "default" : "outline"} aria-pressed={r.hours === hours} onClick={() => setHours(r.hours)}>
              {r.label}
            </Button>
          ))}
        </div>
        <div className="grid gap-4 lg:grid-cols-2">
          <TimeChart
            title="Volume per minute"
            unit="msg/min"
            from={from}
            to={to}
            spans={spans}
            series={[{ name: "delivered + failed", color: "primary", kind: "area", points: points.map((p) => ({ t: t(p.t), v: (p.delivered + p.failed) / perMinute })) }]}
            lines={[
              ...(sla.volumePerMinute?.min != null ? [{ label: "SLA minimum", value: sla.volumePerMinute.min }] : []),
              ...(sla.volumePerMinute?.max != null ? [{ label: "SLA maximum", value: sla.volumePerMinute.max }] : []),
            ]}
          />
          <TimeChart
            title="Delivery success"
            unit="%"
            from={from}
            to={to}
            spans={spans}
            minY={Math.min(90, sla.deliverySuccessPct ?? 99)}
            maxY={100}
            series={[{ name: "success %", color: "success", points: points.map((p) => ({ t: t(p.t), v: p.successPct })) }]}
            lines={sla.deliverySuccessPct != null ? [{ label: "SLA target", value: sla.deliverySuccessPct }] : []}
          />
          <TimeChart
            title="Latency"
            unit="ms"
            from={from}
            to={to}
            spans={spans}
            series={[
              { name: "p95", color: "info", points: points.map((p) => ({ t: t(p.t), v: p.p95 })) },
              { name: "p99", color: "warning", points: points.map((p) => ({ t: t(p.t), v: p.p99 })) },
            ]}
            lines={[
              ...(sla.latencyP95Ms != null ? [{ label: "SLA p95", value: sla.latencyP95Ms }] : []),
              ...(sla.latencyP99Ms != null ? [{ label: "SLA p99", value: sla.latencyP99Ms }] : []),
            ]}
          />
          <TimeChart
            title="Lag"
            unit="s"
            from={from}
            to={to}
            spans={spans}
            series={[{ name: "lag", color: "primary", kind: "area", points: points.map((p) => ({ t: t(p.t), v: p.lag })) }]}
            lines={sla.freshnessMaxLagSeconds != null ? [{ label: "SLA freshness", value: sla.freshnessMaxLagSeconds }] : []}
          />
        </div>
      </section>

      <section className="grid gap-3" aria-labelledby="flow-incidents">
        <h2 id="flow-incidents" className="text-base font-semibold">
          Incidents
        </h2>
        {incidents.data.length ? <IncidentList incidents={incidents.data} showFlow={false} /> : <p className="text-sm text-muted-foreground">No incidents for this flow.</p>}
      </section>
    </div>
  );
}
