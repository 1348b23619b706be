// Robust statistics and the finding an anomaly check reports. The model lives in seasonal.ts, the judgement and
// hysteresis in detect.ts.

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

/**
 * What a check found: the observed value against the model's expectation (`median`), the model's spread (`mad`:
 * the relative tolerance for volume, the MAD for latency), the minutes judged (`samples`) and a z-like score.
 */
export type AnomalyFinding = { metric: AnomalyMetric; value: number; median: number; mad: number; samples: number; z: number; direction: "high" | "low" };
