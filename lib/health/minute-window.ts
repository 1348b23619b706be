// The last hour of a flow's minute roll-ups, kept in memory by the evaluator between cycles, and the window figures
// the SLA rules read from it (5 min, 30 min, 1 h, the current hour, the worst latency of the last 5 minutes...). Pure.
import type { MinutePoint } from "./detect";

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
export const WINDOW_MS = 60 * MINUTE;

export const sameRow = (a: MinuteRow, b: MinuteRow) =>
  a.reports === b.reports && a.delivered === b.delivered && a.failed === b.failed && a.p95 === b.p95 && a.p99 === b.p99 &&
  a.lag === b.lag && a.lastDeliveredAt === b.lastDeliveredAt && a.notMeasured === b.notMeasured;

/** The kept rows, oldest first. */
export function sortedRows(series: ReadonlyMap<number, MinuteRow>): MinuteRow[] {
  return [...series.values()].sort((a, b) => a.minute - b.minute);
}

/** Rows of the look-back window at `now` (minute in (now - 60 min, now]), of rows oldest first. */
export function inWindow(rows: readonly MinuteRow[], now: number): MinuteRow[] {
  return rows.filter((r) => r.minute > now - WINDOW_MS && r.minute <= now);
}

const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));

/**
 * The figures the SLA rules read at `now`, from the kept rows (oldest first): the look-back window's, and the sums of
 * the minutes from `curStart` on (the hour not rolled up yet). Null when the window holds no row.
 */
export function minuteFigures(kept: readonly MinuteRow[], now: number, curStart: number): MinuteFigures | null {
  const rows = inWindow(kept, now);
  if (!rows.length) return null;
  const minuteOfNow = Math.floor(now / MINUTE) * MINUTE;
  const f: MinuteFigures = {
    lastMinute: rows[rows.length - 1].minute,
    d5: 0, f5: 0, d30m: 0, f30m: 0, d1h: 0, f1h: 0, dcur: 0, fcur: 0,
    p95: null, p99: null, vol5: null, lag: null, newest: null, notMeasured: rows[rows.length - 1].notMeasured,
  };
  for (const r of kept) {
    if (r.minute >= curStart && r.minute <= now) {
      f.dcur += r.delivered;
      f.fcur += r.failed;
    }
  }
  let vol5: number | null = null;
  for (const r of rows) {
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
    if (r.lag !== null) f.lag = r.lag;
    f.newest = maxOf(f.newest, r.lastDeliveredAt);
  }
  f.vol5 = vol5 === null ? null : vol5 / 5;
  return f;
}

/** The complete minutes up to `until`, newest last, with minutes the flow reported nothing for as zeros. */
export function completeMinutes(rows: readonly MinuteRow[], until: number): MinutePoint[] {
  if (!rows.length) return [];
  const byMinute = new Map(rows.map((r) => [r.minute, r]));
  const points: MinutePoint[] = [];
  for (let at = rows[0].minute; at <= until; at += MINUTE) {
    const r = byMinute.get(at);
    points.push(r ? { minute: at, volume: r.delivered + r.failed, failed: r.failed, p95: r.p95 } : { minute: at, volume: 0, failed: 0, p95: null });
  }
  return points;
}
