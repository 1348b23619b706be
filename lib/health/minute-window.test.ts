import { describe, expect, it } from "vitest";
import type { MinutePoint } from "./detect";
import { minuteFigures, rollUpHour, windowPoints, type MinuteRow } from "./minute-window";

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

  it("lays out the complete minutes with the silent ones as zeros", () => {
    const series = new Map([row(2), row(4), row(0), row(75)].map((r) => [r.minute, r]));
    const points = windowPoints(series, now, row(1).minute);
    expect(points.map((p) => p.volume)).toEqual([11, 0, 11, 0]);
    expect(windowPoints(new Map([[row(75).minute, row(75)]]), now, row(1).minute)).toEqual([]);
  });

  it("lays out the same minutes as sorting, filtering and laying out the kept rows", () => {
    // The straightforward version it replaces: the rows oldest first, those of the window, every minute up to `until`.
    const reference = (series: Map<number, MinuteRow>, at: number, until: number): MinutePoint[] => {
      const rows = [...series.values()].sort((a, b) => a.minute - b.minute).filter((r) => r.minute > at - 60 * MINUTE && r.minute <= at);
      if (!rows.length) return [];
      const byMinute = new Map(rows.map((r) => [r.minute, r]));
      const points: MinutePoint[] = [];
      for (let m = rows[0].minute; m <= until; m += MINUTE) {
        const r = byMinute.get(m);
        points.push(r ? { minute: m, volume: r.delivered + r.failed, failed: r.failed, p95: r.p95 } : { minute: m, volume: 0, failed: 0, p95: null });
      }
      return points;
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let trial = 0; trial < 200; trial++) {
      const series = new Map<number, MinuteRow>();
      // Minutes from 5 in the future to 75 ago, inserted out of order, with gaps; some trials keep none in the window.
      const kept = Math.floor(random() * 40);
      for (let i = 0; i < kept; i++) {
        const r = row(Math.floor(random() * 80) - 5, { delivered: Math.floor(random() * 50), failed: Math.floor(random() * 5), p95: random() < 0.3 ? null : random() * 100 });
        series.set(r.minute, r);
      }
      const at = now + Math.floor(random() * 4) * 20_000;
      const until = Math.floor(at / MINUTE) * MINUTE - Math.floor(random() * 3) * MINUTE;
      expect(windowPoints(series, at, until)).toEqual(reference(series, at, until));
    }
  });

  it("rolls an hour up: sums, the worst p95 and lag, the mean p50 of the minutes that have one", () => {
    const hour = row(0).minute - 30 * MINUTE;
    const series = new Map([row(0), row(29, { p50: 10, p95: 50, lag: 2 }), row(20, { p50: 20, p95: 70 }), row(31)].map((r) => [r.minute, r]));
    expect(rollUpHour(series, hour)).toMatchObject({ delivered: 30, failed: 3, p50: 15, p95: 70, lag: 2, minutes: 3 });
  });
});
