// Window math: windows are aligned to multiples of the interval, so every agent's windows line up with the
// portal's per-minute roll-ups; counters become per-window deltas; latency samples become percentiles.
import type { FlowHint } from "./config";

export type Window = { start: number; end: number };

/** The window that ends at the last interval boundary at or before `now` (epoch ms). */
export function windowEndingBefore(now: number, intervalMs: number): Window {
  const end = Math.floor(now / intervalMs) * intervalMs;
  return { start: end - intervalMs, end };
}

/** Milliseconds from `now` to the next interval boundary (never 0: a tick exactly on a boundary waits a whole interval). */
export function msUntilNextBoundary(now: number, intervalMs: number): number {
  return intervalMs - (now % intervalMs) || intervalMs;
}

/**
 * The increase of a monotonic counter between two readings. A counter that went down was reset (stream or
 * queue recreated, server restarted): like Prometheus' increase(), the new value is the increase since the reset.
 */
export function counterDelta(previous: number, current: number): number {
  if (!Number.isFinite(previous) || !Number.isFinite(current)) return 0;
  return current >= previous ? current - previous : Math.max(0, current);
}

/** Nearest-rank percentiles (p50, p95, p99) of the samples, rounded to 0.1 ms; undefined for no samples. */
export function latencyPercentiles(samples: readonly number[]): { p50: number; p95: number; p99: number } | undefined {
  if (samples.length === 0) return undefined;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
  const round = (v: number) => Math.round(v * 10) / 10;
  return { p50: round(rank(50)), p95: round(rank(95)), p99: round(rank(99)) };
}

/** One per-flow, per-window measurement, as POST /api/v1/telemetry takes it. */
export type Measurement = {
  /** The catalog flow's id; any other id is recorded by the portal as a discovered flow, described by `flow`. */
  flowId: string;
  flow?: FlowHint;
  windowStart: string;
  windowEnd: string;
  delivered: number;
  failed: number;
  retried?: number;
  deadLettered?: number;
  latencyMs?: { p50: number; p95: number; p99: number };
  lagSeconds?: number;
  bytes?: number;
  /**
   * What the connector cannot measure for this flow, so the portal shows "not measured" instead of judging it:
   * latency, lag, or the exact delivered count ("delivered": `delivered` is a lower bound).
   */
  notMeasured?: NotMeasured[];
};

export type NotMeasured = "delivered" | "latency" | "lag";

/**
 * What a connector reports for one flow over one window; the agent adds the window bounds. `since` (epoch ms) starts
 * the measurement earlier when the counts cover more than the window: a restarted connector's counters since the last
 * window it reported before it stopped.
 */
export type Reading = Omit<Measurement, "windowStart" | "windowEnd"> & { since?: number };

export function toMeasurement({ since, ...reading }: Reading, window: Window): Measurement {
  const start = since !== undefined && since < window.start ? since : window.start;
  return { ...reading, windowStart: new Date(start).toISOString(), windowEnd: new Date(window.end).toISOString() };
}
