import { describe, expect, it } from "vitest";
import { hourOfWeekAt } from "./seasonal";

// What it replaces: the hour of the week read from a Date.
const byDate = (ms: number) => {
  const d = new Date(ms);
  return ((d.getUTCDay() + 6) % 7) * 24 + d.getUTCHours();
};

describe("the hour of the week the seasonal model reads", () => {
  it("counts from Monday 00:00 UTC", () => {
    expect(hourOfWeekAt(Date.UTC(2026, 11, 7, 0, 0))).toBe(0); // a Monday
    expect(hourOfWeekAt(Date.UTC(2026, 11, 13, 23, 59, 59, 999))).toBe(167); // the Sunday after
    expect(hourOfWeekAt(Date.UTC(2026, 11, 10, 14, 30))).toBe(3 * 24 + 14); // that Thursday
  });

  it("is the hour a Date gives, before and after 1970, at hour and day edges, and where a Date has none", () => {
    const HOUR = 3_600_000;
    const moments = [0, -1, 1, -0.5, 0.5, HOUR - 1, HOUR, -HOUR, -HOUR - 0.25, 8.64e15, -8.64e15, 8.64e15 + 1, NaN, Infinity, -Infinity];
    let seed = 11;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
    for (let i = 0; i < 2000; i++) moments.push(Math.round((random() - 0.3) * 4e12), Math.round(random() * 700) * HOUR + (i % 3) - 1, (random() - 0.5) * 1e15);
    for (const ms of moments) expect([ms, hourOfWeekAt(ms)]).toEqual([ms, byDate(ms)]);
  });
});
