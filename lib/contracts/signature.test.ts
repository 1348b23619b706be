import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signPayload, verifySignature } from "./signature";

const secret = "whsec_test";
const body = JSON.stringify({ event: "contract.review_requested", contract: { version: "1.1.0" } });

describe("webhook signature", () => {
  it("is HMAC-SHA256 of '<timestamp>.<body>' with the timestamp in the header", () => {
    const header = signPayload(body, secret, 1_700_000_000);
    const expected = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${expected}`);
  });

  it("verifies what it signed", () => {
    expect(verifySignature(signPayload(body, secret, 1_700_000_000), body, secret, { now: 1_700_000_100 })).toEqual({ ok: true });
  });

  it("refuses a changed body, a wrong secret, a stale timestamp and a malformed header", () => {
    const header = signPayload(body, secret, 1_700_000_000);
    const now = 1_700_000_010;
    expect(verifySignature(header, body.replace("1.1.0", "2.0.0"), secret, { now })).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifySignature(header, body, "other", { now })).toEqual({ ok: false, reason: "signature mismatch" });
    expect(verifySignature(header, body, secret, { now: 1_700_001_000 })).toEqual({ ok: false, reason: "timestamp outside the tolerance" });
    expect(verifySignature("v1=abc", body, secret, { now })).toEqual({ ok: false, reason: "malformed signature header" });
    // Replaying the MAC with a fresh timestamp fails: the timestamp is part of what is signed.
    const mac = header.split("v1=")[1];
    expect(verifySignature(`t=${now},v1=${mac}`, body, secret, { now })).toEqual({ ok: false, reason: "signature mismatch" });
  });
});
