import { randomBytes } from "node:crypto";

/** Agent tokens are told apart from user API tokens (ic_) by their prefix, so route() knows which table to ask. */
export const AGENT_TOKEN_PREFIX = "ica_";

/** 256 random bits; stored as SHA-256 like user tokens (lib/tokens/secret.ts). */
export function generateAgentToken(): string {
  return AGENT_TOKEN_PREFIX + randomBytes(32).toString("base64url");
}

export { hashToken } from "@/lib/tokens/secret";
