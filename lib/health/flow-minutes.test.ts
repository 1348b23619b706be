import { describe, expect, it } from "vitest";
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
});

function row(minute: number, delivered: number): MinuteRow {
  return { minute, delivered, failed: 0, p95: null, p99: null, lag: null, lastDeliveredAt: minute, notMeasured: "", reports: 1, p50: null, retried: 0, deadLettered: 0, bytes: 0 };
}
