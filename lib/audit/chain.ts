import { createHash, createHmac, timingSafeEqual } from "node:crypto";

/** The first link's prevHash: 64 zeros. */
export const GENESIS_HASH = "0".repeat(64);

export type ChainedFields = {
  seq: bigint | number | string;
  at: Date;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  prevHash: string;
  /** "hmac-sha256" (keyed with AUDIT_HMAC_KEY, which never enters the database) or "sha256" (events from before). */
  hashAlg?: string;
};

export const KEYED = "hmac-sha256";

/**
 * The chain key: AUDIT_HMAC_KEY, else derived from NEXTAUTH_SECRET; both live outside the database, so whoever
 * can write the audit table still cannot recompute a valid chain. Null when neither is set (unkeyed, and said so).
 */
export function auditKey(env = process.env): Buffer | null {
  if (env.AUDIT_HMAC_KEY) return Buffer.from(env.AUDIT_HMAC_KEY);
  if (env.NEXTAUTH_SECRET) return createHmac("sha256", env.NEXTAUTH_SECRET).update("interchange audit chain").digest();
  return null;
}

/** JSON with object keys sorted at every depth, so the same value always hashes the same after a jsonb round trip. */
export function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) return "null";
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

export function hashEvent(event: ChainedFields, key: Buffer | null = null): string {
  const payload = canonicalJson({
    seq: String(event.seq),
    at: event.at.toISOString(),
    actorId: event.actorId,
    actorEmail: event.actorEmail,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
    requestId: event.requestId,
    prevHash: event.prevHash,
  });
  if (event.hashAlg === KEYED) {
    if (!key) throw new Error("AUDIT_HMAC_KEY (or NEXTAUTH_SECRET) is needed to check keyed audit events");
    return createHmac("sha256", key).update(payload).digest("hex");
  }
  return createHash("sha256").update(payload).digest("hex");
}

export type BrokenLink = { seq: string; reason: string };

/**
 * Walks events in seq order and returns the first one whose content no longer matches its hash, or whose
 * prevHash does not point at the row before it (a row was removed or inserted out of band).
 */
export function findBrokenLink(
  events: Iterable<ChainedFields & { hash: string }>,
  previousHash = GENESIS_HASH,
  key: Buffer | null = null,
  state: { keyedSeen: boolean } = { keyedSeen: false },
): BrokenLink | null {
  let expectedPrev = previousHash;
  for (const event of events) {
    if (event.prevHash !== expectedPrev) {
      return { seq: String(event.seq), reason: "its previous-hash does not match the event before it: an event was removed or reordered" };
    }
    if (event.hashAlg === KEYED) {
      if (!key) return { seq: String(event.seq), reason: "the event is keyed and this server has no AUDIT_HMAC_KEY to check it" };
      state.keyedSeen = true;
    } else if (state.keyedSeen) {
      return { seq: String(event.seq), reason: "an unkeyed event follows keyed ones: the chain was recomputed without the key" };
    }
    if (hashEvent(event, key) !== event.hash) {
      return { seq: String(event.seq), reason: "its content does not match its hash: the event was edited after it was written" };
    }
    expectedPrev = event.hash;
  }
  return null;
}

/** A signed statement of the chain's head an auditor keeps outside the portal; verify checks the chain still holds it. */
export type Checkpoint = { seq: string; hash: string; at: string; signature: string };

function checkpointPayload(c: Omit<Checkpoint, "signature">): string {
  return canonicalJson({ seq: c.seq, hash: c.hash, at: c.at, kind: "interchange-audit-checkpoint" });
}

export function signCheckpoint(head: Omit<Checkpoint, "signature">, key: Buffer): Checkpoint {
  return { ...head, signature: createHmac("sha256", key).update(checkpointPayload(head)).digest("hex") };
}

export function checkpointSignatureValid(checkpoint: Checkpoint, key: Buffer): boolean {
  const expected = Buffer.from(signCheckpoint(checkpoint, key).signature, "hex");
  const given = Buffer.from(checkpoint.signature, "hex");
  return expected.length === given.length && timingSafeEqual(expected, given);
}
