import { describe, expect, it } from "vitest";
import { keptRow, sameAsRead, type RawMinute } from "./evaluator-state";
import type { MinuteRow } from "./minute-window";

// The comparison it replaces: every figure of the row as read, made into a kept row first.
const sameRow = (a: MinuteRow, b: MinuteRow) =>
  a.reports === b.reports && a.delivered === b.delivered && a.failed === b.failed && a.p95 === b.p95 && a.p99 === b.p99 &&
  a.lag === b.lag && a.lastDeliveredAt === b.lastDeliveredAt && a.notMeasured === b.notMeasured && a.p50 === b.p50 &&
  a.retried === b.retried && a.deadLettered === b.deadLettered && a.bytes === b.bytes;

const read: RawMinute = {
  flow_id: "f", minute: 60_000, delivered: 25, failed: 2, p95: 48, p99: 95, lag: 1.5, last_delivered_at: 119_000,
  not_measured: "latency", reports: 2, p50: 12, retried: 1, dead: 0, bytes: 512,
};
// Another value for each figure, the nulls and empty text included.
const others: { [K in keyof RawMinute]?: unknown[] } = {
  delivered: [26, 0], failed: [0, 3], p95: [null, 48.5], p99: [null, 0], lag: [null, 0], last_delivered_at: [null, 118_999],
  not_measured: ["", "latency,lag", null], reports: [3, 0], p50: [null, 11], retried: [0], dead: [1], bytes: [0, 511],
};

describe("the evaluator's check of minute rows read again", () => {
  it("finds a kept row unchanged exactly when every figure it keeps is the same", () => {
    const variants: RawMinute[] = [read];
    for (const [key, values] of Object.entries(others)) for (const value of values!) variants.push({ ...read, [key]: value } as RawMinute);
    // Two figures changed at once, and a row read with no text for what it could not measure.
    variants.push({ ...read, delivered: 30, p95: null }, { ...read, not_measured: null as unknown as string });
    for (const kept of variants) {
      for (const again of variants) expect(sameAsRead(keptRow(kept), again)).toBe(sameRow(keptRow(kept), keptRow(again)));
    }
    expect(sameAsRead(keptRow(read), { ...read })).toBe(true);
    expect(sameAsRead(keptRow(read), { ...read, failed: 3 })).toBe(false);
    expect(sameAsRead(keptRow({ ...read, not_measured: null as unknown as string }), { ...read, not_measured: "" })).toBe(true);
  });
});
