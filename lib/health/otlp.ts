// OTLP/HTTP metrics (ExportMetricsServiceRequest, JSON or protobuf decoded to the same shape) to Interchange
// measurements. Pure; ingest-otlp.ts loads the cumulative series' last points and stores the result.
import { z } from "zod";
import { cumulativeDelta, exponentialQuantile, seriesKey, type Buckets, type SeriesState } from "./otlp-series";
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
const ExponentialBuckets = z.object({ offset: z.number().int().optional(), bucketCounts: z.array(z.union([z.string(), z.number()])).max(1000).optional() });
const ExponentialPoint = z.object({
  attributes: Attributes,
  startTimeUnixNano: Nanos.optional(),
  timeUnixNano: Nanos.optional(),
  count: z.union([z.string(), z.number()]).optional(),
  sum: z.number().optional(),
  scale: z.number().int().min(-10).max(20).optional(),
  zeroCount: z.union([z.string(), z.number()]).optional(),
  positive: ExponentialBuckets.optional(),
  negative: ExponentialBuckets.optional(),
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
  exponentialHistogram: z.object({ dataPoints: z.array(ExponentialPoint).max(10000).optional(), aggregationTemporality: Temporality }).optional(),
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

/**
 * Maps attributes to a flow when the sender does not set interchange.flow.id: every attribute of `match` (looked up on
 * the point, then its resource) must equal the given value, e.g. { "service.name": "orders", "messaging.destination.name":
 * "orders.created" } -> a flow id. Configured in OTLP_FLOW_MAPPING (JSON array).
 */
export const FlowMappingRule = z.object({ match: z.record(z.string().max(500), z.string().max(1000)), flowId: z.string().min(1).max(200) });
export type FlowMappingRule = z.infer<typeof FlowMappingRule>;

export function flowMappingFromEnv(env: NodeJS.ProcessEnv = process.env): FlowMappingRule[] {
  const text = env.OTLP_FLOW_MAPPING?.trim();
  if (!text) return [];
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`OTLP_FLOW_MAPPING is not valid JSON: ${(error as Error).message}`);
  }
  const rules = z.array(FlowMappingRule).max(10_000).safeParse(parsed);
  if (!rules.success) {
    const issue = rules.error.issues[0];
    throw new Error(`OTLP_FLOW_MAPPING /${issue.path.join("/")}: ${issue.message}`);
  }
  return rules.data;
}

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

const nanosOf = (ms: number) => String(BigInt(ms) * 1_000_000n);

function temporality(t: string | number | undefined): "delta" | "cumulative" | "unknown" {
  if (t === undefined || t === 1 || t === "AGGREGATION_TEMPORALITY_DELTA") return "delta";
  if (t === 2 || t === "AGGREGATION_TEMPORALITY_CUMULATIVE") return "cumulative";
  return "unknown";
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
  /** The new last point of every cumulative series seen, to keep for the next export. */
  series: Map<string, SeriesState>;
};

export type OtlpMappingOptions = { now?: number; previous?: ReadonlyMap<string, SeriesState>; rules?: readonly FlowMappingRule[] };

type Point = { attributes?: Attrs; startTimeUnixNano?: string | number; timeUnixNano?: string | number };

/** Keys of the cumulative series in a request, to load their previous points before mapping. */
export function cumulativeSeriesKeys(request: OtlpMetricsRequest): string[] {
  const keys: string[] = [];
  for (const rm of request.resourceMetrics) {
    for (const sm of rm.scopeMetrics ?? []) {
      for (const metric of sm.metrics ?? []) {
        const data = metric.sum ?? metric.histogram ?? metric.exponentialHistogram;
        if (!data || temporality(data.aggregationTemporality) !== "cumulative") continue;
        for (const p of (data.dataPoints ?? []) as Point[]) keys.push(seriesKey(metric.name, rm.resource?.attributes, p.attributes));
      }
    }
  }
  return keys;
}

const LATENCY_UNITS: Record<string, number> = { "": 1, ms: 1, s: 1000, us: 0.001 };
type Kind = "sum" | "gauge" | "histogram" | "exponentialHistogram";

/** Maps the request's data points to one measurement per flow and window; points that cannot be mapped are counted and explained. */
export function mapOtlpMetrics(request: OtlpMetricsRequest, options: OtlpMappingOptions = {}): OtlpMapping {
  const now = options.now ?? Date.now();
  const byKey = new Map<string, { m: Measurement; points: number }>();
  const errors = new Set<string>();
  const series = new Map<string, SeriesState>();
  let rejectedPoints = 0;
  // Only reasons that refused at least one point are reported.
  const reject = (n: number, why: string) => {
    if (n <= 0) return;
    rejectedPoints += n;
    errors.add(why);
  };
  const slot = (flowId: string, startMs: number | undefined, endMs: number | undefined) => {
    const end = endMs || now;
    const start = startMs || end - 60_000;
    const key = `${flowId}|${start}|${end}`;
    let entry = byKey.get(key);
    if (!entry) {
      entry = { m: { flowId, windowStart: new Date(start).toISOString(), windowEnd: new Date(Math.max(end, start)).toISOString(), delivered: 0, failed: 0 }, points: 0 };
      byKey.set(key, entry);
    }
    entry.points += 1;
    return entry.m;
  };
  const flowOf = (point: Attrs, resource: Attrs): string | typeof INVALID | undefined => {
    const direct = attribute(point, FLOW_ATTRIBUTE) ?? attribute(resource, FLOW_ATTRIBUTE);
    if (direct !== undefined) return direct;
    const rule = options.rules?.find((r) => Object.entries(r.match).every(([key, value]) => (attribute(point, key) ?? attribute(resource, key)) === value));
    return rule?.flowId;
  };

  for (const rm of request.resourceMetrics) {
    const resource = rm.resource?.attributes;
    for (const sm of rm.scopeMetrics ?? []) {
      for (const metric of sm.metrics ?? []) {
        const count = (d?: { dataPoints?: unknown[] }) => d?.dataPoints?.length ?? 0;
        const total = count(metric.sum) + count(metric.gauge) + count(metric.histogram) + count(metric.exponentialHistogram) + count(metric.summary);
        const known = Object.values(OTLP_METRICS) as string[];
        if (!known.includes(metric.name)) {
          reject(total, `metric ${metric.name} is not one of ${known.join(", ")}`);
          continue;
        }
        const isLatency = metric.name === OTLP_METRICS.latency;
        const isLag = metric.name === OTLP_METRICS.lag;
        const kind: Kind | null = isLatency ? (metric.histogram ? "histogram" : metric.exponentialHistogram ? "exponentialHistogram" : null) : isLag ? (metric.gauge ? "gauge" : null) : metric.sum ? "sum" : null;
        if (!kind) {
          reject(total, `${metric.name} must be a ${isLatency ? "histogram or exponential histogram" : isLag ? "gauge" : "sum"}`);
          continue;
        }
        const data = metric[kind]!;
        const temp = kind === "gauge" ? "delta" : temporality((data as { aggregationTemporality?: string | number }).aggregationTemporality);
        const points = (data.dataPoints ?? []) as Point[];
        reject(total - points.length, `${metric.name}: only ${kind} points are read`);
        if (temp === "unknown") {
          reject(points.length, `${metric.name} has an unknown aggregation temporality`);
          continue;
        }
        const unit = LATENCY_UNITS[metric.unit ?? ""];
        if (isLatency && unit === undefined) {
          reject(points.length, `${metric.name} has unit ${metric.unit}; send ms or s`);
          continue;
        }
        for (const p of points) {
          const flowId = flowOf(p.attributes, resource);
          if (flowId === INVALID) {
            reject(1, `a data point of ${metric.name} has an ${FLOW_ATTRIBUTE} intValue that is not an int64`);
            continue;
          }
          if (!flowId) {
            reject(1, `a data point of ${metric.name} has no ${FLOW_ATTRIBUTE} attribute (on the point or its resource) and matches no OTLP_FLOW_MAPPING rule`);
            continue;
          }
          const read = readPoint(kind, p);
          if (!read) {
            reject(1, `a data point of ${metric.name} has no non-negative value`);
            continue;
          }
          let { value, buckets } = read;
          let startMs = nanosToMs(p.startTimeUnixNano);
          if (temp === "cumulative") {
            const key = seriesKey(metric.name, resource, p.attributes);
            const state = { start: String(p.startTimeUnixNano ?? "0"), time: String(p.timeUnixNano ?? nanosOf(now)), value, buckets };
            const delta = cumulativeDelta(series.get(key) ?? options.previous?.get(key), state);
            if (!delta) continue; // counted already: a retried or older export
            series.set(key, state);
            ({ value, buckets } = delta);
            startMs = nanosToMs(delta.windowStart);
          }
          const m = slot(flowId, startMs, nanosToMs(p.timeUnixNano));
          if (kind === "gauge") m.lagSeconds = Math.max(m.lagSeconds ?? 0, value);
          else if (kind === "sum") {
            if (metric.name === OTLP_METRICS.delivered) m.delivered += Math.round(value);
            else m.failed += Math.round(value);
          } else if (buckets && value > 0) {
            const b = buckets;
            const q = (x: number) => {
              const v = b.kind === "explicit" ? histogramQuantile(x, b.counts, b.bounds, read.min, read.max) : exponentialQuantile(x, b, read.min, read.max);
              return v === null ? undefined : Math.round(v * unit * 1000) / 1000;
            };
            m.latencyMs = { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
          }
        }
      }
    }
  }
  const entries = [...byKey.values()];
  return { measurements: entries.map((e) => e.m), pointsPer: entries.map((e) => e.points), rejectedPoints, errors: [...errors], series };
}

type ReadPoint = { value: number; buckets: Buckets | null; min?: number; max?: number };

/** A point's value (a sum or gauge value, or a histogram's count) and its buckets; null when it has no usable value. */
function readPoint(kind: Kind, p: Point): ReadPoint | null {
  if (kind === "sum" || kind === "gauge") {
    const n = p as z.infer<typeof NumberPoint>;
    const value = n.asDouble ?? toNumber(n.asInt);
    return value === undefined || !Number.isFinite(value) || value < 0 ? null : { value, buckets: null };
  }
  if (kind === "histogram") {
    const h = p as z.infer<typeof HistogramPoint>;
    const counts = (h.bucketCounts ?? []).map(Number);
    const value = Number(h.count ?? counts.reduce((a, b) => a + b, 0));
    return Number.isFinite(value) && value >= 0 ? { value, buckets: { kind: "explicit", bounds: h.explicitBounds ?? [], counts }, min: h.min, max: h.max } : null;
  }
  const e = p as z.infer<typeof ExponentialPoint>;
  const counts: Record<string, number> = {};
  (e.positive?.bucketCounts ?? []).forEach((c, i) => {
    if (Number(c) > 0) counts[String((e.positive?.offset ?? 0) + i)] = Number(c);
  });
  const value = Number(e.count ?? 0);
  return Number.isFinite(value) && value >= 0 ? { value, buckets: { kind: "exponential", scale: e.scale ?? 0, zero: Number(e.zeroCount ?? 0), counts }, min: e.min, max: e.max } : null;
}
