import type { Ctx } from "@/lib/auth/can";
import type { Prisma } from "@/lib/db/generated/client";
import { auditKey, GENESIS_HASH, hashEvent, KEYED } from "./chain";

type Tx = Prisma.TransactionClient;

// Serialises audit writers so each new event chains to the true latest one, across server instances.
const AUDIT_LOCK_KEY = 7_142_020_002;

export type AuditInput = {
  action: string;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
};

/** Dates become ISO strings and undefined keys vanish, exactly as the jsonb column will hand them back. */
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
}

type Deferred = { ctx: Ctx; input: AuditInput; at: Date };
// Transactions whose audit events are written at their end (deferAudit): the chain's lock is then held only for that
// last write and the commit, instead of from the first event on.
const deferredByTx = new WeakMap<Tx, Deferred[]>();

/**
 * Appends one event to the audit trail inside the caller's transaction: if the audit write fails, the change
 * it describes rolls back with it.
 */
export async function recordAudit(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  const deferred = deferredByTx.get(tx);
  if (deferred) {
    deferred.push({ ctx, input: { ...input, before: toJson(input.before), after: toJson(input.after) }, at: new Date() });
    return;
  }
  await appendEvents(tx, [{ ctx, input, at: new Date() }]);
}

/**
 * Runs `work` in the transaction with its audit events held back, then appends them all, in order, at the end (still
 * inside the transaction, so they commit or roll back with the change). Long imports use it so that the audit chain's
 * lock does not serialise their whole transaction.
 */
export async function deferAudit<T>(tx: Tx, work: () => Promise<T>): Promise<T> {
  if (deferredByTx.has(tx)) return work();
  const events: Deferred[] = [];
  deferredByTx.set(tx, events);
  try {
    const result = await work();
    deferredByTx.delete(tx);
    await appendEvents(tx, events);
    return result;
  } finally {
    deferredByTx.delete(tx);
  }
}

async function appendEvents(tx: Tx, events: Deferred[]): Promise<void> {
  if (events.length === 0) return;
  const key = auditKey();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const [latest] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`;
  const seqs = (await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval(pg_get_serial_sequence('audit_event', 'seq')) AS seq FROM generate_series(1, ${events.length}::int)`)
    .map((row) => BigInt(row.seq))
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  let prevHash = latest?.hash ?? GENESIS_HASH;
  const rows = events.map(({ ctx, input, at }, i) => {
    const fields = {
      seq: seqs[i],
      at,
      actorId: ctx.actor?.id ?? null,
      actorEmail: ctx.actor?.email ?? null,
      action: input.action,
      entityType: input.entityType,
      entityId: input.entityId ?? null,
      before: toJson(input.before) ?? null,
      after: toJson(input.after) ?? null,
      requestId: ctx.requestId,
      prevHash,
      hashAlg: key ? KEYED : "sha256",
    };
    const hash = hashEvent(fields, key);
    prevHash = hash;
    return { ...fields, before: fields.before ?? undefined, after: fields.after ?? undefined, hash };
  });
  if (rows.length === 1) await tx.auditEvent.create({ data: rows[0] });
  else await tx.auditEvent.createMany({ data: rows });
}
