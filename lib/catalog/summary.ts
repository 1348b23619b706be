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

type Named = { id: string; name: string };
export type EstateHealth = {
  byKind: { value: string; count: number }[];
  byInterfaceStyle: { value: string; count: number }[];
  byDomain: { id: string | null; name: string; count: number }[];
  unowned: { count: number; items: Named[] };
  withoutContract: { count: number; items: Named[] };
  deprecatedConsumed: { count: number; items: (Named & { sunsetDate: string | null; consumers: number })[] };
};

const SAMPLE = 8;

/**
 * The estate's shape and its governance gaps, over interfaces not yet retired: counts by kind, style and
 * domain; interfaces nobody owns (neither the interface nor its system); interfaces no data contract governs;
 * deprecated interfaces that still have consumers.
 */
export async function estateHealth(ctx: Ctx): Promise<EstateHealth> {
  requirePermission(ctx, "catalog.read");
  const prisma = db();
  const live = { lifecycle: { not: "RETIRED" as const } };
  const unownedWhere = { ...live, ownerTeamId: null, system: { ownerTeamId: null } };
  const noContractWhere = { ...live, contracts: { none: {} } };
  const deprecatedWhere = { lifecycle: "DEPRECATED" as const, flows: { some: {} } };
  const [byKind, byStyle, byDomain, unownedCount, unowned, noContractCount, noContract, deprecatedCount, deprecated] = await Promise.all([
    prisma.interface.groupBy({ by: ["kind"], _count: { _all: true }, where: live }),
    prisma.interface.groupBy({ by: ["style"], _count: { _all: true }, where: live }),
    // An interface's own domain wins over its system's, as everywhere in the catalog.
    prisma.$queryRaw<{ id: string | null; name: string | null; count: number }[]>`
      SELECT d.id, d.name, count(*)::int AS count
      FROM interface i JOIN system s ON s.id = i.system_id LEFT JOIN domain d ON d.id = coalesce(i.domain_id, s.domain_id)
      WHERE i.lifecycle <> 'RETIRED' GROUP BY d.id, d.name ORDER BY count DESC, d.name`,
    prisma.interface.count({ where: unownedWhere }),
    prisma.interface.findMany({ where: unownedWhere, select: { id: true, name: true }, orderBy: { name: "asc" }, take: SAMPLE }),
    prisma.interface.count({ where: noContractWhere }),
    prisma.interface.findMany({ where: noContractWhere, select: { id: true, name: true }, orderBy: { name: "asc" }, take: SAMPLE }),
    prisma.interface.count({ where: deprecatedWhere }),
    prisma.interface.findMany({
      where: deprecatedWhere,
      select: { id: true, name: true, sunsetDate: true, _count: { select: { flows: true } } },
      orderBy: [{ sunsetDate: "asc" }, { name: "asc" }],
      take: SAMPLE,
    }),
  ]);
  const counted = <K extends string>(rows: ({ _count: { _all: number } } & Record<K, string>)[], key: K) =>
    rows.map((r) => ({ value: r[key], count: r._count._all })).sort((a, b) => b.count - a.count);
  return {
    byKind: counted(byKind, "kind"),
    byInterfaceStyle: counted(byStyle, "style"),
    byDomain: byDomain.map((d) => ({ id: d.id, name: d.name ?? "No domain", count: d.count })),
    unowned: { count: unownedCount, items: unowned },
    withoutContract: { count: noContractCount, items: noContract },
    deprecatedConsumed: {
      count: deprecatedCount,
      items: deprecated.map((d) => ({ id: d.id, name: d.name, sunsetDate: d.sunsetDate?.toISOString().slice(0, 10) ?? null, consumers: d._count.flows })),
    },
  };
}
