// The expected-volume model behind anomaly detection: a level with a trend, times a daily or weekly seasonal profile,
// fitted from a flow's hourly roll-ups. Pure; maintenance fits it every hour, the evaluator and bench/anomaly.ts use it.
import { mad, median } from "./anomaly";

export const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
// The largest time a Date holds; beyond it there is no hour of the week.
const MAX_DATE_MS = 8.64e15;

/** One hourly roll-up: volume = delivered + failed; p95 is the hour's worst minute. */
export type HourPoint = { hour: number; volume: number; failed: number; minutes: number; p95: number | null };

export type SeasonKind = "recent" | "daily" | "weekly";

export type SeasonalModel = {
  fittedAt: number;
  /** How much history the model was fitted on, in days. */
  days: number;
  kind: SeasonKind;
  /** Deseasonalised volume per minute at fittedAt, and its change per hour (the trend). */
  level: number;
  slopePerHour: number;
  /** 168 multiplicative factors by hour of week (Monday 00:00 UTC = 0); all 1 for "recent". */
  season: number[];
  /** Relative tolerance the model allows around its expectation (its own error, never below a floor). */
  tolerance: number;
  failureRate: number;
  latency: { median: number; mad: number } | null;
};

// 1 January 1970 was a Thursday: day 0 is the fourth day of its week, counted from Monday.
const EPOCH_WEEKDAY = 3;
const modulo = (n: number, m: number) => ((n % m) + m) % m;

/** The hour of the week (Monday 00:00 UTC = 0) at `ms`, by arithmetic: the evaluator asks it for every judged minute. */
export function hourOfWeekAt(ms: number): number {
  if (!(Math.abs(ms) <= MAX_DATE_MS)) return NaN;
  // A Date drops the fraction of a millisecond towards zero.
  const t = Math.trunc(ms);
  const days = Math.floor(t / DAY);
  return modulo(days + EPOCH_WEEKDAY, 7) * 24 + Math.floor((t - days * DAY) / HOUR);
}

// A model that has seen full weeks knows the weekend; before that a weekday-to-weekend swing is within its error.
const TOLERANCE_FLOOR: Record<SeasonKind, number> = { weekly: 0.3, daily: 0.5, recent: 0.55 };
// Residual spread x this is the tolerance (about 4 standard deviations of the model's own hourly error).
const SPREAD_K = 4;

const flat = () => new Array<number>(168).fill(1);

/** Per-minute rate of each hour with at least half its minutes reported. */
function rates(history: readonly HourPoint[]) {
  return history.filter((h) => h.minutes >= 30).map((h) => ({ hour: h.hour, rate: h.volume / h.minutes }));
}

/** Seasonal factors: each hour's rate over the mean rate of its day (daily) or its week (weekly), median per slot. */
function seasonFrom(points: { hour: number; rate: number }[], kind: "daily" | "weekly"): number[] {
  const span = kind === "daily" ? DAY : WEEK;
  const means = new Map<number, { sum: number; n: number }>();
  for (const p of points) {
    const key = Math.floor(p.hour / span);
    const m = means.get(key) ?? { sum: 0, n: 0 };
    m.sum += p.rate;
    m.n += 1;
    means.set(key, m);
  }
  const slots = Array.from({ length: 168 }, () => [] as number[]);
  for (const p of points) {
    const m = means.get(Math.floor(p.hour / span))!;
    // A partial day or week says little about the shape.
    if (m.n < (kind === "daily" ? 12 : 84) || m.sum <= 0) continue;
    const ratio = p.rate / (m.sum / m.n);
    const how = hourOfWeekAt(p.hour);
    if (kind === "weekly") slots[how].push(ratio);
    else for (let d = 0; d < 7; d++) slots[d * 24 + (how % 24)].push(ratio);
  }
  const season = slots.map((s) => median(s) ?? 1);
  const mean = season.reduce((a, b) => a + b, 0) / 168;
  return mean > 0 ? season.map((s) => s / mean) : flat();
}

/**
 * Fits the model at `now` from hourly history (oldest first or any order) and the last hour of per-minute volumes
 * (for the first day, when no hourly shape is known yet).
 */
export function fitSeasonalModel(history: readonly HourPoint[], recentMinuteVolumes: readonly number[], now: number): SeasonalModel | null {
  const points = rates(history.filter((h) => h.hour < now));
  const first = points.length ? Math.min(...points.map((p) => p.hour)) : now;
  const days = (now - first) / DAY;
  const kind: SeasonKind = days >= 7 ? "weekly" : days >= 1 ? "daily" : "recent";
  const season = kind === "recent" ? flat() : seasonFrom(points, kind);
  const failed = history.reduce((a, h) => a + h.failed, 0);
  const volume = history.reduce((a, h) => a + h.volume, 0);
  const p95s = history.filter((h) => h.hour >= now - DAY && h.p95 !== null).map((h) => h.p95!);
  const latency = p95s.length >= 3 ? { median: median(p95s)!, mad: mad(p95s)! } : null;
  const failureRate = volume > 0 ? failed / volume : 0;

  if (kind === "recent") {
    const level = median(recentMinuteVolumes);
    if (level === null || recentMinuteVolumes.length < 15) return null;
    return { fittedAt: now, days, kind, level, slopePerHour: 0, season, tolerance: TOLERANCE_FLOOR.recent, failureRate, latency };
  }
  // Deseasonalised rates: a trend shows as a slope between the last day and the day before.
  const deseason = points.map((p) => ({ hour: p.hour, value: p.rate / Math.max(season[hourOfWeekAt(p.hour)], 0.05) }));
  const lastDay = deseason.filter((p) => p.hour >= now - DAY).map((p) => p.value);
  const dayBefore = deseason.filter((p) => p.hour >= now - 2 * DAY && p.hour < now - DAY).map((p) => p.value);
  const level = median(lastDay) ?? median(deseason.map((p) => p.value)) ?? 0;
  const before = median(dayBefore);
  const slopePerHour = before !== null && lastDay.length >= 12 ? (level - before) / 24 : 0;
  // The level is the median of the last day: it describes the middle of that day, 12 h before now.
  const levelNow = Math.max(0, level + slopePerHour * 12);
  const residuals = deseason.filter((p) => p.hour >= now - WEEK).map((p) => p.value / Math.max(level, 1e-9) - 1);
  const spread = (mad(residuals) ?? 0) * 1.4826;
  const tolerance = Math.min(0.8, Math.max(TOLERANCE_FLOOR[kind], SPREAD_K * spread));
  return { fittedAt: now, days, kind, level: levelNow, slopePerHour, season, tolerance, failureRate, latency };
}

/** Expected volume per minute at `at` (ms). */
export function expectedPerMinute(model: SeasonalModel, at: number): number {
  const level = Math.max(0, model.level + model.slopePerHour * ((at - model.fittedAt) / HOUR));
  return level * model.season[hourOfWeekAt(at)];
}
