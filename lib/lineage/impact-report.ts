import { csvCell } from "@/lib/utils/csv";
import type { ImpactReport, LineageEdge } from "./schemas";

// Shared with the compliance exports; kept exported here for existing callers.
export { csvCell };

/**
 * Hops from `start` over a lineage graph's edges: crossing a flow costs one hop, a provides edge none
 * (a system and its interfaces share a hop). 0-1 breadth-first search.
 */
export function hopsFrom(start: string, edges: LineageEdge[]): Map<string, number> {
  const outgoing = new Map<string, LineageEdge[]>();
  for (const edge of edges) {
    const list = outgoing.get(edge.source);
    if (list) list.push(edge);
    else outgoing.set(edge.source, [edge]);
  }
  const hops = new Map<string, number>([[start, 0]]);
  let current = [start];
  while (current.length > 0) {
    const next: string[] = [];
    for (let i = 0; i < current.length; i++) {
      const node = current[i];
      const hop = hops.get(node)!;
      for (const edge of outgoing.get(node) ?? []) {
        const cost = edge.kind === "flow" ? 1 : 0;
        const known = hops.get(edge.target);
        if (known !== undefined && known <= hop + cost) continue;
        hops.set(edge.target, hop + cost);
        // Same-hop targets join the level being processed, the others the next one.
        (cost === 0 ? current : next).push(edge.target);
      }
    }
    current = next;
  }
  return hops;
}

const COLUMNS = ["item", "id", "name", "hop", "interface", "system", "team", "status"] as const;
type CsvRow = Partial<Record<(typeof COLUMNS)[number], string | number>>;

/** One CSV row per affected interface, consumer system, owning team and contract, nearest first within each kind. */
export function impactCsv(report: Omit<ImpactReport, "summary">): string {
  const rows: CsvRow[] = [
    ...report.interfaces.map((i) => ({ item: "interface", id: i.id, name: i.name, hop: i.hop, system: i.system.name })),
    ...report.consumers.map((s) => ({ item: "consumer", id: s.id, name: s.name, hop: s.hop, system: s.name, team: s.ownerTeam?.name })),
    ...report.teams.map((t) => ({ item: "team", id: t.id, name: t.name, hop: t.hop, team: t.name })),
    ...report.contracts.map((c) => ({
      item: "contract",
      id: c.id,
      name: `${c.interface.name} ${c.version}`,
      hop: c.hop,
      interface: c.interface.name,
      team: c.ownerTeam?.name,
      status: c.status,
    })),
  ];
  return [COLUMNS.join(","), ...rows.map((row) => COLUMNS.map((c) => csvCell(row[c])).join(","))].join("\r\n") + "\r\n";
}
