import { describe, expect, it } from "vitest";
import { countOf, formatMeasure } from "./format";

describe("countOf", () => {
  it.each([
    [0, "flow", undefined, "0 flows"],
    [1, "flow", undefined, "1 flow"],
    [2, "flow", undefined, "2 flows"],
    [1, "policy", "policies", "1 policy"],
    [3, "policy", "policies", "3 policies"],
    [12500, "row", undefined, "12,500 rows"],
  ])("%i %s reads %s", (n, singular, plural, expected) => {
    expect(countOf(n, singular, plural)).toBe(expected);
  });
});

describe("formatMeasure", () => {
  it.each([
    [99.954, "%", "99.95 %"],
    [100, "%", "100 %"],
    [87.345, "%", "87.3 %"],
    [0, "%", "0 %"],
    [1250.4, "ms", "1,250 ms"],
    [12.44, "ms", "12.4 ms"],
    [0.456, "ms", "0.46 ms"],
    [45, "s", "45 s"],
    [300, "s", "5 min"],
    [5400, "s", "1.5 h"],
    [512, "bytes", "512 bytes"],
    [1, "bytes", "1 byte"],
    [1536, "bytes", "1.5 KB"],
    [4.2 * 1024 * 1024, "bytes", "4.2 MB"],
    [0.354, "x", "0.35x"],
    [14.2, "/min", "14.2/min"],
    [1250, "msg/min", "1,250 msg/min"],
    [1, "days", "1 day"],
    [30, "days", "30 days"],
  ] as const)("%d %s reads %s", (value, unit, expected) => {
    expect(formatMeasure(value, unit)).toBe(expected);
  });

  it("says nothing is known rather than printing NaN or 0", () => {
    expect(formatMeasure(null, "ms")).toBe("—");
    expect(formatMeasure(Number.NaN, "%")).toBe("—");
    expect(formatMeasure(undefined, "%")).toBe("—");
  });
});
