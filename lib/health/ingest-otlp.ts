import "server-only";
import { createHash } from "node:crypto";
import type { Ctx } from "@/lib/auth/can";
import { AppError } from "@/lib/api/errors";
import { requirePermission } from "@/lib/auth/require";
import { database } from "@/lib/db/client";
import { ingestTelemetry } from "./ingest";
import { cumulativeSeriesKeys, flowMappingFromEnv, mapOtlpMetrics, type OtlpMetricsRequest } from "./otlp";
import type { SeriesState } from "./otlp-series";
import { MAX_MEASUREMENTS_PER_BATCH, Measurement } from "./schemas";

export type OtlpResponse = { partialSuccess?: { rejectedDataPoints: number; errorMessage: string } };

const shortId = (id: string) => (id.length > 60 ? `${id.slice(0, 57)}...` : id);

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

/**
 * POST /api/otlp/v1/metrics: maps the points to measurements and ingests them like a telemetry batch. The batch id is
 * the hash of the request, so a collector retrying the same export counts once. Cumulative series become deltas over
 * the series' last point (kept per agent in otlp_series, in the same transaction as the counts). Refused points
 * (unknown metric, no flow, values outside the telemetry limits, more measurements than a batch may hold, flows
 * outside the agent's scope) are reported in partialSuccess, each reason once; the rest is stored.
 */
export async function ingestOtlpMetrics(ctx: Ctx, request: OtlpMetricsRequest): Promise<OtlpResponse> {
  requirePermission(ctx, "telemetry.write");
  const agent = ctx.agent;
  if (!agent) throw new AppError("FORBIDDEN", "Only connector agents send telemetry");
  const keys = cumulativeSeriesKeys(request);
  const previous = new Map<string, SeriesState>();
  if (keys.length) {
    const rows = await database().driver.query<{ series_key: string; state: SeriesState }>(
      `SELECT series_key, state FROM otlp_series WHERE agent_id = $1::uuid AND series_key = ANY($2::text[])`,
      [agent.id, [...new Set(keys)]],
    );
    for (const row of rows) previous.set(row.series_key, row.state);
  }
  const mapping = mapOtlpMetrics(request, { previous, rules: flowMappingFromEnv() });
  const errors = [...mapping.errors];
  let rejected = mapping.rejectedPoints;
  // The same limits as POST /api/v1/telemetry: every mapped measurement must satisfy the Measurement schema.
  const measurements: Measurement[] = [];
  const pointsPer: number[] = [];
  mapping.measurements.forEach((m, i) => {
    const checked = Measurement.safeParse(m);
    if (!checked.success) {
      rejected += mapping.pointsPer[i];
      const issue = checked.error.issues[0];
      errors.push(`flow ${shortId(String(m.flowId))}: ${issue.path.join(".") || "measurement"}: ${issue.message}`);
      return;
    }
    if (measurements.length >= MAX_MEASUREMENTS_PER_BATCH) {
      rejected += mapping.pointsPer[i];
      errors.push(`more than ${MAX_MEASUREMENTS_PER_BATCH} measurements (flow x window) in one export; send smaller exports`);
      return;
    }
    measurements.push(checked.data);
    pointsPer.push(mapping.pointsPer[i]);
  });
  if (measurements.length || mapping.series.size) {
    const batchId = "otlp:" + createHash("sha256").update(JSON.stringify(request)).digest("hex");
    const result = await ingestTelemetry(ctx, { batchId, measurements }, { inTransaction: (tx) => saveSeries(tx, agent.id, mapping.series) });
    for (const item of result.rejected) {
      rejected += pointsPer[item.index];
      errors.push(item.reason);
    }
  }
  if (!rejected) return {};
  return { partialSuccess: { rejectedDataPoints: rejected, errorMessage: [...new Set(errors)].slice(0, 10).join("; ") } };
}

/** Keeps each series' newest point; an older export arriving late does not move it back. */
async function saveSeries(tx: Tx, agentId: string, series: Map<string, SeriesState>): Promise<void> {
  if (!series.size) return;
  await tx.query(
    `INSERT INTO otlp_series AS s (agent_id, series_key, state, updated_at)
     SELECT $1::uuid, r.key, r.state, now() FROM jsonb_to_recordset($2::jsonb) AS r(key text, state jsonb)
     ON CONFLICT (agent_id, series_key) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
     WHERE (s.state->>'time')::numeric < (excluded.state->>'time')::numeric OR s.state->>'start' <> excluded.state->>'start'`,
    [agentId, JSON.stringify([...series].map(([key, state]) => ({ key, state })))],
  );
}
