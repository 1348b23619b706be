import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { downstreamHops, lineageAdjacency, nameCollator } from "./adjacency";
import { summarizeImpact } from "./impact-summary";
import type { ImpactQuery, ImpactReport } from "./schemas";


/**
 * The `limit` nearest items, by hop then name (the adjacency's name order; a team, not in it, by collating). Only
 * the hops the cut reaches are sorted: a deep answer has thousands of entries.
 */
function nearest<T extends { id: string; hop: number; name: string }>(items: T[], limit: number, nameOrder: Map<string, number>): T[] {
  const byHopThenName = (a: T, b: T) => a.hop - b.hop || (nameOrder.get(a.id) ?? Infinity) - (nameOrder.get(b.id) ?? Infinity) || nameCollator.compare(a.name, b.name);
  if (items.length <= limit) return items.sort(byHopThenName);
  const cutoff = items.map((i) => i.hop).sort((a, b) => a - b)[limit - 1];
  return items.filter((i) => i.hop <= cutoff).sort(byHopThenName).slice(0, limit);
}

/**
 * What changing an interface (or any interface of a system) could break: everything downstream within `depth`
 * hops, the teams owning the consumer systems, and the approved or active contracts on any affected interface,
 * each with its hop distance, walked over the in-memory lineage adjacency (lib/lineage/adjacency.ts, contracts
 * included: no query beyond its version check) and summed
 * up by domain, team and top consumers. Lists keep the nearest `limit` of each kind (all without one); the summary counts all.
 */
export async function impact(ctx: Ctx, query: Pick<ImpactQuery, "interface" | "system" | "depth"> & { limit?: number }): Promise<ImpactReport> {
  requirePermission(ctx, "lineage.read");
  if (!query.interface === !query.system) throw new AppError("VALIDATION", "Give either interface or system");
  const adjacency = await lineageAdjacency();
  const focus = query.interface ? adjacency.interfaces.get(query.interface) : adjacency.systems.get(query.system!);
  if (!focus) throw new AppError("NOT_FOUND", query.interface ? "Interface not found" : "System not found");
  const hops = downstreamHops(adjacency, query, query.depth);

  const interfaces = [];
  const consumers = [];
  for (const [id, hop] of hops) {
    const affected = adjacency.interfaces.get(id);
    if (affected) {
      interfaces.push({ id, name: affected.name, hop, system: { id: affected.systemId, name: adjacency.systems.get(affected.systemId)?.name ?? "" } });
      continue;
    }
    // A system focus is a change to all its interfaces: it is at hop 0 and is not a consumer of itself.
    if (id === query.system && hop === 0) continue;
    const system = adjacency.systems.get(id)!;
    consumers.push({ id, name: system.name, hop, ownerTeam: system.ownerTeam });
  }
  const teams = new Map<string, { id: string; name: string; hop: number }>();
  for (const consumer of consumers) {
    const team = consumer.ownerTeam;
    if (team && (teams.get(team.id)?.hop ?? Infinity) > consumer.hop) teams.set(team.id, { ...team, hop: consumer.hop });
  }
  const contracts = interfaces
    .flatMap((i) =>
      (adjacency.contracts.get(i.id) ?? []).map((c) => ({ id: c.id, version: c.version, status: c.status, hop: i.hop, interface: { id: i.id, name: i.name }, ownerTeam: c.ownerTeam })),
    )
    .sort((a, b) => a.hop - b.hop || nameCollator.compare(a.interface.name, b.interface.name) || nameCollator.compare(a.version, b.version));

  const limit = query.limit ?? Infinity;
  const lists = { interfaces, consumers, teams: [...teams.values()], contracts };
  const truncated = Object.values(lists).some((list) => list.length > limit);
  return {
    interface: query.interface ? { id: focus.id, name: focus.name } : null,
    system: query.system ? { id: focus.id, name: focus.name } : null,
    depth: query.depth,
    interfaces: nearest(interfaces, limit, adjacency.nameOrder),
    consumers: nearest(consumers, limit, adjacency.nameOrder),
    teams: nearest(lists.teams, limit, adjacency.nameOrder),
    contracts: contracts.slice(0, limit),
    summary: summarizeImpact(adjacency, hops, lists, truncated),
  };
}
