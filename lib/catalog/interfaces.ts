import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { dispatch } from "@/lib/contracts/delivery";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { buildSearchText } from "./search-text";
import type { ElementDto, InterfaceDetail, UpdateInterfaceMetadataInput } from "./schemas";
import { classificationsOf, summaryInclude, toSummary } from "./summaries";
import { effectiveOwner, moveOwner, pendingTransfer } from "./transfers";


const ELEMENT_GROUP = { OPERATION: "operations", CHANNEL: "channels", MESSAGE: "messages", SCHEMA: "schemas" } as const;

export async function getInterface(ctx: Ctx, id: string): Promise<InterfaceDetail> {
  requirePermission(ctx, "catalog.read");
  const row = await db().interface.findUnique({
    where: { id },
    include: {
      ...summaryInclude,
      system: { select: { ...summaryInclude.system.select, ownerTeamId: true } },
      versions: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true, version: true, specFormat: true, specHash: true, createdAt: true } },
      flows: {
        orderBy: { consumerSystem: { name: "asc" } },
        include: { consumerSystem: { select: { id: true, name: true, ownerTeam: { select: { id: true, name: true } } } } },
      },
      contracts: { orderBy: { createdAt: "desc" } },
    },
  });
  if (!row) throw notFound("Interface");
  const latest = row.versions[0];
  const elements = latest
    ? await db().interfaceElement.findMany({
        where: { interfaceVersionId: latest.id },
        orderBy: [{ kind: "asc" }, { path: "asc" }, { name: "asc" }],
        include: { fields: { orderBy: { path: "asc" } } },
      })
    : [];
  const grouped: InterfaceDetail["elements"] = { operations: [], channels: [], messages: [], schemas: [] };
  for (const e of elements) {
    const dto: ElementDto = {
      id: e.id,
      kind: e.kind,
      name: e.name,
      method: e.method,
      path: e.path,
      action: e.action,
      channel: channelOf(e.details),
      summary: e.summary,
      description: e.description,
      deprecated: e.deprecated,
      fields: e.fields.map((f) => ({ id: f.id, path: f.path, name: f.name, type: f.type, format: f.format, required: f.required, description: f.description, classification: f.classification })),
    };
    grouped[ELEMENT_GROUP[e.kind]].push(dto);
  }
  const classification = (await classificationsOf([row.id])).get(row.id);
  return {
    ...toSummary(row, classification),
    specFormat: row.specFormat,
    versions: row.versions.map((v) => ({ ...v, createdAt: v.createdAt.toISOString() })),
    elements: grouped,
    consumerFlows: row.flows.map((f) => ({
      flowId: f.id,
      flowName: f.name,
      style: f.style,
      patterns: f.patterns,
      system: { id: f.consumerSystem.id, name: f.consumerSystem.name },
      team: f.consumerSystem.ownerTeam,
    })),
    contracts: row.contracts.map((c) => ({
      id: c.id,
      version: c.version,
      status: c.status,
      classification: c.classification,
      compatibilityMode: c.compatibilityMode,
      updatedAt: c.updatedAt.toISOString(),
    })),
    canEdit: can(ctx, "catalog.write", { ownerTeamId: effectiveOwner(row) }),
    pendingTransfer: await pendingTransfer(ctx, row.id),
  };
}

/** The raw spec document of one version, for download. */
export async function getInterfaceSpec(ctx: Ctx, interfaceId: string, versionId: string) {
  requirePermission(ctx, "catalog.read");
  const version = await db().interfaceVersion.findFirst({
    where: { id: versionId, interfaceId },
    select: { version: true, specFormat: true, spec: true, interface: { select: { slug: true } } },
  });
  if (!version) throw notFound("Interface version");
  return { slug: version.interface.slug, version: version.version, specFormat: version.specFormat, spec: version.spec };
}

/**
 * Changes an interface's governance metadata; only its owners (and architects, admins) may. A new owner team is
 * asked first (lib/catalog/transfers.ts): the detail returned then shows the pending transfer.
 */
export async function updateInterfaceMetadata(ctx: Ctx, id: string, input: UpdateInterfaceMetadataInput): Promise<InterfaceDetail> {
  requirePermission(ctx, "catalog.read");
  const deliveries = await db().$transaction(async (tx) => {
    const before = await tx.interface.findUnique({ where: { id }, include: { system: { select: { ownerTeamId: true } } } });
    if (!before) throw notFound("Interface");
    requirePermission(ctx, "catalog.write", { ownerTeamId: effectiveOwner(before) });
    await checkReferences(tx, input);

    const lifecycle = input.lifecycle ?? before.lifecycle;
    const sunsetDate = input.sunsetDate !== undefined ? input.sunsetDate : before.sunsetDate?.toISOString().slice(0, 10) ?? null;
    if (lifecycle === "DEPRECATED" && !sunsetDate) {
      throw new AppError("VALIDATION", "A deprecated interface needs a sunset date", { errors: [{ pointer: "/sunsetDate", message: "Required when deprecated" }] });
    }
    // YYYY-MM-DD strings compare in date order; "today" is UTC, like the stored date.
    if (input.sunsetDate && input.sunsetDate <= new Date().toISOString().slice(0, 10)) {
      throw new AppError("VALIDATION", "The sunset date must be in the future", { errors: [{ pointer: "/sunsetDate", message: "Must be in the future" }] });
    }

    const description = input.description !== undefined ? input.description || null : before.description;
    const tags = input.tags ? [...new Set(input.tags)] : before.tags;
    const move: Awaited<ReturnType<typeof moveOwner>> =
      input.ownerTeamId !== undefined ? await moveOwner(tx, ctx, before, input.ownerTeamId, input.transferNote) : { deliveries: [] };
    const after = await tx.interface.update({
      where: { id },
      data: {
        domainId: input.domainId,
        ownerTeamId: move.ownerTeamId,
        lifecycle,
        sunsetDate: sunsetDate ? new Date(`${sunsetDate}T00:00:00Z`) : null,
        description,
        tags,
        searchText: await searchTextFor(tx, before.id, { name: before.name, description, tags }),
      },
    });
    await recordAudit(tx, ctx, { action: "interface.update", entityType: "interface", entityId: id, before: auditView(before), after: auditView(after) });
    return move.deliveries;
  });
  dispatch(deliveries);
  return getInterface(ctx, id);
}

type Tx = Prisma.TransactionClient;

async function checkReferences(tx: Tx, input: UpdateInterfaceMetadataInput) {
  if (input.domainId && !(await tx.domain.findUnique({ where: { id: input.domainId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "No such domain", { errors: [{ pointer: "/domainId", message: "No such domain" }] });
  }
  if (input.ownerTeamId && !(await tx.team.findUnique({ where: { id: input.ownerTeamId }, select: { id: true } }))) {
    throw new AppError("VALIDATION", "No such team", { errors: [{ pointer: "/ownerTeamId", message: "No such team" }] });
  }
}

/** Rebuilt from the latest version's elements and fields, so edited descriptions and tags become searchable. */
async function searchTextFor(tx: Tx, interfaceId: string, meta: { name: string; description: string | null; tags: string[] }) {
  const latest = await tx.interfaceVersion.findFirst({ where: { interfaceId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], select: { id: true } });
  const [elements, fields] = latest
    ? await Promise.all([
        tx.interfaceElement.findMany({ where: { interfaceVersionId: latest.id }, select: { name: true, path: true } }),
        tx.interfaceField.findMany({ where: { interfaceVersionId: latest.id }, select: { name: true } }),
      ])
    : [[], []];
  return buildSearchText({ ...meta, elements, fieldNames: fields.map((f) => f.name) });
}

type AuditRow = { domainId: string | null; ownerTeamId: string | null; lifecycle: string; sunsetDate: Date | null; description: string | null; tags: string[] };
const auditView = (row: AuditRow) => ({
  domainId: row.domainId,
  ownerTeamId: row.ownerTeamId,
  lifecycle: row.lifecycle,
  sunsetDate: row.sunsetDate?.toISOString().slice(0, 10) ?? null,
  description: row.description,
  tags: row.tags,
});

function channelOf(details: unknown): string | null {
  const channel = typeof details === "object" && details !== null ? (details as { channel?: unknown }).channel : undefined;
  return typeof channel === "string" ? channel : null;
}
