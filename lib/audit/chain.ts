import { createHash } from "node:crypto";

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
};

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

export function hashEvent(event: ChainedFields): string {
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
  return createHash("sha256").update(payload).digest("hex");
}

export type BrokenLink = { seq: string; reason: string };

/**
 * Walks events in seq order and returns the first one whose content no longer matches its hash, or whose
 * prevHash does not point at the row before it (a row was removed or inserted out of band).
 */
export function findBrokenLink(events: Iterable<ChainedFields & { hash: string }>, previousHash = GENESIS_HASH): BrokenLink | null {
  let expectedPrev = previousHash;
  for (const event of events) {
    if (event.prevHash !== expectedPrev) {
      return { seq: String(event.seq), reason: "its previous-hash does not match the event before it: an event was removed or reordered" };
    }
    if (hashEvent(event) !== event.hash) {
      return { seq: String(event.seq), reason: "its content does not match its hash: the event was edited after it was written" };
    }
    expectedPrev = event.hash;
  }
  return null;
}
