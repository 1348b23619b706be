import { describe, expect, it } from "vitest";
import type { MinutePoint } from "./detect";
import { FlowMinutes } from "./flow-minutes";
import { minuteFigures, type MinuteRow } from "./minute-window";

const MINUTE = 60_000;
const HOUR = 3_600_000;
const start = Date.UTC(2026, 11, 7, 11, 40, 0);

describe("a flow's window sums kept between cycles", () => {
  it("answers as summing every kept row again, through random telemetry, late and replaced rows, and time passing", () => {
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    const pick = <T,>(values: T[]) => values[Math.floor(random() * values.length)];
    for (let trial = 0; trial < 300; trial++) {
      const kept = new FlowMinutes();
      let now = start + Math.floor(random() * MINUTE);
      for (let step = 0; step < 60; step++) {
        // Some cycles 30 s apart, some after a pause (several minutes, over an hour), now and then none at all.
        now += pick([0, 5_000, 30_000, 30_000, 30_000, 60_000, 4 * MINUTE, 7 * MINUTE, 65 * MINUTE]);
        const minuteOfNow = Math.floor(now / MINUTE) * MINUTE;
        for (let i = Math.floor(random() * 4); i > 0; i--) {
          // The current minute mostly, late minutes, a minute ahead (a fast agent clock), minutes older than the hour.
          const minute = minuteOfNow - pick([0, 0, 0, 0, 0, 1, 2, 3, 6, 29, 30, 45, 59, 60, 61, 70, -1]) * MINUTE;
          const delivered = Math.floor(random() * 100);
          const row: MinuteRow = {
            minute, delivered, failed: Math.floor(random() * 5), p95: random() < 0.3 ? null : Math.round(random() * 500), p99: random() < 0.3 ? null : Math.round(random() * 900),
            lag: random() < 0.5 ? null : Math.round(random() * 100), lastDeliveredAt: delivered && random() < 0.8 ? minute + Math.floor(random() * 60_000) : null,
            notMeasured: pick(["", "", "latency", "lag"]), reports: 1, p50: null, retried: 0, deadLettered: 0, bytes: 0,
          };
          kept.set(row);
        }
        // Rows leave when they fall out of the kept span (and, rarely, anywhere).
        for (const minute of [...kept.rows.keys()]) if (minute <= now - 70 * MINUTE || random() < 0.01) kept.delete(minute);
        // The current hour moves on as maintenance rolls hours up.
        const curStart = Math.floor((now - 2 * MINUTE) / HOUR) * HOUR;
        const expected = minuteFigures([...kept.rows.values()], now, curStart);
        expect(kept.figures(now, curStart)).toEqual(expected);
      }
    }
  });

  it("keeps the sums of an hour of minutes as the minute turns", () => {
    const kept = new FlowMinutes();
    for (let i = 0; i < 70; i++) kept.set(row(start - i * MINUTE, 10));
    const curStart = Math.floor(start / HOUR) * HOUR;
    expect(kept.figures(start + 10_000, curStart)).toMatchObject({ d5: 50, d30m: 300, d1h: 600, dcur: 410, lastMinute: start });
    // A minute later with nothing new: one minute fewer in each window, the newest minute the same.
    expect(kept.figures(start + MINUTE + 10_000, curStart)).toMatchObject({ d5: 40, d30m: 290, d1h: 590, dcur: 410, lastMinute: start, vol5: 10 });
  });

  it("keeps one row per minute, a minute two hours later taking the older one's place", () => {
    const kept = keep([row(start, 10), row(start + MINUTE, 20)]);
    kept.set(row(start, 30));
    expect([kept.size, kept.rows.get(start)?.delivered]).toEqual([2, 30]);
    kept.set(row(start + 128 * MINUTE, 40));
    expect([kept.size, kept.rows.get(start), kept.rows.get(start + 128 * MINUTE)?.delivered]).toEqual([2, undefined, 40]);
    expect([...kept.rows.keys()].sort()).toEqual([start + MINUTE, start + 128 * MINUTE]);
  });

  it("lays out the complete minutes with the silent ones as zeros", () => {
    const now = start + 40_000;
    const kept = keep([2, 4, 0, 75].map((ago) => row(start - ago * MINUTE, 10)));
    expect(kept.points(now, start - MINUTE, 60).map((p) => p.volume)).toEqual([10, 0, 10, 0]);
    expect(kept.points(now, start - MINUTE, 2).map((p) => p.volume)).toEqual([10, 0]);
    expect(keep([row(start - 75 * MINUTE, 10)]).points(now, start - MINUTE, 60)).toEqual([]);
  });

  it("lays out the same minutes as sorting, filtering and laying out the kept rows", () => {
    // The straightforward version: the rows oldest first, those of the window, every minute up to `until`, the last `count`.
    const reference = (rows: MinuteRow[], at: number, until: number, count: number): MinutePoint[] => {
      const inWindow = [...rows].sort((a, b) => a.minute - b.minute).filter((r) => r.minute > at - 60 * MINUTE && r.minute <= at);
      if (!inWindow.length) return [];
      const byMinute = new Map(inWindow.map((r) => [r.minute, r]));
      const points: MinutePoint[] = [];
      for (let m = inWindow[0].minute; m <= until; m += MINUTE) {
        const r = byMinute.get(m);
        points.push(r ? { minute: m, volume: r.delivered + r.failed, failed: r.failed, p95: r.p95 } : { minute: m, volume: 0, failed: 0, p95: null });
      }
      return points.slice(-count);
    };
    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let trial = 0; trial < 300; trial++) {
      // Minutes from 5 in the future to 75 ago, inserted out of order, with gaps; some trials keep none in the window.
      const rows = new Map<number, MinuteRow>();
      for (let i = Math.floor(random() * 40); i > 0; i--) {
        const r = { ...row(start - (Math.floor(random() * 80) - 5) * MINUTE, Math.floor(random() * 50)), failed: Math.floor(random() * 5), p95: random() < 0.3 ? null : random() * 100 };
        rows.set(r.minute, r);
      }
      const at = start + Math.floor(random() * 4) * 20_000;
      const until = Math.floor(at / MINUTE) * MINUTE - Math.floor(random() * 3) * MINUTE;
      const count = [1, 5, 30, 60][Math.floor(random() * 4)];
      expect(keep([...rows.values()]).points(at, until, count)).toEqual(reference([...rows.values()], at, until, count));
    }
  });
});

function keep(rows: MinuteRow[]): FlowMinutes {
  const kept = new FlowMinutes();
  for (const r of rows) kept.set(r);
  return kept;
}

function row(minute: number, delivered: number): MinuteRow {
  return { minute, delivered, failed: 0, p95: null, p99: null, lag: null, lastDeliveredAt: minute, notMeasured: "", reports: 1, p50: null, retried: 0, deadLettered: 0, bytes: 0 };
}
