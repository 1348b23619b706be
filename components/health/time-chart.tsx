"use client";

// A time-series chart on recharts: lines or areas, SLA thresholds as reference lines and shaded periods
// (anomalies, breaches) as reference areas. The chart is one labelled image for screen readers; the label
// summarises the latest values, the thresholds and how many periods are marked.

import type { ReactElement } from "react";
import { Area, CartesianGrid, ComposedChart, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import { countOf, formatDateTime, formatMeasure, type MeasureUnit } from "@/lib/utils/format";

/** A theme colour token (a CSS variable in app/globals.css), so both themes stay consistent. */
export type ChartColor = "primary" | "success" | "info" | "warning";
export type ChartSeries = { name: string; color: ChartColor; kind?: "line" | "area"; points: { t: number; v: number | null }[] };
export type ChartLine = { label: string; value: number };
export type ChartSpan = { from: number; to: number; kind: "anomaly" | "breach"; title: string };

type Row = { t: number } & Record<string, number | null>;

const HOUR = 3_600_000;
const colour = (c: ChartColor) => `var(--${c})`;

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(value));
  return Math.ceil((value * 1.1) / magnitude) * magnitude;
}

const compact = (v: number) => (Math.abs(v) >= 1000 ? `${Math.round(v / 100) / 10}k` : `${Math.round(v * 100) / 100}`);

/** Axis ticks in UTC, as formatDateTime shows times; the date is added once the range spans days. */
const clock = (t: number, withDate: boolean) => new Date(t).toISOString().slice(withDate ? 5 : 11, 16).replace("T", " ");

/** One row per timestamp with a column per series (`s0`, `s1`, ...); missing values stay null, so lines break there. */
function toRows(series: ChartSeries[]): Row[] {
  const rows = new Map<number, Row>();
  series.forEach((s, i) => {
    for (const p of s.points) {
      const row = rows.get(p.t) ?? { t: p.t };
      row[`s${i}`] = p.v;
      rows.set(p.t, row);
    }
  });
  return [...rows.values()].sort((a, b) => a.t - b.t);
}

function ChartTooltip({ active, payload, label, unit, spans }: TooltipContentProps & { unit: MeasureUnit; spans: ChartSpan[] }) {
  if (!active || !payload?.length || typeof label !== "number") return null;
  const marked = spans.filter((s) => s.from <= label && label <= s.to);
  return (
    <div className="grid gap-1 rounded-md border bg-popover px-2.5 py-1.5 text-xs text-popover-foreground shadow-md">
      <div className="font-medium">{formatDateTime(new Date(label))}</div>
      {payload.map((entry) => (
        <div key={String(entry.dataKey)} className="flex items-center gap-1.5">
          <span className="inline-block size-2 rounded-full" style={{ background: entry.color }} aria-hidden="true" />
          {entry.name}: {typeof entry.value === "number" ? formatMeasure(entry.value, unit) : "none"}
        </div>
      ))}
      {marked.map((s, i) => (
        <div key={i} className={s.kind === "anomaly" ? "text-warning" : "text-destructive"}>
          {s.kind === "anomaly" ? "Anomaly" : "Breach"}: {s.title}
        </div>
      ))}
    </div>
  );
}

/** A shaded period with its title as a native hover hint (recharts passes the computed geometry). */
function spanShape(span: ChartSpan) {
  function SpanRect({ x, y, width, height }: { x?: number; y?: number; width?: number; height?: number }): ReactElement<SVGElement> {
    return (
      <rect x={x} y={y} width={Math.max(2, width ?? 0)} height={height} className={span.kind === "anomaly" ? "fill-warning/15" : "fill-destructive/10"} data-span={span.kind}>
        <title>{span.title}</title>
      </rect>
    );
  }
  return SpanRect;
}

export function TimeChart({
  title,
  unit,
  from,
  to,
  series,
  lines = [],
  spans = [],
  minY,
  maxY,
}: {
  title: string;
  unit: MeasureUnit;
  from: number;
  to: number;
  series: ChartSeries[];
  lines?: ChartLine[];
  spans?: ChartSpan[];
  minY?: number;
  /** A hard ceiling (100 for percentages), so the axis never runs past what the measure can reach. */
  maxY?: number;
}) {
  const values = series.flatMap((s) => s.points.map((p) => p.v)).filter((v): v is number => v !== null);
  const top = maxY ?? niceMax(Math.max(...values, ...lines.map((l) => l.value), 0));
  // Rounded down to a whole step so the lowest point and the SLA line both sit inside the plot.
  const bottom = minY !== undefined ? Math.max(0, Math.floor(Math.min(minY, ...values) / 5) * 5) : 0;
  const last = series.map((s) => [...s.points].reverse().find((p) => p.v !== null)?.v ?? null);
  const summary = `${title}: ${series.map((s, i) => `${s.name} latest ${last[i] === null ? "none" : formatMeasure(last[i], unit)}`).join(", ")}${
    lines.length ? `; ${lines.map((l) => `${l.label} ${formatMeasure(l.value, unit)}`).join(", ")}` : ""
  }${spans.length ? `; ${countOf(spans.length, "marked period")}` : ""}`;
  const rows = toRows(series);
  const span = Math.max(1, to - from);
  const withDate = span > 24 * HOUR;
  const ticks = [0, 0.25, 0.5, 0.75, 1].map((f) => Math.round(from + f * span));
  const tick = { fontSize: 10, fill: "var(--muted-foreground)" };

  return (
    <figure className="grid gap-1">
      <figcaption className="flex flex-wrap items-center gap-3 text-sm font-medium">
        {title}
        {series.map((s) => (
          <span key={s.name} className="inline-flex items-center gap-1 text-xs font-normal text-muted-foreground">
            <span className="inline-block h-0.5 w-4" style={{ background: colour(s.color) }} aria-hidden="true" />
            {s.name}
          </span>
        ))}
        {lines.map((l) => (
          <span key={l.label} className="text-xs font-normal text-muted-foreground">
            - - {l.label}
          </span>
        ))}
      </figcaption>
      <div className="relative h-48 w-full rounded-md border bg-card">
        <ResponsiveContainer width="100%" height="100%">
          <ComposedChart
            data={rows}
            margin={{ top: 12, right: 12, bottom: 4, left: 0 }}
            role="img"
            aria-label={summary}
            desc={spans.length ? spans.map((s) => `${s.kind}: ${s.title}`).join("; ") : undefined}
          >
            <CartesianGrid vertical={false} stroke="var(--border)" />
            <XAxis
              dataKey="t"
              type="number"
              scale="time"
              domain={[from, to]}
              ticks={ticks}
              tickFormatter={(t: number) => clock(t, withDate)}
              tick={tick}
              stroke="var(--border)"
              allowDataOverflow
            />
            <YAxis domain={[bottom, top]} tickFormatter={compact} tick={tick} stroke="var(--border)" width={48} tickCount={3} />
            {spans.map((s, i) => (
              <ReferenceArea key={`span-${i}`} x1={Math.max(s.from, from)} x2={Math.min(s.to, to)} ifOverflow="hidden" shape={spanShape(s)} />
            ))}
            {lines.map((l) => (
              <ReferenceLine
                key={l.label}
                y={l.value}
                stroke="var(--destructive)"
                strokeDasharray="5 4"
                strokeWidth={1.5}
                ifOverflow="extendDomain"
                label={{ value: l.label, position: "insideTopRight", fontSize: 10, fill: "var(--destructive)" }}
              />
            ))}
            {series.map((s, i) =>
              s.kind === "area" ? (
                <Area
                  key={s.name}
                  dataKey={`s${i}`}
                  name={s.name}
                  type="linear"
                  stroke={colour(s.color)}
                  fill={colour(s.color)}
                  fillOpacity={0.12}
                  strokeWidth={1.75}
                  dot={false}
                  isAnimationActive={false}
                />
              ) : (
                <Line key={s.name} dataKey={`s${i}`} name={s.name} type="linear" stroke={colour(s.color)} strokeWidth={1.75} dot={false} isAnimationActive={false} />
              ),
            )}
            <Tooltip content={(props) => <ChartTooltip {...props} unit={unit} spans={spans} />} cursor={{ stroke: "var(--muted-foreground)", strokeDasharray: "3 3" }} />
          </ComposedChart>
        </ResponsiveContainer>
        {values.length === 0 ? (
          <p className="pointer-events-none absolute inset-0 flex items-center justify-center text-xs text-muted-foreground">No figures for this measure in this period</p>
        ) : null}
      </div>
    </figure>
  );
}
