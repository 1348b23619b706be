import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DomainDetail, DomainSummary, FlowDetail, FlowSummary, FlowsQuery, SystemDetail, SystemSummary } from "./schemas";
import { interfaceSummaries } from "./summaries";

const ref = { select: { id: true, name: true } } as const;

const systemInclude = {
  domain: ref,
  ownerTeam: ref,
  _count: { select: { interfaces: true, consumedFlows: true } },
} satisfies Prisma.SystemInclude;
type SystemRow = Prisma.SystemGetPayload<{ include: typeof systemInclude }>;

const toSystem = (s: SystemRow): SystemSummary => ({
  id: s.id,
  slug: s.slug,
  name: s.name,
  description: s.description,
  kind: s.kind,
  vendor: s.vendor,
  domain: s.domain,
  ownerTeam: s.ownerTeam,
  provides: s._count.interfaces,
  consumes: s._count.consumedFlows,
});

export async function listSystems(ctx: Ctx, where: { domainId?: string } = {}): Promise<SystemSummary[]> {
  requirePermission(ctx, "catalog.read");
  return (await db().system.findMany({ where, include: systemInclude, orderBy: { name: "asc" } })).map(toSystem);
}

export async function getSystem(ctx: Ctx, id: string): Promise<SystemDetail> {
  requirePermission(ctx, "catalog.read");
  const system = await db().system.findUnique({ where: { id }, include: systemInclude });
  if (!system) throw notFound("System");
  const [provided, consumed] = await Promise.all([
    db().interface.findMany({ where: { systemId: id }, select: { id: true }, orderBy: { name: "asc" } }),
    db().flow.findMany({ where: { consumerSystemId: id }, include: flowInclude, orderBy: { name: "asc" } }),
  ]);
  return {
    ...toSystem(system),
    hostingCountries: system.hostingCountries,
    processingCountries: system.processingCountries,
    providedInterfaces: await interfaceSummaries(provided.map((p) => p.id)),
    consumedFlows: consumed.map(toFlow),
  };
}

const domainInclude = { ownerTeam: ref, _count: { select: { systems: true } } } satisfies Prisma.DomainInclude;
type DomainRow = Prisma.DomainGetPayload<{ include: typeof domainInclude }>;
const toDomain = (d: DomainRow): DomainSummary => ({
  id: d.id,
  slug: d.slug,
  name: d.name,
  description: d.description,
  ownerTeam: d.ownerTeam,
  systems: d._count.systems,
});

export async function listDomains(ctx: Ctx): Promise<DomainSummary[]> {
  requirePermission(ctx, "catalog.read");
  return (await db().domain.findMany({ include: domainInclude, orderBy: { name: "asc" } })).map(toDomain);
}

export async function getDomain(ctx: Ctx, id: string): Promise<DomainDetail> {
  requirePermission(ctx, "catalog.read");
  const domain = await db().domain.findUnique({ where: { id }, include: domainInclude });
  if (!domain) throw notFound("Domain");
  return { ...toDomain(domain), systemList: await listSystems(ctx, { domainId: id }) };
}

const flowInclude = {
  interface: { select: { id: true, name: true, system: ref } },
  consumerSystem: { select: { id: true, name: true, ownerTeam: ref } },
} satisfies Prisma.FlowInclude;
type FlowRow = Prisma.FlowGetPayload<{ include: typeof flowInclude }>;

const toFlow = (f: FlowRow): FlowSummary => ({
  id: f.id,
  name: f.name,
  style: f.style,
  patterns: f.patterns,
  origin: f.origin,
  interface: { id: f.interface.id, name: f.interface.name },
  producerSystem: f.interface.system,
  consumerSystem: { id: f.consumerSystem.id, name: f.consumerSystem.name },
  consumerTeam: f.consumerSystem.ownerTeam,
});

/** Flows filtered by producer interface, consumer system, or the domain of either end. */
export async function listFlows(ctx: Ctx, query: FlowsQuery): Promise<{ items: FlowSummary[]; total: number }> {
  requirePermission(ctx, "catalog.read");
  const where: Prisma.FlowWhereInput = {
    interfaceId: query.interface,
    consumerSystemId: query.consumerSystem,
    ...(query.domain
      ? {
          OR: [
            { interface: { domainId: query.domain } },
            { interface: { domainId: null, system: { domainId: query.domain } } },
            { consumerSystem: { domainId: query.domain } },
          ],
        }
      : {}),
  };
  const [rows, total] = await Promise.all([
    db().flow.findMany({ where, include: flowInclude, orderBy: [{ name: "asc" }, { id: "asc" }], skip: query.offset, take: query.limit }),
    db().flow.count({ where }),
  ]);
  return { items: rows.map(toFlow), total };
}

export async function getFlow(ctx: Ctx, id: string): Promise<FlowDetail> {
  requirePermission(ctx, "catalog.read");
  const f = await db().flow.findUnique({ where: { id }, include: flowInclude });
  if (!f) throw notFound("Flow");
  return {
    ...toFlow(f),
    description: f.description,
    purpose: f.purpose,
    lawfulBasis: f.lawfulBasis,
    dataCategories: f.dataCategories,
    dataSubjects: f.dataSubjects,
    specialCategories: f.specialCategories,
    sourceCountry: f.sourceCountry,
    destinationCountry: f.destinationCountry,
    transferTool: f.transferTool,
    encryptedInTransit: f.encryptedInTransit,
  };
}
