import { describe, expect, it } from "vitest";
import { cumulativeDelta, exponentialQuantile } from "./otlp-series";

describe("cumulative OTLP points", () => {
  const at = (s: number) => String(BigInt(s) * 1_000_000_000n);

  it("subtract explicit buckets, and count in full after a reset", () => {
    const explicit = (counts: number[]) => ({ kind: "explicit" as const, bounds: [10, 100], counts });
    const before = { start: at(0), time: at(60), value: 10, buckets: explicit([5, 4, 1]) };
    expect(cumulativeDelta(before, { start: at(0), time: at(120), value: 16, buckets: explicit([6, 8, 2]) })).toEqual({
      value: 6,
      buckets: explicit([1, 4, 1]),
      windowStart: at(60),
      reset: false,
    });
    expect(cumulativeDelta(before, { start: at(0), time: at(120), value: 3, buckets: explicit([3, 0, 0]) })).toMatchObject({ value: 3, reset: true, windowStart: at(0) });
    expect(cumulativeDelta(before, { start: at(0), time: at(60), value: 10, buckets: explicit([5, 4, 1]) })).toBeNull();
  });

  it("subtract exponential buckets across a downscale", () => {
    const before = { start: at(0), time: at(60), value: 4, buckets: { kind: "exponential" as const, scale: 2, zero: 0, counts: { "8": 2, "9": 2 } } };
    const now = { start: at(0), time: at(120), value: 7, buckets: { kind: "exponential" as const, scale: 1, zero: 0, counts: { "4": 7 } } };
    expect(cumulativeDelta(before, now)?.buckets).toEqual({ kind: "exponential", scale: 1, zero: 0, counts: { "4": 3 } });
  });
});

describe("exponential histogram percentiles", () => {
  it("interpolate inside the bucket that holds the rank", () => {
    // scale 0: bucket i covers (2^i, 2^(i+1)]; 90 values in (16, 32], 10 in (64, 128].
    const buckets = { kind: "exponential" as const, scale: 0, zero: 0, counts: { "4": 90, "6": 10 } };
    expect(exponentialQuantile(0.5, buckets)).toBeGreaterThan(16);
    expect(exponentialQuantile(0.5, buckets)).toBeLessThanOrEqual(32);
    expect(exponentialQuantile(0.95, buckets)).toBeGreaterThan(64);
    expect(exponentialQuantile(0.5, { ...buckets, counts: {} })).toBeNull();
  });
});
