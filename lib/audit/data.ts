import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { findBrokenLink, GENESIS_HASH, type ChainedFields } from "./chain";
import type { AuditEventDto, AuditPage, AuditQuery, AuditVerification } from "./schemas";

export async function listAuditEvents(ctx: Ctx, query: AuditQuery): Promise<AuditPage> {
  requirePermission(ctx, "audit.read");
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

/** Recomputes the whole chain in seq order, in batches so a long trail never sits in memory at once. */
export async function verifyAuditChain(ctx: Ctx): Promise<AuditVerification> {
  requirePermission(ctx, "audit.read");
  let checked = 0;
  let previousHash = GENESIS_HASH;
  let after: bigint | undefined;
  for (;;) {
    const batch = await db().auditEvent.findMany({
      where: after === undefined ? undefined : { seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: VERIFY_BATCH,
    });
    if (!batch.length) return { ok: true, checked, firstBroken: null };
    const broken = findBrokenLink(batch as (ChainedFields & { hash: string })[], previousHash);
    if (broken) return { ok: false, checked: checked + batch.findIndex((e) => String(e.seq) === broken.seq), firstBroken: broken };
    checked += batch.length;
    previousHash = batch[batch.length - 1].hash;
    after = batch[batch.length - 1].seq;
  }
}
