import "server-only";
import { createHash } from "node:crypto";
import type { Ctx } from "@/lib/auth/can";
import { ingestTelemetry } from "./ingest";
import { mapOtlpMetrics, type OtlpMetricsRequest } from "./otlp";
import { MAX_MEASUREMENTS_PER_BATCH, Measurement } from "./schemas";

export type OtlpResponse = { partialSuccess?: { rejectedDataPoints: number; errorMessage: string } };

const shortId = (id: string) => (id.length > 60 ? `${id.slice(0, 57)}...` : id);

/**
 * POST /api/otlp/v1/metrics: maps the points to measurements and ingests them like a telemetry batch. The batch id is
 * the hash of the request, so a collector retrying the same export counts once. Refused points (unknown metric, no
 * flow attribute, cumulative sums, values outside the telemetry limits, more measurements than a batch may hold,
 * flows outside the agent's scope) are reported in partialSuccess; the rest is stored.
 */
export async function ingestOtlpMetrics(ctx: Ctx, request: OtlpMetricsRequest): Promise<OtlpResponse> {
  const mapping = mapOtlpMetrics(request);
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
  if (measurements.length) {
    const batchId = "otlp:" + createHash("sha256").update(JSON.stringify(request)).digest("hex");
    const result = await ingestTelemetry(ctx, { batchId, measurements });
    for (const item of result.rejected) {
      rejected += pointsPer[item.index];
      errors.push(item.reason);
    }
  }
  if (!rejected) return {};
  return { partialSuccess: { rejectedDataPoints: rejected, errorMessage: [...new Set(errors)].slice(0, 10).join("; ") } };
}
