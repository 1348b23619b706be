import { describe, expect, it } from "vitest";
import { StatusTracker, redactUrl } from "./types";

describe("connector status errors", () => {
  it("names probe targets without userinfo, query string or fragment, also inside the error message", () => {
    const tracker = new StatusTracker("probe", "http");
    const url = "https://svc:s3cret@orders.internal:8443/health?token=abc123&sig=xyz#frag";
    tracker.fail(url, new Error(`request to ${url} failed, reason: ECONNREFUSED`));
    tracker.fail("postgres://outbox:pw@db.internal/orders?sslmode=require", "timeout");
    tracker.fail("orders.queue", "not found");
    const { error } = tracker.status();
    expect(error).toBe(
      "https://orders.internal:8443/health: request to https://orders.internal:8443/health failed, reason: ECONNREFUSED; " +
        "postgres://db.internal/orders: timeout; orders.queue: not found",
    );
    expect(error).not.toMatch(/s3cret|abc123|xyz|frag|pw@|sslmode/);
  });

  it("keeps plain targets and URLs without secrets as they are", () => {
    expect(redactUrl("https://example.com")).toBe("https://example.com");
    expect(redactUrl("https://example.com/")).toBe("https://example.com/");
    expect(redactUrl("https://example.com/a/b")).toBe("https://example.com/a/b");
    expect(redactUrl("orders")).toBe("orders");
  });
});
