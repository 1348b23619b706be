import { describe, expect, it } from "vitest";
import { minuteFigures, rollUpHour, type MinuteRow } from "./minute-window";

const MINUTE = 60_000;
const now = Date.UTC(2026, 11, 7, 12, 0, 40);
const row = (minutesAgo: number, extra: Partial<MinuteRow> = {}): MinuteRow => ({
  minute: Math.floor(now / MINUTE) * MINUTE - minutesAgo * MINUTE,
  delivered: 10, failed: 1, p95: null, p99: null, lag: null, lastDeliveredAt: null, notMeasured: "", reports: 1,
  p50: null, retried: 0, deadLettered: 0, bytes: 0, ...extra,
});

describe("the evaluator's minute window", () => {
  it("gives the window figures whatever order the minutes were read in", () => {
    const rows = [row(0, { lag: 3, notMeasured: "latency" }), row(2, { p95: 80, lag: 9 }), row(4), row(10, { p95: 500 }), row(45), row(61), row(65)];
    const curStart = Math.floor(now / 3_600_000) * 3_600_000 - 3_600_000;
    const sorted = minuteFigures([...rows].sort((a, b) => a.minute - b.minute), now, curStart);
    expect(minuteFigures([...rows].reverse(), now, curStart)).toEqual(sorted);
    expect(sorted).toMatchObject({
      lastMinute: row(0).minute,
      // 5 minutes: 0, 2, 4 minutes ago; 30 minutes adds 10; the hour adds 45 but not 61 or 65.
      d5: 30, f5: 3, d30m: 40, d1h: 50, f1h: 5,
      p95: 80, lag: 3, notMeasured: "latency",
      // Volume per minute over the 5 complete minutes before this one: 2 and 4 minutes ago.
      vol5: 22 / 5,
    });
    expect(minuteFigures([row(61)], now, curStart)).toBeNull();
  });

  it("rolls an hour up: sums, the worst p95 and lag, the mean p50 of the minutes that have one", () => {
    const hour = row(0).minute - 30 * MINUTE;
    const series = new Map([row(0), row(29, { p50: 10, p95: 50, lag: 2 }), row(20, { p50: 20, p95: 70 }), row(31)].map((r) => [r.minute, r]));
    expect(rollUpHour(series, hour)).toMatchObject({ delivered: 30, failed: 3, p50: 15, p95: 70, lag: 2, minutes: 3 });
  });
});
