import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "ic_";

/** 256 random bits: enough entropy that a fast hash at rest is safe (no salt or slow KDF needed). */
export function generateToken(): string {
  return TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}
