import { describe, expect, it } from "vitest";
import { createFailureLimiter } from "./rate-limit";

describe("failure limiter", () => {
  it("allows up to the limit of failures, then says how long to wait, and forgets after the window", () => {
    let now = 0;
    const limiter = createFailureLimiter({ limit: 3, windowMs: 60_000, now: () => now });
    for (let i = 0; i < 3; i++) {
      expect(limiter.retryAfter("a")).toBe(0);
      limiter.recordFailure("a");
    }
    now = 15_000;
    expect(limiter.retryAfter("a")).toBe(45);
    expect(limiter.retryAfter("b")).toBe(0);
    now = 60_000;
    expect(limiter.retryAfter("a")).toBe(0);
  });

  it("starts over after a reset (a successful sign-in)", () => {
    const limiter = createFailureLimiter({ limit: 1, windowMs: 60_000, now: () => 0 });
    limiter.recordFailure("a");
    expect(limiter.retryAfter("a")).toBeGreaterThan(0);
    limiter.reset("a");
    expect(limiter.retryAfter("a")).toBe(0);
  });
});
