import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";

export type EstateSummary = {
  domains: number;
  systems: number;
  interfaces: number;
  flows: number;
  contracts: number;
  byProtocol: { protocol: string; count: number }[];
  byStyle: { style: string; count: number }[];
};

/** Headline counts of the estate for the overview page. */
export async function estateSummary(ctx: Ctx): Promise<EstateSummary> {
  requirePermission(ctx, "catalog.read");
  const prisma = db();
  const [domains, systems, interfaces, flows, contracts, byProtocol, byStyle] = await Promise.all([
    prisma.domain.count(),
    prisma.system.count(),
    prisma.interface.count({ where: { lifecycle: { not: "RETIRED" } } }),
    prisma.flow.count(),
    prisma.dataContract.count({ where: { status: "ACTIVE" } }),
    prisma.interface.groupBy({ by: ["protocol"], _count: { _all: true }, where: { lifecycle: { not: "RETIRED" } } }),
    prisma.flow.groupBy({ by: ["style"], _count: { _all: true } }),
  ]);
  return {
    domains,
    systems,
    interfaces,
    flows,
    contracts,
    byProtocol: byProtocol.map((g) => ({ protocol: g.protocol, count: g._count._all })).sort((a, b) => b.count - a.count),
    byStyle: byStyle.map((g) => ({ style: g.style, count: g._count._all })).sort((a, b) => b.count - a.count),
  };
}

export type InterfaceRow = {
  id: string;
  name: string;
  system: string;
  domain: string | null;
  owner: string | null;
  kind: string;
  protocol: string;
  style: string;
  lifecycle: string;
  consumers: number;
};

/** A plain, paged list of interfaces by name (search and facets come with the catalog). */
export async function listInterfacePage(ctx: Ctx, page: number, pageSize = 50): Promise<{ rows: InterfaceRow[]; total: number }> {
  requirePermission(ctx, "catalog.read");
  const [rows, total] = await Promise.all([
    db().interface.findMany({
      orderBy: [{ name: "asc" }, { id: "asc" }],
      skip: (page - 1) * pageSize,
      take: pageSize,
      include: { system: { include: { domain: true, ownerTeam: true } }, ownerTeam: true, _count: { select: { flows: true } } },
    }),
    db().interface.count(),
  ]);
  return {
    total,
    rows: rows.map((i) => ({
      id: i.id,
      name: i.name,
      system: i.system.name,
      domain: i.system.domain?.name ?? null,
      owner: (i.ownerTeam ?? i.system.ownerTeam)?.name ?? null,
      kind: i.kind,
      protocol: i.protocol,
      style: i.style,
      lifecycle: i.lifecycle,
      consumers: i._count.flows,
    })),
  };
}
