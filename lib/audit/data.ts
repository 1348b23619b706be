import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { AppError } from "@/lib/api/errors";
import { chainPendingAudit } from "./chainer";
import { auditKey, checkpointSignatureValid, findBrokenLink, GENESIS_HASH, signCheckpoint, type ChainedFields, type Checkpoint } from "./chain";
import type { AuditEventDto, AuditPage, AuditQuery, AuditVerification } from "./schemas";

export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<AuditPage> {
  requirePermission(ctx, "audit.read");
  // Events committed but not yet chained (their writer stopped before chaining) are chained first, so none is missing.
  await chainPendingAudit(db());
  const where: Prisma.AuditEventWhereInput = {
    action: query.action?.endsWith(".") ? { startsWith: query.action } : query.action,
    entityType: query.entityType,
    entityId: query.entityId,
    actorEmail: query.actor,
    at: query.from || query.to ? { gte: query.from, lte: query.to } : undefined,
    seq: query.cursor ? { lt: BigInt(query.cursor) } : undefined,
  };
  const rows = await db().auditEvent.findMany({ where, orderBy: { seq: "desc" }, take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map(toDto),
    nextCursor: rows.length > query.limit ? String(page[page.length - 1].seq) : null,
  };
}

function toDto(row: Prisma.AuditEventGetPayload<object>): AuditEventDto {
  return {
    seq: String(row.seq),
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorEmail: row.actorEmail,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: row.before,
    after: row.after,
    requestId: row.requestId,
    hash: row.hash,
  };
}

const VERIFY_BATCH = 5_000;

/** The signed head of the chain (sequence and hash), for an auditor to keep outside the portal and hand to verify later. */
export async function auditCheckpoint(ctx: Ctx): Promise<Checkpoint> {
  requirePermission(ctx, "audit.read");
  const key = auditKey();
  if (!key) throw new AppError("UNAVAILABLE", "Checkpoints are signed with AUDIT_HMAC_KEY (or NEXTAUTH_SECRET); set one on the server");
  await chainPendingAudit(db());
  const head = await db().auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  return signCheckpoint({ seq: String(head?.seq ?? 0), hash: head?.hash ?? GENESIS_HASH, at: new Date().toISOString() }, key);
}

/** Each checkpoint must be genuine and its event still in the chain with the same hash: deleting the tail or recomputing the chain fails here. */
async function checkpointProblem(checkpoint: Checkpoint, key: Buffer | null): Promise<{ seq: string; reason: string } | null> {
  if (!key || !checkpointSignatureValid(checkpoint, key)) return { seq: checkpoint.seq, reason: "the checkpoint's signature is not valid for this server's key" };
  if (checkpoint.seq === "0") return null;
  const row = await db().auditEvent.findUnique({ where: { seq: BigInt(checkpoint.seq) }, select: { hash: true } });
  if (!row) return { seq: checkpoint.seq, reason: `the event of the checkpoint taken at ${checkpoint.at} is gone: events were deleted from the end of the trail` };
  if (row.hash !== checkpoint.hash) return { seq: checkpoint.seq, reason: `the event's hash differs from the checkpoint taken at ${checkpoint.at}: the chain was recomputed` };
  return null;
}

/** Recomputes the whole chain in seq order, in batches so a long trail never sits in memory at once, then checks the given checkpoints. */
export async function verifyAuditChain(ctx: Ctx, checkpoints: Checkpoint[] = []): Promise<AuditVerification> {
  requirePermission(ctx, "audit.read");
  await chainPendingAudit(db());
  const key = auditKey();
  const state = { keyedSeen: false };
  let checked = 0;
  let previousHash = GENESIS_HASH;
  let after: bigint | undefined;
  for (;;) {
    const batch = await db().auditEvent.findMany({
      where: after === undefined ? undefined : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
    });
    if (!batch.length) {
      for (const checkpoint of checkpoints) {
        const problem = await checkpointProblem(checkpoint, key);
        if (problem) return { ok: false, checked, firstBroken: problem, keyed: state.keyedSeen, checkpointsChecked: checkpoints.length };
      }
      return { ok: true, checked, firstBroken: null, keyed: state.keyedSeen, checkpointsChecked: checkpoints.length };
    }
    const broken = findBrokenLink(batch as (ChainedFields & { hash: string })[], previousHash, key, state);
    if (broken) return { ok: false, checked: checked + batch.findIndex((e) => String(e.seq) === broken.seq), firstBroken: broken, keyed: state.keyedSeen, checkpointsChecked: 0 };
    checked += batch.length;
    previousHash = batch[batch.length - 1].hash;
    after = batch[batch.length - 1].seq;
  }
}
