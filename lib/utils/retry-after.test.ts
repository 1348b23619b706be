import { describe, expect, it } from "vitest";
import { parseRetryAfter } from "./retry-after";

describe("parseRetryAfter", () => {
  it("reads a delay in seconds or an HTTP date, and says when there is none", () => {
    expect(parseRetryAfter("5")).toBe(5000);
    expect(parseRetryAfter("0")).toBe(0);
    expect(parseRetryAfter(new Date(1_000_000 + 3000).toUTCString(), 1_000_000)).toBe(3000);
    expect(parseRetryAfter(new Date(0).toUTCString(), 1_000_000)).toBe(0);
    expect(parseRetryAfter(null)).toBeNull();
    expect(parseRetryAfter("")).toBeNull();
    expect(parseRetryAfter("soon")).toBeNull();
  });
});
