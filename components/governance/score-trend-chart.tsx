"use client";

import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import type { TrendPoint } from "@/lib/scorecards/schemas";
import { PART_LABELS } from "./score";

const day = (t: number) => new Date(t).toISOString().slice(5, 16).replace("T", " ");

/** A subject's score over time with its parts; one labelled image for screen readers. */
export function ScoreTrendChart({ points }: { points: TrendPoint[] }) {
  const rows = points.map((p) => ({ t: Date.parse(p.at), score: p.score, ...p.parts }));
  const first = points[0];
  const last = points.at(-1);
  const label = last ? `Score trend: ${points.length} points, from ${first!.score} to ${last.score}` : "No score history yet";
  return (
    <div role="img" aria-label={label} className="h-64 w-full">
      <ResponsiveContainer>
        <LineChart data={rows} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" className="stroke-border" />
          <XAxis dataKey="t" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={day} fontSize={12} />
          <YAxis domain={[0, 100]} fontSize={12} width={32} />
          <Tooltip labelFormatter={(t) => new Date(Number(t)).toISOString().slice(0, 16).replace("T", " ")} />
          <Line type="stepAfter" dataKey="score" name="Score" stroke="var(--primary)" strokeWidth={2} dot />
          <Line type="stepAfter" dataKey="rules" name={PART_LABELS.rules} stroke="var(--info)" dot={false} connectNulls />
          <Line type="stepAfter" dataKey="contracts" name={PART_LABELS.contracts} stroke="var(--success)" dot={false} connectNulls />
          <Line type="stepAfter" dataKey="health" name={PART_LABELS.health} stroke="var(--warning)" dot={false} connectNulls />
          <Line type="stepAfter" dataKey="violations" name={PART_LABELS.violations} stroke="var(--destructive)" dot={false} connectNulls />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
