// Judges the last complete minutes of a flow against its seasonal model, and keeps one incident per fault through
// hysteresis. Pure; the evaluator (evaluate.ts) and the replay bench (bench/anomaly.ts) call the same functions.
import type { AnomalyFinding } from "./anomaly";
import { expectedPerMinute, type SeasonalModel } from "./seasonal";

/** One complete minute of a flow: volume = delivered + failed. */
export type MinutePoint = { minute: number; volume: number; failed: number; p95: number | null };

// Tail probability under which a count is too unlikely to be noise (per window and evaluation).
const ALPHA = 1e-6;
const WINDOWS = [5, 15, 30] as const;
/** How many of the most recent minutes the rules read (the longest window): older ones change no finding. */
export const JUDGED_MINUTES = Math.max(...WINDOWS);
// Above the expectation only a flood counts: at least twice the expectation and its tolerance.
const HIGH_FACTOR = 2;
const LATENCY_FACTOR = 2;
const FAILURE_FACTOR = 3;

/** log P(X <= k) for X ~ Poisson(mu), exact by summation (k is small where it matters) or normal beyond. */
export function poissonLowerTail(k: number, mu: number): number {
  if (mu <= 0) return 0;
  if (k < 0) return -Infinity;
  if (mu > 400) return logNormalCdf((k + 0.5 - mu) / Math.sqrt(mu));
  let term = -mu;
  let sum = Math.exp(term);
  for (let i = 1; i <= k; i++) {
    term += Math.log(mu / i);
    sum += Math.exp(term);
  }
  return Math.log(Math.min(1, sum));
}

/** log P(X >= k) for X ~ Poisson(mu). */
export function poissonUpperTail(k: number, mu: number): number {
  if (k <= 0) return 0;
  if (mu <= 0) return -Infinity;
  if (mu > 400) return logNormalCdf(-(k - 0.5 - mu) / Math.sqrt(mu));
  const below = Math.exp(poissonLowerTail(k - 1, mu));
  // Beyond double precision: bound by the first term of the tail.
  if (below > 1 - 1e-12) return -mu + k * Math.log(mu) - logFactorial(k);
  return Math.log(1 - below);
}

function logFactorial(n: number): number {
  let s = 0;
  for (let i = 2; i <= n; i++) s += Math.log(i);
  return s;
}

function logNormalCdf(z: number): number {
  if (z > -5) return Math.log(0.5 * erfc(-z / Math.SQRT2));
  // Asymptotic tail: phi(z)/|z|.
  return -0.5 * z * z - Math.log(-z * Math.sqrt(2 * Math.PI));
}

function erfc(x: number): number {
  // Numerical Recipes erfc, relative error < 1.2e-7.
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r = t * Math.exp(-z * z - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))));
  return x >= 0 ? r : 2 - r;
}

const LOG_ALPHA = Math.log(ALPHA);
const round = (n: number) => Math.round(n * 1000) / 1000;

/**
 * Findings for the minutes ending at the last complete one (the caller never passes a minute still arriving). Volume
 * is judged over 5, 15 and 30 minutes with Poisson tails around the model's band, so a stop at 10 msg/min is caught
 * in minutes while normal wobble at the same rate is not; failures with a Poisson tail over 3x the usual rate;
 * latency against the last day's p95.
 */
export function detectAnomalies(model: SeasonalModel, minutes: readonly MinutePoint[]): AnomalyFinding[] {
  const findings: AnomalyFinding[] = [];
  const sorted = [...minutes].sort((a, b) => b.minute - a.minute);
  if (!sorted.length) return findings;
  let volume: AnomalyFinding | null = null;
  for (const w of WINDOWS) {
    const window = sorted.slice(0, w);
    if (window.length < w || sorted[0].minute - window[w - 1].minute !== (w - 1) * 60_000) break;
    const observed = window.reduce((a, m) => a + m.volume, 0);
    const expected = window.reduce((a, m) => a + expectedPerMinute(model, m.minute), 0);
    const low = expected * (1 - model.tolerance);
    const high = expected * Math.max(HIGH_FACTOR, 1 + model.tolerance);
    const z = (observed - expected) / Math.max(Math.sqrt(expected), 1);
    if (observed < low && poissonLowerTail(observed, low) < LOG_ALPHA) {
      volume = { metric: "volume", value: round(observed / w), median: round(expected / w), mad: round(model.tolerance), samples: w, z: round(z), direction: "low" };
      break;
    }
    if (observed > high && poissonUpperTail(observed, high) < LOG_ALPHA) {
      volume = { metric: "volume", value: round(observed / w), median: round(expected / w), mad: round(model.tolerance), samples: w, z: round(z), direction: "high" };
      break;
    }
  }
  if (volume) findings.push(volume);

  for (const w of [5, 15]) {
    const window = sorted.slice(0, w);
    const n = window.reduce((a, m) => a + m.volume, 0);
    const failed = window.reduce((a, m) => a + m.failed, 0);
    const allowed = n * Math.max(model.failureRate * FAILURE_FACTOR, model.failureRate + 0.002);
    if (failed >= 3 && failed > allowed && poissonUpperTail(failed, allowed) < LOG_ALPHA) {
      findings.push({ metric: "failure_rate", value: round(failed / n), median: round(model.failureRate), mad: 0, samples: w, z: round((failed - allowed) / Math.max(Math.sqrt(allowed), 1)), direction: "high" });
      break;
    }
  }

  if (model.latency) {
    const recent = sorted.slice(0, 5).map((m) => m.p95).filter((v): v is number => v !== null).sort((a, b) => a - b);
    if (recent.length >= 3) {
      const current = recent[recent.length >> 1];
      const { median, mad } = model.latency;
      const limit = Math.max(median * LATENCY_FACTOR, median + 6 * 1.4826 * mad);
      if (current > limit) findings.push({ metric: "latency_p95", value: round(current), median: round(median), mad: round(mad), samples: recent.length, z: round((current - median) / Math.max(1.4826 * mad, 1)), direction: "high" });
    }
  }
  return findings;
}

/** Per flow: consecutive anomalous and calm minutes, and whether an anomaly incident stands. */
export type AnomalyState = { minute: number; streak: number; calm: number; open: boolean };

export const OPEN_AFTER_MINUTES = 2;
export const CLOSE_AFTER_MINUTES = 10;

/**
 * Advances the hysteresis by one judged minute: an incident opens after 2 anomalous minutes in a row and closes after
 * 10 calm ones, so one fault opens one incident. Judging the same minute again changes nothing.
 */
export function stepHysteresis(state: AnomalyState | undefined, minute: number, anomalous: boolean): AnomalyState {
  const s = state ?? { minute: 0, streak: 0, calm: 0, open: false };
  if (minute <= s.minute) return s;
  const streak = anomalous ? s.streak + 1 : 0;
  const calm = anomalous ? 0 : s.calm + 1;
  const open = s.open ? calm < CLOSE_AFTER_MINUTES : streak >= OPEN_AFTER_MINUTES;
  return { minute, streak, calm, open };
}
