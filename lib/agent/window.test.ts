import { describe, expect, it } from "vitest";
import { backoffDelay } from "./backoff";
import { counterDelta, latencyPercentiles, msUntilNextBoundary, toMeasurement, windowEndingBefore } from "./window";

const t = (iso: string) => Date.parse(iso);

describe("window math", () => {
  it.each([
    ["2026-01-01T10:00:14.900Z", 15_000, "2026-01-01T09:59:45.000Z", "2026-01-01T10:00:00.000Z"],
    ["2026-01-01T10:00:15.000Z", 15_000, "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:15.000Z"],
    ["2026-01-01T10:00:15.020Z", 15_000, "2026-01-01T10:00:00.000Z", "2026-01-01T10:00:15.000Z"],
    ["2026-01-01T10:07:30.000Z", 300_000, "2026-01-01T10:00:00.000Z", "2026-01-01T10:05:00.000Z"],
  ])("at %s with a %i ms interval the finished window is %s..%s", (now, interval, start, end) => {
    const window = windowEndingBefore(t(now), interval);
    expect(new Date(window.start).toISOString()).toBe(start);
    expect(new Date(window.end).toISOString()).toBe(end);
  });

  it("waits for the next boundary, a whole interval when exactly on one", () => {
    expect(msUntilNextBoundary(t("2026-01-01T10:00:14.000Z"), 15_000)).toBe(1000);
    expect(msUntilNextBoundary(t("2026-01-01T10:00:15.000Z"), 15_000)).toBe(15_000);
  });

  it("turns counters into deltas and treats a counter that went down as reset", () => {
    expect(counterDelta(100, 160)).toBe(60);
    expect(counterDelta(100, 100)).toBe(0);
    expect(counterDelta(100, 7)).toBe(7);
    expect(counterDelta(Number.NaN, 7)).toBe(0);
  });

  it("computes nearest-rank percentiles", () => {
    expect(latencyPercentiles([])).toBeUndefined();
    expect(latencyPercentiles([42])).toEqual({ p50: 42, p95: 42, p99: 42 });
    const hundred = Array.from({ length: 100 }, (_, i) => 100 - i); // 100..1, unsorted
    expect(latencyPercentiles(hundred)).toEqual({ p50: 50, p95: 95, p99: 99 });
    expect(latencyPercentiles([1.234, 9.876])).toEqual({ p50: 1.2, p95: 9.9, p99: 9.9 });
  });

  it("stamps a reading with its window in ISO 8601", () => {
    expect(toMeasurement({ flowId: "f", delivered: 1, failed: 0 }, { start: t("2026-01-01T10:00:00Z"), end: t("2026-01-01T10:00:15Z") })).toEqual({
      flowId: "f",
      delivered: 1,
      failed: 0,
      windowStart: "2026-01-01T10:00:00.000Z",
      windowEnd: "2026-01-01T10:00:15.000Z",
    });
  });
});

describe("backoff", () => {
  const options = { baseMs: 1000, maxMs: 60_000 };
  it("doubles the ceiling per attempt up to the maximum, with jitter between half the base and the ceiling", () => {
    expect([1, 2, 3, 4, 7, 8, 50].map((a) => backoffDelay(a, { ...options, random: () => 1 }))).toEqual([1000, 2000, 4000, 8000, 60_000, 60_000, 60_000]);
    expect([1, 2, 10].map((a) => backoffDelay(a, { ...options, random: () => 0 }))).toEqual([500, 500, 500]);
    const spread = new Set(Array.from({ length: 50 }, () => backoffDelay(6, options)));
    expect(spread.size).toBeGreaterThan(10);
    for (const delay of spread) {
      expect(delay).toBeGreaterThanOrEqual(500);
      expect(delay).toBeLessThanOrEqual(32_000);
    }
  });
});
