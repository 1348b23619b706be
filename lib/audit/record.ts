import type { Ctx } from "@/lib/auth/can";
import type { Prisma } from "@/lib/db/generated/client";
import { writePendingAudit } from "./chainer";

type Tx = Prisma.TransactionClient;

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

/**
 * Writes one event for the audit trail inside the caller's transaction: if the audit write fails, the change it
 * describes rolls back with it. No lock is taken here: the event is chained (sequence, previous hash, HMAC) by
 * chainPendingAudit once the transaction commits, so writers never wait on one another's transactions. The event is
 * taken as it is now; in a transaction of the process's client it is written with the others before the commit.
 */
export async function recordAudit(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  await writePendingAudit(tx, {
    at: new Date(),
    actorId: ctx.actor?.id ?? null,
    actorEmail: ctx.actor?.email ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
    requestId: ctx.requestId,
  });
}
