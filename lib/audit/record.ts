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

/**
 * Appends one event to the audit trail inside the caller's transaction: if the audit write fails, the change
 * it describes rolls back with it.
 */
export async function recordAudit(tx: Tx, ctx: Ctx, input: AuditInput): Promise<void> {
  const key = auditKey();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`;
  const [latest] = await tx.$queryRaw<{ hash: string }[]>`SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1`;
  const [{ seq }] = await tx.$queryRaw<{ seq: bigint }[]>`SELECT nextval(pg_get_serial_sequence('audit_event', 'seq')) AS seq`;
  const fields = {
    seq: BigInt(seq),
    at: new Date(),
    actorId: ctx.actor?.id ?? null,
    actorEmail: ctx.actor?.email ?? null,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: toJson(input.before) ?? null,
    after: toJson(input.after) ?? null,
    requestId: ctx.requestId,
    prevHash: latest?.hash ?? GENESIS_HASH,
    hashAlg: key ? KEYED : "sha256",
  };
  await tx.auditEvent.create({
    data: {
      ...fields,
      before: fields.before ?? undefined,
      after: fields.after ?? undefined,
      hash: hashEvent(fields, key),
    },
  });
}
