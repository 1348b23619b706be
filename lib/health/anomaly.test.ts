import { describe, expect, it } from "vitest";
import { mad, median } from "./anomaly";

describe("median and MAD", () => {
  it("are robust to outliers", () => {
    expect(median([1, 2, 3, 4, 100])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
    // deviations from 3: 2,1,0,1,97 -> median 1
    expect(mad([1, 2, 3, 4, 100])).toBe(1);
    expect(mad([5, 5, 5, 5])).toBe(0);
  });
});
