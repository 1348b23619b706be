// OTLP/HTTP JSON metrics (ExportMetricsServiceRequest) to Interchange measurements. Pure; ingest-otlp.ts stores them.
import { z } from "zod";
import type { Measurement } from "./schemas";

export const FLOW_ATTRIBUTE = "interchange.flow.id";
export const OTLP_METRICS = {
  delivered: "interchange.flow.delivered",
  failed: "interchange.flow.failed",
  latency: "interchange.flow.latency",
  lag: "interchange.flow.lag",
} as const;

const AnyValue = z.object({
  stringValue: z.string().max(1000).optional(),
  // Checked when read (INT_VALUE): a malformed value refuses the point, not the whole export.
  intValue: z.union([z.string().max(10_000), z.number()]).optional(),
  doubleValue: z.number().optional(),
  boolValue: z.boolean().optional(),
}).passthrough();
const Attribute = z.object({ key: z.string().max(500), value: AnyValue.optional() });
const Attributes = z.array(Attribute).max(200).optional();
const Nanos = z.union([z.string().regex(/^\d{1,20}$/), z.number().int().min(0).max(Number.MAX_SAFE_INTEGER)]);
const NumberPoint = z.object({
  attributes: Attributes,
  startTimeUnixNano: Nanos.optional(),
  timeUnixNano: Nanos.optional(),
  asInt: z.union([z.string().max(100), z.number()]).optional(),
  asDouble: z.number().optional(),
});
const HistogramPoint = z.object({
  attributes: Attributes,
  startTimeUnixNano: Nanos.optional(),
  timeUnixNano: Nanos.optional(),
  count: z.union([z.string(), z.number()]).optional(),
  sum: z.number().optional(),
  bucketCounts: z.array(z.union([z.string(), z.number()])).max(500).optional(),
  explicitBounds: z.array(z.number()).max(500).optional(),
  min: z.number().optional(),
  max: z.number().optional(),
});
const Temporality = z.union([z.number().int(), z.string()]).optional();
const Metric = z.object({
  name: z.string().max(500),
  unit: z.string().max(100).optional(),
  sum: z.object({ dataPoints: z.array(NumberPoint).max(10000).optional(), aggregationTemporality: Temporality, isMonotonic: z.boolean().optional() }).optional(),
  gauge: z.object({ dataPoints: z.array(NumberPoint).max(10000).optional() }).optional(),
  histogram: z.object({ dataPoints: z.array(HistogramPoint).max(10000).optional(), aggregationTemporality: Temporality }).optional(),
  exponentialHistogram: z.object({ dataPoints: z.array(z.unknown()).max(10000).optional() }).optional(),
  summary: z.object({ dataPoints: z.array(z.unknown()).max(10000).optional() }).optional(),
});
export const OtlpMetricsRequest = z
  .object({
    resourceMetrics: z
      .array(
        z.object({
          resource: z.object({ attributes: Attributes }).optional(),
          scopeMetrics: z.array(z.object({ metrics: z.array(Metric).max(10000).optional() })).max(1000).optional(),
        }),
      )
      .max(1000)
      .default([]),
  })
  .meta({ id: "OtlpExportMetricsServiceRequest" });
export type OtlpMetricsRequest = z.infer<typeof OtlpMetricsRequest>;

type Attrs = z.infer<typeof Attributes>;

/** An OTLP intValue is an int64: at most 20 digits. Anything else (a 5,000-char "number") is not a flow id. */
const INT_VALUE = /^-?\d{1,20}$/;
const INVALID = Symbol("invalid attribute value");

function attribute(attrs: Attrs, key: string): string | typeof INVALID | undefined {
  const value = attrs?.find((a) => a.key === key)?.value;
  if (!value) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.intValue === undefined) return undefined;
  const text = String(value.intValue);
  return INT_VALUE.test(text) ? text : INVALID;
}

const toNumber = (v: string | number | undefined) => (v === undefined ? undefined : Number(v));
const nanosToMs = (v: string | number | undefined) => (v === undefined ? undefined : Number(BigInt(v) / 1_000_000n));

/** Delta is what a measurement means; cumulative sums would need per-series state (use the collector's cumulativetodelta). */
function isDelta(t: string | number | undefined): boolean {
  return t === undefined || t === 1 || t === "AGGREGATION_TEMPORALITY_DELTA";
}

/** Percentile from explicit-bucket histogram counts, interpolating linearly inside the bucket. */
export function histogramQuantile(q: number, bucketCounts: number[], bounds: number[], min?: number, max?: number): number | null {
  const total = bucketCounts.reduce((a, b) => a + b, 0);
  if (!total) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < bucketCounts.length; i++) {
    const inBucket = bucketCounts[i];
    if (seen + inBucket >= rank && inBucket > 0) {
      const lower = i === 0 ? Math.min(min ?? 0, bounds[0] ?? 0) : bounds[i - 1];
      const upper = i < bounds.length ? bounds[i] : Math.max(max ?? bounds[bounds.length - 1] ?? lower, lower);
      const value = lower + ((rank - seen) / inBucket) * (upper - lower);
      return Math.round(Math.min(value, max ?? value) * 1000) / 1000;
    }
    seen += inBucket;
  }
  return bounds.length ? bounds[bounds.length - 1] : null;
}

export type OtlpMapping = {
  measurements: Measurement[];
  /** Data points behind each measurement, so refused measurements count the points they came from. */
  pointsPer: number[];
  rejectedPoints: number;
  errors: string[];
};

/** Maps the request's data points to one measurement per flow and window; points that cannot be mapped are counted and explained. */
export function mapOtlpMetrics(request: OtlpMetricsRequest, now = Date.now()): OtlpMapping {
  const byKey = new Map<string, { m: Measurement; points: number }>();
  const errors = new Set<string>();
  let rejectedPoints = 0;
  const reject = (n: number, why: string) => {
    rejectedPoints += n;
    errors.add(why);
  };
  const slot = (flowId: string, start?: string | number, end?: string | number) => {
    const endMs = nanosToMs(end) || now;
    const startMs = nanosToMs(start) || endMs - 60_000;
    const key = `${flowId}|${startMs}|${endMs}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { m: { flowId, windowStart: new Date(startMs).toISOString(), windowEnd: new Date(Math.max(endMs, startMs)).toISOString(), delivered: 0, failed: 0 }, points: 0 };
      byKey.set(key, entry);
    }
    entry.points += 1;
    return entry.m;
  };

  for (const rm of request.resourceMetrics) {
    const resourceFlow = attribute(rm.resource?.attributes, FLOW_ATTRIBUTE);
    for (const sm of rm.scopeMetrics ?? []) {
      for (const metric of sm.metrics ?? []) {
        const points = [...(metric.sum?.dataPoints ?? []), ...(metric.gauge?.dataPoints ?? [])];
        const histogram = metric.histogram?.dataPoints ?? [];
        const total = points.length + histogram.length + (metric.exponentialHistogram?.dataPoints?.length ?? 0) + (metric.summary?.dataPoints?.length ?? 0);
        const known = Object.values(OTLP_METRICS) as string[];
        if (!known.includes(metric.name)) {
          reject(total, `metric ${metric.name} is not one of ${known.join(", ")}`);
          continue;
        }
        const expected = metric.name === OTLP_METRICS.latency ? "histogram" : metric.name === OTLP_METRICS.lag ? "gauge" : "sum";
        if (!metric[expected]) {
          reject(total, `${metric.name} must be a ${expected}`);
          continue;
        }
        if (expected === "sum" && !isDelta(metric.sum?.aggregationTemporality)) {
          reject(total, `${metric.name} must use delta temporality (add the cumulativetodelta processor)`);
          continue;
        }
        if (expected === "histogram" && !isDelta(metric.histogram?.aggregationTemporality)) {
          reject(total, `${metric.name} must use delta temporality (add the cumulativetodelta processor)`);
          continue;
        }
        reject(total - (expected === "histogram" ? histogram.length : metric[expected]!.dataPoints?.length ?? 0), `${metric.name}: only ${expected} points are read`);
        if (expected === "histogram") {
          for (const p of histogram) {
            const flowId = attribute(p.attributes, FLOW_ATTRIBUTE) ?? resourceFlow;
            if (flowId === INVALID) {
              reject(1, `a data point of ${metric.name} has an ${FLOW_ATTRIBUTE} intValue that is not an int64`);
              continue;
            }
            if (!flowId) {
              reject(1, `a data point of ${metric.name} has no ${FLOW_ATTRIBUTE} attribute (on the point or its resource)`);
              continue;
            }
            const counts = (p.bucketCounts ?? []).map(Number);
            const bounds = p.explicitBounds ?? [];
            const m = slot(flowId, p.startTimeUnixNano, p.timeUnixNano);
            const q = (x: number) => histogramQuantile(x, counts, bounds, p.min, p.max) ?? undefined;
            m.latencyMs = { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
          }
          continue;
        }
        for (const p of metric[expected]!.dataPoints ?? []) {
          const flowId = attribute(p.attributes, FLOW_ATTRIBUTE) ?? resourceFlow;
          const value = p.asDouble ?? toNumber(p.asInt);
          if (flowId === INVALID) {
            reject(1, `a data point of ${metric.name} has an ${FLOW_ATTRIBUTE} intValue that is not an int64`);
            continue;
          }
          if (!flowId || value === undefined || !Number.isFinite(value) || value < 0) {
            reject(1, flowId ? `a data point of ${metric.name} has no non-negative value` : `a data point of ${metric.name} has no ${FLOW_ATTRIBUTE} attribute (on the point or its resource)`);
            continue;
          }
          const m = slot(flowId, p.startTimeUnixNano, p.timeUnixNano);
          if (metric.name === OTLP_METRICS.delivered) m.delivered += Math.round(value);
          else if (metric.name === OTLP_METRICS.failed) m.failed += Math.round(value);
          else m.lagSeconds = Math.max(m.lagSeconds ?? 0, value);
        }
      }
    }
  }
  const entries = [...byKey.values()];
  return { measurements: entries.map((e) => e.m), pointsPer: entries.map((e) => e.points), rejectedPoints, errors: [...errors] };
}
