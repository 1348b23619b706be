import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { can, type Ctx } from "@/lib/auth/can";
import { chainPendingAudit } from "@/lib/audit/chainer";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { diffDocuments, type DiffFormat, type Mode } from "@/lib/diff";
import { decodeCursor, encodeCursor } from "@/lib/catalog/cursor";
import { ImportError } from "@/lib/catalog/import/model";
import { allowedEvents } from "./lifecycle";
import { contractInclude, producerTeam, siblingsOf, toDto, toSummary } from "./load";
import { stringify } from "yaml";
import { fromOdcsYaml, toOdcsDocument } from "./odcs";
import { validOdcsDocument } from "./odcs-validate";
import { ownRequest } from "./rules";
import type { CommentDto, CompareResult, ContractAuditDetails, ContractContent, ContractDto, ContractList, ContractListQuery, Inbox } from "./schemas";
import { CONTRACT_STATUSES, ErrorHandling, Sla } from "./schemas";
import semver from "semver";

export async function listContracts(ctx: Ctx, query: ContractListQuery): Promise<ContractList> {
  requirePermission(ctx, "contract.read");
  const base: Prisma.DataContractWhereInput = {
    ...(query.interfaceId ? { interfaceId: query.interfaceId } : {}),
    ...(query.q ? { interface: { name: { contains: query.q, mode: "insensitive" } } } : {}),
  };
  const [rows, grouped] = await Promise.all([
    db().dataContract.findMany({
      where: { ...base, ...(query.status ? { status: query.status } : {}) },
      include: contractInclude,
      orderBy: [{ updatedAt: "desc" }, { id: "asc" }],
      take: 500,
    }),
    db().dataContract.groupBy({ by: ["status"], where: base, _count: { _all: true } }),
  ]);
  const counts = Object.fromEntries(CONTRACT_STATUSES.map((s) => [s, grouped.find((g) => g.status === s)?._count._all ?? 0]));
  return { items: rows.map(toSummary), counts };
}

export async function getContract(ctx: Ctx, id: string): Promise<ContractDto> {
  requirePermission(ctx, "contract.read");
  const row = await db().dataContract.findUnique({ where: { id }, include: contractInclude });
  if (!row) throw notFound("Contract");
  const siblings = await siblingsOf(db(), row.interfaceId);
  const owner = { ownerTeamId: producerTeam(row.interface)?.id ?? null };
  const propose = can(ctx, "contract.propose", owner);
  return toDto(
    row,
    siblings,
    ctx.actor,
    {
      propose,
      edit: propose && row.status === "DRAFT",
      transition: propose ? allowedEvents(row.status).filter((e) => ["submit", "activate", "deprecate", "retire"].includes(e)) : [],
    },
    (teamId) => !!ctx.actor && !!teamId && (ctx.actor.teamIds.includes(teamId) || ctx.actor.role === "ADMIN") && ["APPROVED", "ACTIVE", "DEPRECATED"].includes(row.status),
  );
}

/** Two versions of one interface's contract side by side, with lib/diff's change list from `from` to `to`. */
export async function compareContracts(ctx: Ctx, fromId: string, toId: string): Promise<CompareResult> {
  requirePermission(ctx, "contract.read");
  const [from, to] = await Promise.all([
    db().dataContract.findUnique({ where: { id: fromId }, include: contractInclude }),
    db().dataContract.findUnique({ where: { id: toId }, include: contractInclude }),
  ]);
  if (!from || !to || from.interfaceId !== to.interfaceId) throw notFound("Contract version");
  const format = from.schemaFormat === to.schemaFormat ? (to.schemaFormat as DiffFormat) : undefined;
  const result = diffDocuments({ format, previous: from.schema, next: to.schema, mode: to.compatibilityMode as Mode });
  return { from: { ...toSummary(from), schema: from.schema }, to: { ...toSummary(to), schema: to.schema }, breaking: result.breaking, changes: result.changes };
}

export async function listComments(ctx: Ctx, contractId: string): Promise<{ items: CommentDto[] }> {
  requirePermission(ctx, "contract.read");
  if (!(await db().dataContract.findUnique({ where: { id: contractId }, select: { id: true } }))) throw notFound("Contract");
  const rows = await db().contractComment.findMany({
    where: { contractId },
    orderBy: { createdAt: "asc" },
    include: { author: { select: { id: true, name: true } } },
  });
  return { items: rows.map((c) => ({ id: c.id, parentId: c.parentId, author: c.author, body: c.body, createdAt: c.createdAt.toISOString() })) };
}

export const INBOX_PAGE = 100;

/**
 * Approval requests waiting for the caller: their teams' reviews, and compliance reviews for compliance officers,
 * newest first in pages of `limit` (`nextCursor` fetches the next page of pending reviews), plus the 30 latest
 * decisions. Pending and decided are queried apart so a long decision history never hides a pending review.
 */
export async function getInbox(ctx: Ctx, options: { cursor?: string; limit?: number } = {}): Promise<Inbox> {
  requirePermission(ctx, "contract.read");
  const actor = ctx.actor;
  if (!actor) return { pending: [], decided: [], nextCursor: null };
  const mine: Prisma.ApprovalRequestWhereInput = {
    OR: [{ teamId: { in: [...actor.teamIds] } }, ...(can(ctx, "contract.decide.compliance") ? [{ kind: "COMPLIANCE" as const }] : [])],
  };
  const limit = options.limit ?? INBOX_PAGE;
  const after = options.cursor ? decodeCursor(options.cursor, "inbox") : null;
  if (after && Number.isNaN(Date.parse(String(after.key)))) throw new AppError("VALIDATION", "The cursor is invalid", { errors: [{ pointer: "/query/cursor", message: "Invalid cursor" }] });
  const include = { team: { select: { id: true, name: true } }, contract: { include: contractInclude } };
  const [pendingRows, decidedRows] = await Promise.all([
    db().approvalRequest.findMany({
      where: {
        AND: [
          mine,
          { decision: "PENDING", contract: { status: "IN_REVIEW" } },
          after ? { OR: [{ createdAt: { lt: new Date(String(after.key)) } }, { createdAt: new Date(String(after.key)), id: { gt: after.id } }] } : {},
        ],
      },
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      take: limit + 1,
      include,
    }),
    options.cursor ? Promise.resolve([]) : db().approvalRequest.findMany({ where: { AND: [mine, { decision: { not: "PENDING" } }] }, orderBy: { createdAt: "desc" }, take: 60, include }),
  ]);
  type Row = (typeof pendingRows)[number];
  const item = (r: Row) => ({ approvalId: r.id, label: r.team?.name ?? "Compliance", contract: toSummary(r.contract), createdAt: r.createdAt.toISOString() });
  const isOwn = (r: Row) => ownRequest((p, res) => can(ctx, p, res), { kind: r.kind, teamId: r.teamId, decision: r.decision, label: r.team?.name ?? "Compliance" });
  const page = pendingRows.slice(0, limit);
  const last = page.at(-1);
  return {
    pending: page.filter(isOwn).map(item),
    decided: decidedRows
      .filter(isOwn)
      .slice(0, 30)
      .map((r) => ({ ...item(r), decision: r.decision })),
    nextCursor: pendingRows.length > limit && last ? encodeCursor({ sort: "inbox", key: last.createdAt.toISOString(), id: last.id }) : null,
  };
}

export const CONTRACT_AUDIT_PAGE = 200;

/**
 * Audit events about one contract version, oldest first; with `allVersions`, about every version of the
 * interface's contract, so a review's whole story (rejected proposal, revision, activation) reads in one place.
 * Pages of `limit` events: `nextCursor` (the last event's sequence) fetches the next page, null on the last one.
 */
export async function contractAudit(
  ctx: Ctx,
  contractId: string,
  options: { allVersions?: boolean; cursor?: string; limit?: number } = {},
): Promise<{ items: ContractAuditEvent[]; nextCursor: string | null }> {
  requirePermission(ctx, "contract.read");
  const row = await db().dataContract.findUnique({ where: { id: contractId }, select: { interfaceId: true } });
  if (!row) throw notFound("Contract");
  const ids = options.allVersions ? (await db().dataContract.findMany({ where: { interfaceId: row.interfaceId }, select: { id: true } })).map((c) => c.id) : [contractId];
  const limit = options.limit ?? CONTRACT_AUDIT_PAGE;
  // Events committed but not yet chained (a chaining that failed after commit) belong in the history too.
  await chainPendingAudit(db());
  const events = await db().auditEvent.findMany({
    where: { entityType: "contract", entityId: { in: ids }, ...(options.cursor ? { seq: { gt: BigInt(options.cursor) } } : {}) },
    orderBy: { seq: "asc" },
    take: limit + 1,
    select: { seq: true, at: true, actorId: true, action: true, after: true, entityId: true },
  });
  const page = events.slice(0, limit);
  const actorIds = [...new Set(page.map((e) => e.actorId).filter((id): id is string => !!id))];
  const names = new Map((await db().user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]));
  const items = page.map((e) => ({
    seq: e.seq.toString(),
    at: e.at.toISOString(),
    actor: e.actorId ? (names.get(e.actorId) ?? "former user") : null,
    action: e.action,
    after: auditDetails(e.after),
    contractId: e.entityId,
  }));
  return { items, nextCursor: events.length > limit ? (items.at(-1)?.seq ?? null) : null };
}

export type ContractAuditEvent = { seq: string; at: string; actor: string | null; action: string; after: ContractAuditDetails; contractId: string | null };

/**
 * contract.read is open to every role, audit.read is not: only whitelisted fields of an event's payload leave
 * here (never schemas, SLA, comment bodies of the discussion or e-mail addresses).
 */
function auditDetails(after: unknown): ContractAuditDetails {
  const source = after && typeof after === "object" && !Array.isArray(after) ? (after as Record<string, unknown>) : {};
  const details: ContractAuditDetails = {};
  for (const key of ["version", "status", "decision", "approver", "flow"] as const) if (typeof source[key] === "string") details[key] = source[key];
  if (typeof source.comment === "string" || source.comment === null) details.comment = source.comment;
  return details;
}

/** The version as an ODCS v3 YAML document. */
export async function exportOdcs(ctx: Ctx, id: string): Promise<{ fileName: string; yaml: string }> {
  const contract = await getContract(ctx, id);
  const { doc, dropped, errors } = validOdcsDocument(toOdcsDocument({ ...contract, description: contract.description ?? undefined, changeNote: contract.changeNote ?? undefined }));
  if (errors.length) throw new AppError("VALIDATION", `This version cannot be written as valid ODCS ${String(doc.apiVersion)}: ${errors.join("; ")}`);
  const note = dropped.length ? `# Left out because the official ODCS ${String(doc.apiVersion)} schema rejects them as imported: ${dropped.join(", ")}\n` : "";
  return { fileName: `${contract.interface.slug}-${contract.version}.odcs.yaml`, yaml: note + stringify(doc, { lineWidth: 0, blockQuote: "literal", aliasDuplicateObjects: false }) };
}

/** Reads an ODCS v3 document into form content (nothing is stored); problems carry line and pointer. */
export function importOdcs(ctx: Ctx, yaml: string): ContractContent {
  requirePermission(ctx, "contract.read");
  try {
    return fromOdcsYaml(yaml);
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    throw new AppError("VALIDATION", `The ODCS document is invalid: ${error.message}`, {
      errors: error.problems.map((p) => ({ pointer: `/yaml${p.pointer && p.pointer !== "/" ? p.pointer : ""}`, message: p.line ? `line ${p.line}: ${p.message}` : p.message })),
    });
  }
}

const SPEC_TO_SCHEMA: Record<string, ContractContent["schemaFormat"]> = { OPENAPI: "OPENAPI", ASYNCAPI: "ASYNCAPI", PROTOBUF: "PROTOBUF", AVRO: "AVRO", JSON_SCHEMA: "JSON_SCHEMA" };

export type ProposalStart = {
  interface: { id: string; name: string };
  ownerTeam: string | null;
  latest: { id: string; version: string; status: string } | null;
  /** The version the content was copied from, and the versions the producer may start from instead. */
  base: { id: string; version: string; status: string } | null;
  bases: { id: string; version: string; status: string }[];
  /** Versions consumers may be subscribed to (active, deprecated), for the live compatibility check. */
  published: { id: string; version: string; status: string; schema: string }[];
  content: ContractContent;
};

/**
 * Where a new proposal starts: a copy of the version the producer picked, else the latest ACTIVE one, else the
 * highest (a rejected proposal is not a good base unless asked for), numbered the next minor after the highest; or
 * for a first contract, the interface's latest spec and the personal-data flag its catalog tags imply.
 */
export async function proposalStart(ctx: Ctx, interfaceId: string, baseId?: string): Promise<ProposalStart> {
  const iface = await db().interface.findUnique({
    where: { id: interfaceId },
    select: { id: true, name: true, tags: true, specFormat: true, description: true, ownerTeamId: true, ownerTeam: { select: { name: true } }, system: { select: { ownerTeamId: true, ownerTeam: { select: { name: true } } } }, versions: { orderBy: { createdAt: "desc" }, take: 1, select: { spec: true } } },
  });
  if (!iface) throw notFound("Interface");
  requirePermission(ctx, "contract.propose", { ownerTeamId: iface.ownerTeamId ?? iface.system.ownerTeamId });
  const ownerTeam = iface.ownerTeam?.name ?? iface.system.ownerTeam?.name ?? null;
  const siblings = await siblingsOf(db(), interfaceId);
  const latest = siblings.at(-1);
  if (latest) {
    const base = siblings.find((s) => s.id === baseId) ?? siblings.findLast((s) => s.status === "ACTIVE") ?? latest;
    const row = await db().dataContract.findUniqueOrThrow({ where: { id: base.id } });
    const next = semver.valid(latest.version) ? semver.inc(latest.version, "minor")! : "1.0.0";
    return {
      interface: { id: iface.id, name: iface.name },
      ownerTeam,
      latest: { id: latest.id, version: latest.version, status: latest.status },
      base: { id: base.id, version: base.version, status: base.status },
      bases: siblings.map((s) => ({ id: s.id, version: s.version, status: s.status })),
      published: await db().dataContract.findMany({
        where: { interfaceId, status: { in: ["ACTIVE", "DEPRECATED"] } },
        select: { id: true, version: true, status: true, schema: true },
        orderBy: { createdAt: "asc" },
      }),
      content: {
        version: next,
        compatibilityMode: row.compatibilityMode,
        schemaFormat: row.schemaFormat,
        schema: row.schema,
        sla: Sla.safeParse(row.sla).data ?? {},
        errorHandling: ErrorHandling.safeParse(row.errorHandling).data ?? {},
        classification: row.classification,
        personalData: row.personalData,
        crossBorderTransfer: row.crossBorderTransfer,
        description: row.description ?? undefined,
        changeNote: undefined,
      },
    };
  }
  return {
    interface: { id: iface.id, name: iface.name },
    ownerTeam,
    latest: null,
    base: null,
    bases: [],
    published: [],
    content: {
      version: "1.0.0",
      compatibilityMode: "BACKWARD",
      schemaFormat: SPEC_TO_SCHEMA[iface.specFormat] ?? "JSON_SCHEMA",
      schema: iface.versions[0]?.spec ?? "",
      sla: {},
      errorHandling: {},
      classification: "INTERNAL",
      personalData: iface.tags.includes("personal-data"),
      crossBorderTransfer: false,
      description: iface.description ?? undefined,
      changeNote: undefined,
    },
  };
}

/** Interfaces the caller may propose contracts for: those their teams own (every interface for admins). */
export async function proposableInterfaces(ctx: Ctx): Promise<{ id: string; name: string; hasContract: boolean }[]> {
  requirePermission(ctx, "contract.read");
  const actor = ctx.actor;
  if (!actor) return [];
  const all = actor.role === "ADMIN";
  const teamIds = [...actor.teamIds];
  const rows = await db().interface.findMany({
    where: all ? {} : { OR: [{ ownerTeamId: { in: teamIds } }, { ownerTeamId: null, system: { ownerTeamId: { in: teamIds } } }] },
    select: { id: true, name: true, _count: { select: { contracts: true } } },
    orderBy: { name: "asc" },
    take: 1000,
  });
  return rows.map((r) => ({ id: r.id, name: r.name, hasContract: r._count.contracts > 0 }));
}
