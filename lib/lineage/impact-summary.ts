import { nameCollator, type Adjacency } from "./adjacency";
import type { ImpactSummary } from "./schemas";

type Ref = { id: string; name: string };
type Lists = { interfaces: { id: string; hop: number }[]; consumers: { id: string; name: string; hop: number }[]; teams: unknown[]; contracts: unknown[] };

const TOP = 10;

/** Group sizes, largest first, then by name; the group without a value (no domain, no owner) last among equals. */
function grouped(refs: (Ref | null)[]): { ref: Ref | null; count: number }[] {
  const groups = new Map<string, { ref: Ref | null; count: number }>();
  for (const ref of refs) {
    const key = ref?.id ?? "";
    const group = groups.get(key);
    if (group) group.count++;
    else groups.set(key, { ref, count: 1 });
  }
  return [...groups.values()].sort((a, b) => b.count - a.count || nameCollator.compare(a.ref?.name ?? "\uffff", b.ref?.name ?? "\uffff"));
}

/**
 * Counts a large impact answer by what a reader acts on: how many of each kind, consumer systems per domain and
 * per owning team, and the consumers receiving the most flows from affected interfaces (the ones to call first).
 */
export function summarizeImpact(adjacency: Adjacency, hops: Map<string, number>, lists: Lists, truncated: boolean): ImpactSummary {
  const systems = lists.consumers.map((c) => adjacency.systems.get(c.id)!);
  const consumerIds = new Set(lists.consumers.map((c) => c.id));
  const flows = new Map<string, number>();
  for (const { id } of lists.interfaces) {
    for (const systemId of adjacency.consumers.get(id) ?? []) {
      if (consumerIds.has(systemId)) flows.set(systemId, (flows.get(systemId) ?? 0) + 1);
    }
  }
  // Only systems with at least the tenth-largest flow count can be in the top ten: sort just those by name.
  const threshold = [...flows.values()].sort((a, b) => b - a)[TOP - 1] ?? 0;
  const topConsumers = [...flows]
    .filter(([, count]) => count >= threshold)
    .map(([id, count]) => ({ id, name: adjacency.systems.get(id)!.name, hop: hops.get(id)!, flows: count }))
    .sort((a, b) => b.flows - a.flows || a.hop - b.hop || nameCollator.compare(a.name, b.name))
    .slice(0, TOP);
  return {
    interfaces: lists.interfaces.length,
    consumers: lists.consumers.length,
    teams: lists.teams.length,
    contracts: lists.contracts.length,
    truncated,
    byDomain: grouped(systems.map((s) => s.domain)).map((g) => ({ domain: g.ref, consumers: g.count })),
    byTeam: grouped(systems.map((s) => s.ownerTeam)).map((g) => ({ team: g.ref, consumers: g.count })),
    topConsumers,
  };
}
