// The per-flow sums of the hourly roll-ups that the burn windows (6 h, 3 days) and the 30-day error budget read, kept
// between maintenance runs and moved along incrementally: hours rolled up again change the sums by their difference,
// and when the boundary moves on, hours leaving a window are taken out and hours entering it are added. Pure.
import { HOUR_MS } from "./health-timing";

export type FlowSums = { d6: number; f6: number; d3d: number; f3d: number; d30: number; f30: number; hours: number };
/** Sums over the hours before `boundary` (the first hour not rolled up yet), per flow. */
export type HourlySums = { boundary: number; byFlow: Map<string, FlowSums> };
export type HourRow = { flowId: string; hour: number; delivered: number; failed: number };

export const SLO_HOURS = 30 * 24;
const WINDOWS = [
  { hours: 6, d: "d6", f: "f6" },
  { hours: 72, d: "d3d", f: "f3d" },
  { hours: SLO_HOURS, d: "d30", f: "f30" },
] as const;

const empty = (): FlowSums => ({ d6: 0, f6: 0, d3d: 0, f3d: 0, d30: 0, f30: 0, hours: 0 });

function add(sums: HourlySums, row: HourRow, sign: 1 | -1, only?: (typeof WINDOWS)[number]) {
  let entry = sums.byFlow.get(row.flowId);
  if (!entry) sums.byFlow.set(row.flowId, (entry = empty()));
  for (const w of only ? [only] : WINDOWS) {
    if (row.hour < sums.boundary - w.hours * HOUR_MS || row.hour >= sums.boundary) continue;
    entry[w.d] += sign * row.delivered;
    entry[w.f] += sign * row.failed;
    if (w.hours === SLO_HOURS) entry.hours += sign;
  }
}

/** Hours rolled up again: the sums take the difference between what the rows held before and after. */
export function applyRollUp(sums: HourlySums, before: readonly HourRow[], after: readonly HourRow[]): void {
  for (const row of before) add(sums, row, -1);
  for (const row of after) add(sums, row, 1);
}

/** The hours leaving and entering the windows when the boundary moves from `sums.boundary` to `to`. */
export function slideHours(from: number, to: number): number[] {
  const hours = new Set<number>();
  for (const w of WINDOWS) {
    const length = w.hours * HOUR_MS;
    for (let h = from - length; h < Math.min(from, to - length); h += HOUR_MS) hours.add(h);
    for (let h = Math.max(from, to - length); h < to; h += HOUR_MS) hours.add(h);
  }
  return [...hours].sort((a, b) => a - b);
}

/** Moves the boundary to `to`, given the rows of slideHours(sums.boundary, to). */
export function slide(sums: HourlySums, to: number, rows: readonly HourRow[]): void {
  const from = sums.boundary;
  for (const w of WINDOWS) {
    const length = w.hours * HOUR_MS;
    for (const row of rows) {
      const leaving = row.hour >= from - length && row.hour < Math.min(from, to - length);
      if (leaving) add(sums, row, -1, w);
    }
  }
  sums.boundary = to;
  for (const w of WINDOWS) {
    const length = w.hours * HOUR_MS;
    for (const row of rows) {
      const entering = row.hour >= Math.max(from, to - length) && row.hour < to;
      if (entering) add(sums, row, 1, w);
    }
  }
}
