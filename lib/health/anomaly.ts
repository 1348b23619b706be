// Robust seasonal baselines: median and MAD per flow, metric and hour of week. Pure; evaluate.ts computes the
// same statistics in SQL for the whole estate (percentile_cont), and this module judges a value against them.

export const ANOMALY_METRICS = ["volume", "latency_p95", "failure_rate"] as const;
export type AnomalyMetric = (typeof ANOMALY_METRICS)[number];

export function median(values: readonly number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Median absolute deviation from the median. */
export function mad(values: readonly number[]): number | null {
  const m = median(values);
  if (m === null) return null;
  return median(values.map((v) => Math.abs(v - m)));
}

/** Hour of week in UTC, 0 = Monday 00:00. */
export function hourOfWeek(at: Date): number {
  return ((at.getUTCDay() + 6) % 7) * 24 + at.getUTCHours();
}

export type Baseline = { median: number; mad: number; samples: number };

// 1.4826 x MAD estimates the standard deviation of normal data; the floors stop a perfectly flat history
// (MAD 0) from flagging every tiny wobble.
const MAD_SCALE = 1.4826;
const SCALE_FLOOR: Record<AnomalyMetric, number> = { volume: 1, latency_p95: 5, failure_rate: 0.005 };
export const MIN_BASELINE_SAMPLES = 30;
export const ANOMALY_Z = 4;

export function robustZ(value: number, baseline: Baseline, metric: AnomalyMetric): number {
  const scale = Math.max(baseline.mad * MAD_SCALE, Math.abs(baseline.median) * 0.05, SCALE_FLOOR[metric]);
  return (value - baseline.median) / scale;
}

export type AnomalyFinding = { metric: AnomalyMetric; value: number; median: number; mad: number; samples: number; z: number; direction: "high" | "low" };

/**
 * Judges a current value against its baseline. Volume is anomalous both ways (a drop is as telling as a flood);
 * latency and failure rate only when high.
 */
export function judge(metric: AnomalyMetric, value: number | null, baseline: Baseline | undefined): AnomalyFinding | null {
  if (value === null || !baseline || baseline.samples < MIN_BASELINE_SAMPLES) return null;
  const z = robustZ(value, baseline, metric);
  const anomalous = metric === "volume" ? Math.abs(z) >= ANOMALY_Z : z >= ANOMALY_Z;
  if (!anomalous) return null;
  return { metric, value, median: baseline.median, mad: baseline.mad, samples: baseline.samples, z: Math.round(z * 100) / 100, direction: z > 0 ? "high" : "low" };
}
