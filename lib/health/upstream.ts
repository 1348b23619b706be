// The lineage walk behind root-cause hints, done in memory from the flow list the evaluator reads once per cycle:
// a flow's upstream flows are those delivering into the system that provides it, then those delivering into their
// providers, and so on. Pure.
import type { UpstreamMap } from "./diagnosis";

/** A flow as lineage sees it: produced by the system providing its interface, delivered to its consumer system. */
export type FlowEnds = { id: string; providerSystemId: string; consumerSystemId: string };

/**
 * For each start flow, the flows up to `maxHops` upstream of it with their distance in flows, and the flow itself at
 * hop 0 (a cycle never makes a flow its own upstream at a further hop). One breadth-first walk per providing system,
 * shared by every start flow that system provides.
 */
export function upstreamOf(flows: readonly FlowEnds[], starts: readonly string[], maxHops: number): UpstreamMap {
  const byId = new Map(flows.map((f) => [f.id, f]));
  const into = new Map<string, FlowEnds[]>();
  for (const f of flows) {
    const list = into.get(f.consumerSystemId);
    if (list) list.push(f);
    else into.set(f.consumerSystemId, [f]);
  }
  const walks = new Map<string, Map<string, number>>();
  const walk = (systemId: string) => {
    const found = new Map<string, number>();
    const visited = new Set([systemId]);
    let frontier = [systemId];
    for (let hop = 1; hop <= maxHops && frontier.length; hop++) {
      const next: string[] = [];
      for (const system of frontier) {
        for (const f of into.get(system) ?? []) {
          if (!found.has(f.id)) found.set(f.id, hop);
          if (!visited.has(f.providerSystemId)) {
            visited.add(f.providerSystemId);
            next.push(f.providerSystemId);
          }
        }
      }
      frontier = next;
    }
    return found;
  };
  const result: UpstreamMap = new Map();
  for (const id of starts) {
    const flow = byId.get(id);
    if (!flow) continue;
    let ups = walks.get(flow.providerSystemId);
    if (!ups) walks.set(flow.providerSystemId, (ups = walk(flow.providerSystemId)));
    const map = new Map<string, number>([[id, 0]]);
    for (const [up, hops] of ups) if (up !== id) map.set(up, hops);
    result.set(id, map);
  }
  return result;
}
