import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/integration";
import { ADDRESS_FAILURES, FREE_FAILURES, recordSignInFailure, recordSignInSuccess, signInWait } from "./rate-limit";

setupTestDatabase();

describe("sign-in throttling (PostgreSQL-backed, per account and address)", () => {
  it("lets the free failures through, then doubles the wait per further failure", async () => {
    const delays: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 3; i++) delays.push(await recordSignInFailure("victim@x", "203.0.113.7"));
    expect(delays).toEqual([...Array(FREE_FAILURES).fill(0), 1, 2, 4]);
    expect(await signInWait("victim@x", "203.0.113.7")).toBeGreaterThan(0);
  });

  it("never locks the account for its owner at another address (no lockout by strangers)", async () => {
    for (let i = 0; i < FREE_FAILURES + 5; i++) await recordSignInFailure("named@x", "198.51.100.1");
    expect(await signInWait("named@x", "198.51.100.1")).toBeGreaterThan(0);
    expect(await signInWait("named@x", "192.0.2.55")).toBe(0);
  });

  it("does not lock everyone out when the address is unknown, and blocks a noisy known address", async () => {
    for (let i = 0; i < 60; i++) await recordSignInFailure(`user${i}@x`, "unknown");
    expect(await signInWait("someone-else@x", "unknown")).toBe(0);
    for (let i = 0; i < ADDRESS_FAILURES; i++) await recordSignInFailure(`spray${i}@x`, "203.0.113.99");
    expect(await signInWait("anyone@x", "203.0.113.99")).toBeGreaterThan(0);
    expect(await signInWait("anyone@x", "203.0.113.100")).toBe(0);
  });

  it("clears an account+address's delay after a successful sign-in", async () => {
    for (let i = 0; i < FREE_FAILURES + 2; i++) await recordSignInFailure("back@x", "203.0.113.8");
    await recordSignInSuccess("back@x", "203.0.113.8");
    expect(await signInWait("back@x", "203.0.113.8")).toBe(0);
  });
});
