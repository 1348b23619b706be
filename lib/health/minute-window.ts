// The last hour of a flow's minute roll-ups, kept in memory by the evaluator between cycles, and the window figures
// the SLA rules read from it (5 min, 30 min, 1 h, the current hour, the worst latency of the last 5 minutes...). Pure.

/** One per-flow minute roll-up as the evaluator keeps it. */
export type MinuteRow = {
  minute: number;
  delivered: number;
  failed: number;
  p95: number | null;
  p99: number | null;
  lag: number | null;
  /** When the minute's newest delivered message was seen (ms), or null. */
  lastDeliveredAt: number | null;
  notMeasured: string;
  reports: number;
  /** What only the hourly roll-up reads. */
  p50: number | null;
  retried: number;
  deadLettered: number;
  bytes: number;
};

/** The window figures of one flow at `now`. */
export type MinuteFigures = {
  lastMinute: number | null;
  d5: number; f5: number; d30m: number; f30m: number; d1h: number; f1h: number; dcur: number; fcur: number;
  p95: number | null; p99: number | null; vol5: number | null; lag: number | null;
  newest: number | null;
  notMeasured: string | null;
};

const MINUTE = 60_000;
const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
export const WINDOW_MS = 60 * MINUTE;

/** One flow's hour roll-up, as maintenance.ts's downsample computes it in SQL: sums, the worst p95/p99/lag, the mean p50. */
export type HourRollUp = {
  delivered: number; failed: number; retried: number; deadLettered: number; bytes: number;
  p50: number | null; p95: number | null; p99: number | null; lag: number | null; minutes: number;
};

export function rollUpHour(series: { values(): Iterable<MinuteRow> }, hour: number): HourRollUp | null {
  let r: HourRollUp | null = null;
  let p50Sum = 0;
  let p50Count = 0;
  for (const m of series.values()) {
    if (m.minute < hour || m.minute >= hour + 60 * MINUTE) continue;
    r ??= { delivered: 0, failed: 0, retried: 0, deadLettered: 0, bytes: 0, p50: null, p95: null, p99: null, lag: null, minutes: 0 };
    r.delivered += m.delivered;
    r.failed += m.failed;
    r.retried += m.retried;
    r.deadLettered += m.deadLettered;
    r.bytes += m.bytes;
    r.p95 = maxOf(r.p95, m.p95);
    r.p99 = maxOf(r.p99, m.p99);
    r.lag = maxOf(r.lag, m.lag);
    if (m.p50 !== null) {
      p50Sum += m.p50;
      p50Count += 1;
    }
    r.minutes += 1;
  }
  if (r && p50Count) r.p50 = p50Sum / p50Count;
  return r;
}

/**
 * The figures the SLA rules read at `now`, from the kept rows in any order, in one pass: the look-back window's, and
 * the sums of the minutes from `curStart` on (the hour not rolled up yet). Null when the window holds no row.
 */
export function minuteFigures(kept: Iterable<MinuteRow>, now: number, curStart: number): MinuteFigures | null {
  const minuteOfNow = Math.floor(now / MINUTE) * MINUTE;
  const f: MinuteFigures = {
    lastMinute: null, d5: 0, f5: 0, d30m: 0, f30m: 0, d1h: 0, f1h: 0, dcur: 0, fcur: 0,
    p95: null, p99: null, vol5: null, lag: null, newest: null, notMeasured: null,
  };
  let vol5: number | null = null;
  let lagAt = -Infinity;
  for (const r of kept) {
    if (r.minute > now) continue;
    if (r.minute >= curStart) {
      f.dcur += r.delivered;
      f.fcur += r.failed;
    }
    if (r.minute <= now - WINDOW_MS) continue;
    if (f.lastMinute === null || r.minute > f.lastMinute) {
      f.lastMinute = r.minute;
      f.notMeasured = r.notMeasured;
    }
    f.d1h += r.delivered;
    f.f1h += r.failed;
    if (r.minute > now - 30 * MINUTE) {
      f.d30m += r.delivered;
      f.f30m += r.failed;
    }
    if (r.minute > now - 5 * MINUTE) {
      f.d5 += r.delivered;
      f.f5 += r.failed;
      f.p95 = maxOf(f.p95, r.p95);
      f.p99 = maxOf(f.p99, r.p99);
    }
    if (r.minute >= minuteOfNow - 5 * MINUTE && r.minute < minuteOfNow) vol5 = (vol5 ?? 0) + r.delivered + r.failed;
    if (r.lag !== null && r.minute > lagAt) {
      f.lag = r.lag;
      lagAt = r.minute;
    }
    f.newest = maxOf(f.newest, r.lastDeliveredAt);
  }
  if (f.lastMinute === null) return null;
  f.vol5 = vol5 === null ? null : vol5 / 5;
  return f;
}
