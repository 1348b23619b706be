// Impact as it was before the in-memory adjacency (commit 24e9c4b): a recursive lineage query per call, kept as the
// bench's peer. Only bench/lineage-query.ts uses it.
import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { db } from "@/lib/db/client";
import { lineage } from "@/lib/lineage/graph";
import { hopsFrom } from "@/lib/lineage/impact-report";
import type { ImpactQuery, ImpactReport, InterfaceNode, SystemNode } from "@/lib/lineage/schemas";

const byHopThenName = <T extends { hop: number; name: string }>(a: T, b: T) => a.hop - b.hop || a.name.localeCompare(b.name);

/**
 * What changing an interface could break: everything downstream within `depth` hops, the teams owning the
 * consumer systems, and the approved or active contracts on any affected interface, each with its hop distance.
 */
export async function impactBefore(ctx: Ctx, query: Pick<ImpactQuery, "interface" | "system" | "depth">): Promise<Omit<ImpactReport, "summary">> {
  const focusId = query.interface ?? query.system;
  if (!focusId) throw new AppError("VALIDATION", "Give either interface or system");
  const graph = await lineage(ctx, { focus: focusId, depth: query.depth, direction: "down" });
  // An interface's own provider is in the graph at hop 0 for context; it is affected only if a flow leads back to it.
  // A system focus is a change to all its interfaces: they are at hop 0, and the system itself is not a consumer.
  const hops = hopsFrom(focusId, graph.edges);
  const reached = <T extends { id: string }>(node: T) => hops.has(node.id);
  const systems = new Map(graph.nodes.filter((n): n is SystemNode => n.type === "system").map((n) => [n.id, n]));
  const interfaces = graph.nodes.filter((n): n is InterfaceNode => n.type === "interface" && reached(n));
  const focus = query.interface ? interfaces.find((n) => n.id === focusId) : systems.get(focusId);
  if (!focus) throw new AppError("NOT_FOUND", query.interface ? "Interface not found" : "System not found");

  const consumers = [...systems.values()]
    .filter((s) => reached(s) && !(query.system && s.id === focusId && hops.get(s.id) === 0))
    .map((s) => ({ id: s.id, name: s.name, hop: hops.get(s.id)!, ownerTeam: s.ownerTeam }));
  const teams = new Map<string, { id: string; name: string; hop: number }>();
  for (const consumer of consumers) {
    const team = consumer.ownerTeam;
    if (team && (teams.get(team.id)?.hop ?? Infinity) > consumer.hop) teams.set(team.id, { ...team, hop: consumer.hop });
  }
  const contracts = await db().dataContract.findMany({
    where: { interfaceId: { in: interfaces.map((i) => i.id) }, status: { in: ["ACTIVE", "APPROVED"] } },
    select: { id: true, version: true, status: true, interface: { select: { id: true, name: true } }, ownerTeam: { select: { id: true, name: true } } },
  });
  return {
    interface: query.interface ? { id: focus.id, name: focus.name } : null,
    system: query.system ? { id: focus.id, name: focus.name } : null,
    depth: query.depth,
    interfaces: interfaces
      .map((i) => ({ id: i.id, name: i.name, hop: hops.get(i.id)!, system: { id: i.systemId, name: systems.get(i.systemId)?.name ?? "" } }))
      .sort(byHopThenName),
    consumers: consumers.sort(byHopThenName),
    teams: [...teams.values()].sort(byHopThenName),
    contracts: contracts
      .map((c) => ({ ...c, status: c.status as "ACTIVE" | "APPROVED", hop: hops.get(c.interface.id)! }))
      .sort((a, b) => a.hop - b.hop || a.interface.name.localeCompare(b.interface.name) || a.version.localeCompare(b.version)),
  };
}
