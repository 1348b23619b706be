import { describe, expect, it } from "vitest";
import { hourOfWeek, judge, mad, median, MIN_BASELINE_SAMPLES, robustZ } from "./anomaly";

describe("median and MAD", () => {
  it("are robust to outliers", () => {
    expect(median([1, 2, 3, 4, 100])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    // deviations from 3: 2,1,0,1,97 -> median 1
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([5, 5, 5, 5])).toBe(0);
  });

  it("counts hours of week from Monday 00:00 UTC", () => {
    expect(hourOfWeek(new Date("2026-11-23T00:30:00Z"))).toBe(0); // a Monday
    expect(hourOfWeek(new Date("2026-11-22T23:59:00Z"))).toBe(167); // the Sunday before
  });
});

describe("judge against the seasonal baseline", () => {
  const baseline = { median: 100, mad: 5, samples: 120 };

  it("flags volume that moves far in either direction, and not normal wobble", () => {
    expect(judge("volume", 104, baseline)).toBeNull();
    expect(judge("volume", 400, baseline)).toMatchObject({ metric: "volume", direction: "high" });
    expect(judge("volume", 3, baseline)).toMatchObject({ direction: "low" });
  });

  it("flags latency and failure rate only when high", () => {
    expect(judge("latency_p95", 20, { median: 100, mad: 5, samples: 60 })).toBeNull();
    expect(judge("latency_p95", 300, { median: 100, mad: 5, samples: 60 })).toMatchObject({ direction: "high" });
    expect(judge("failure_rate", 0.2, { median: 0.001, mad: 0.001, samples: 60 })).toMatchObject({ metric: "failure_rate" });
  });

  it("needs enough history, and does not divide by a zero MAD", () => {
    expect(judge("volume", 1000, { ...baseline, samples: MIN_BASELINE_SAMPLES - 1 })).toBeNull();
    expect(Number.isFinite(robustZ(101, { median: 100, mad: 0, samples: 60 }, "volume"))).toBe(true);
    expect(judge("volume", 103, { median: 100, mad: 0, samples: 60 })).toBeNull();
  });
});
