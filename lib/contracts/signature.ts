// Outgoing webhook signatures, the way Stripe and GitHub do it: HMAC-SHA256 over "<timestamp>.<body>", sent
// as `Interchange-Signature: t=<unix seconds>,v1=<hex>`, so a receiver can check authenticity and refuse replays.
import { createHmac, timingSafeEqual } from "node:crypto";

export const SIGNATURE_HEADER = "interchange-signature";
export const DEFAULT_TOLERANCE_SECONDS = 300;

export function signPayload(body: string, secret: string, timestamp: number = Math.floor(Date.now() / 1000)): string {
  const mac = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${mac}`;
}

/** What a receiver does: recompute the MAC and compare in constant time; refuse stale timestamps. */
export function verifySignature(
  header: string,
  body: string,
  secret: string,
  options: { now?: number; toleranceSeconds?: number } = {},
): { ok: true } | { ok: false; reason: string } {
  const parts = Object.fromEntries(header.split(",").map((p) => p.trim().split("=", 2) as [string, string]));
  const timestamp = Number(parts.t);
  if (!Number.isInteger(timestamp) || !parts.v1) return { ok: false, reason: "malformed signature header" };
  const now = options.now ?? Math.floor(Date.now() / 1000);
  if (Math.abs(now - timestamp) > (options.toleranceSeconds ?? DEFAULT_TOLERANCE_SECONDS)) return { ok: false, reason: "timestamp outside the tolerance" };
  const expected = Buffer.from(createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex"), "utf8");
  const given = Buffer.from(parts.v1, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature mismatch" };
  return { ok: true };
}
