// Cumulative OTLP series to deltas, and exponential histograms to percentiles. Pure; ingest-otlp.ts keeps the last
// point of every cumulative series (table otlp_series) so each point's increase is stored once.
import { createHash } from "node:crypto";

/** The last cumulative point seen of a series: its start (a new start is a restart), time and value or buckets. */
export type SeriesState = { start: string; time: string; value: number; buckets: Buckets | null };
/** Explicit buckets (bounds + counts) or exponential ones (scale + absolute index -> count). */
export type Buckets = { kind: "explicit"; bounds: number[]; counts: number[] } | { kind: "exponential"; scale: number; zero: number; counts: Record<string, number> };

export type Delta = { value: number; buckets: Buckets | null; windowStart: string; reset: boolean };

type Attr = { key: string; value?: Record<string, unknown> };

/** A series is one metric of one resource with one set of point attributes. */
export function seriesKey(metric: string, resource: Attr[] | undefined, point: Attr[] | undefined): string {
  const canonical = (attrs: Attr[] | undefined) => JSON.stringify([...(attrs ?? [])].sort((a, b) => a.key.localeCompare(b.key)).map((a) => [a.key, a.value ?? null]));
  return createHash("sha256").update(`${metric}\n${canonical(resource)}\n${canonical(point)}`).digest("hex").slice(0, 40);
}

const later = (a: string, b: string) => BigInt(a) > BigInt(b);

/**
 * The increase of a cumulative point over the series' previous point. The first point of a series, and a point after a
 * reset (a new start time, or a value that went down: the process restarted), counts in full from its own start.
 * A point no newer than the previous one (a retry, or out of order) adds nothing.
 */
export function cumulativeDelta(previous: SeriesState | undefined, point: { start: string; time: string; value: number; buckets: Buckets | null }): Delta | null {
  if (previous && previous.start === point.start && !later(point.time, previous.time)) return null;
  const reset = !previous || previous.start !== point.start || point.value < previous.value || !sameShape(previous.buckets, point.buckets);
  if (reset) return { value: point.value, buckets: point.buckets, windowStart: point.start, reset: Boolean(previous) };
  return { value: point.value - previous.value, buckets: subtract(point.buckets, previous.buckets), windowStart: previous.time, reset: false };
}

function sameShape(a: Buckets | null, b: Buckets | null): boolean {
  if (!a || !b) return a === b;
  if (a.kind === "explicit" && b.kind === "explicit") return a.bounds.length === b.bounds.length && a.bounds.every((x, i) => x === b.bounds[i]);
  return a.kind === "exponential" && b.kind === "exponential";
}

/** Exponential buckets at `scale`, merged down to a coarser scale (SDKs downscale as the range grows). */
function downscale(counts: Record<string, number>, from: number, to: number): Record<string, number> {
  if (from <= to) return counts;
  const out: Record<string, number> = {};
  for (const [index, count] of Object.entries(counts)) {
    const merged = String(Number(index) >> (from - to));
    out[merged] = (out[merged] ?? 0) + count;
  }
  return out;
}

function subtract(current: Buckets | null, previous: Buckets | null): Buckets | null {
  if (!current || !previous) return current;
  if (current.kind === "explicit" && previous.kind === "explicit") {
    return { ...current, counts: current.counts.map((c, i) => Math.max(0, c - (previous.counts[i] ?? 0))) };
  }
  if (current.kind === "exponential" && previous.kind === "exponential") {
    const scale = Math.min(current.scale, previous.scale);
    const now = downscale(current.counts, current.scale, scale);
    const before = downscale(previous.counts, previous.scale, scale);
    const counts: Record<string, number> = {};
    for (const [index, count] of Object.entries(now)) counts[index] = Math.max(0, count - (before[index] ?? 0));
    return { kind: "exponential", scale, zero: Math.max(0, current.zero - previous.zero), counts };
  }
  return current;
}

/** Percentile of an exponential histogram (positive buckets and the zero bucket), interpolating inside a bucket. */
export function exponentialQuantile(q: number, buckets: Extract<Buckets, { kind: "exponential" }>, min?: number, max?: number): number | null {
  const base = 2 ** (2 ** -buckets.scale);
  const entries = Object.entries(buckets.counts).map(([i, c]) => [Number(i), c] as const).filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
  const total = buckets.zero + entries.reduce((a, [, c]) => a + c, 0);
  if (!total) return null;
  const rank = q * total;
  if (rank <= buckets.zero) return 0;
  let seen = buckets.zero;
  for (const [index, count] of entries) {
    if (seen + count >= rank) {
      const lower = Math.max(base ** index, min ?? 0);
      const upper = Math.min(base ** (index + 1), max ?? Infinity);
      const value = lower + ((rank - seen) / count) * Math.max(0, upper - lower);
      return Math.round(value * 1000) / 1000;
    }
    seen += count;
  }
  return max ?? null;
}
