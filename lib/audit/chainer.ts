import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { logger } from "@/lib/log";
import { startPoller, type Poller } from "@/lib/utils/poller";
import { auditKey, GENESIS_HASH, hashEvent, KEYED } from "./chain";

// Serialises chainers, across server instances, so each event links to the true latest one. Held only while
// committed pending events are appended, never while a business transaction runs.
const AUDIT_LOCK_KEY = 7_142_020_002;
const BATCH = 1_000;
// Waiting for another chainer's turn is normal; Prisma's default 2 s / 5 s would give up under load and leave the
// events pending until the next pass.
const CHAIN_TX = { maxWait: 15_000, timeout: 60_000 };

// Transactions that wrote pending events (recordAudit notes them), so one that wrote none does not chain.
const wrotePending = new WeakSet<object>();

// Events of a transaction opened through chainingAfterCommit, written together when its work ends: an import wrote
// three in three round trips, one per event.
const queued = new WeakMap<object, Prisma.AuditPendingCreateManyInput[]>();

/** Writes a pending event in `tx`: at once, or with the transaction's other events just before it commits. */
export async function writePendingAudit(tx: Prisma.TransactionClient, row: Prisma.AuditPendingCreateManyInput): Promise<void> {
  wrotePending.add(tx);
  const queue = queued.get(tx);
  if (queue) queue.push(row);
  else await tx.auditPending.create({ data: row });
}

/**
 * Moves committed pending events into the chain, oldest first: each gets the next sequence number, the previous
 * event's hash and its own HMAC, in one short transaction per batch under the chain lock. Returns how many moved.
 */
export async function chainPendingAudit(client: PrismaClient, { known = false } = {}): Promise<number> {
  // Most background passes find nothing: look before taking the lock, unless the caller has just committed events.
  if (!known && !(await client.auditPending.findFirst({ select: { id: true } }))) return 0;
  const key = auditKey();
  let moved = 0;
  for (;;) {
    const count = await client.$transaction(async (tx) => {
      await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
      const pending = await tx.auditPending.findMany({ orderBy: { id: "asc" }, take: BATCH });
      if (!pending.length) return 0;
      const [latest] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`;
      const seqs = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval(pg_get_serial_sequence('audit_event', 'seq')) AS seq FROM generate_series(1, ${pending.length}::int)`;
      let prevHash = latest?.hash ?? GENESIS_HASH;
      const rows = pending.map((event, i) => {
        const fields = {
          seq: BigInt(seqs[i].seq),
          at: event.at,
          actorId: event.actorId,
          actorEmail: event.actorEmail,
          action: event.action,
          entityType: event.entityType,
          entityId: event.entityId,
          before: event.before,
          after: event.after,
          requestId: event.requestId,
          prevHash,
          hashAlg: key ? KEYED : "sha256",
        };
        const hash = hashEvent(fields, key);
        prevHash = hash;
        return { ...fields, before: event.before ?? undefined, after: event.after ?? undefined, hash };
      });
      await tx.auditEvent.createMany({ data: rows });
      await tx.auditPending.deleteMany({ where: { id: { in: pending.map((p) => p.id) } } });
      return pending.length;
    }, CHAIN_TX);
    moved += count;
    if (count < BATCH) return moved;
  }
}

/**
 * The process's database client, whose transactions chain their pending audit events as soon as they commit.
 * A failed chaining never fails the committed change: the events stay pending for the next commit or the
 * background pass (startAuditChainer).
 */
export function chainingAfterCommit(client: PrismaClient): PrismaClient {
  const transaction = client.$transaction.bind(client) as (first: unknown, ...rest: unknown[]) => Promise<unknown>;
  const chained = async (first: unknown, ...rest: unknown[]) => {
    // The array form runs queries only; recordAudit needs an interactive transaction.
    if (typeof first !== "function") return transaction(first, ...rest);
    let wrote = false;
    const result = await transaction(async (tx: Prisma.TransactionClient) => {
      queued.set(tx, []);
      const value = await (first as (tx: object) => Promise<unknown>)(tx);
      // Still inside the transaction: if the events cannot be written, the change they describe rolls back.
      const rows = queued.get(tx) ?? [];
      queued.delete(tx);
      if (rows.length) await tx.auditPending.createMany({ data: rows });
      wrote = wrotePending.has(tx);
      return value;
    }, ...rest);
    if (wrote) await chainPendingAudit(client, { known: true }).catch((error) => logger.warn({ err: error }, "chaining audit events failed; the next pass retries"));
    return result;
  };
  return new Proxy(client, {
    get(target, property) {
      if (property === "$transaction") return chained;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** Chains events another instance left pending (it stopped between commit and chaining), every few seconds. */
export function startAuditChainer(client: PrismaClient, pollMs = 5_000): Poller {
  return startPoller("audit chaining", () => chainPendingAudit(client), pollMs);
}
