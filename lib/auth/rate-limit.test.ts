import { describe, expect, it } from "vitest";
import { createRateLimiter } from "./rate-limit";

describe("rate limiter", () => {
  it("allows the limit, refuses the next with the seconds to wait, and forgets after the window", () => {
    let now = 0;
    const limiter = createRateLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    expect([limiter.hit("a"), limiter.hit("a"), limiter.hit("a")]).toEqual([0, 0, 0]);
    now = 15_000;
    expect(limiter.hit("a")).toBe(45);
    expect(limiter.hit("b")).toBe(0);
    now = 60_000;
    expect(limiter.hit("a")).toBe(0);
  });

  it("starts over after a reset (a successful sign-in)", () => {
    const limiter = createRateLimiter({ limit: 1, windowMs: 60_000, now: () => 0 });
    limiter.hit("a");
    expect(limiter.hit("a")).toBeGreaterThan(0);
    limiter.reset("a");
    expect(limiter.hit("a")).toBe(0);
  });
});
