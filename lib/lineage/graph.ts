import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { InterfaceNode, LineageEdge, LineageGraph, LineageNode, LineageQuery, SystemNode } from "./schemas";

type SystemRow = [string, string, number, SystemNode["kind"], string | null, string | null, string | null, string | null];
type InterfaceRow = [string, string, number, InterfaceNode["kind"], InterfaceNode["protocol"], InterfaceNode["style"], InterfaceNode["lifecycle"], string];
type FlowRow = [string, string, string, NonNullable<LineageEdge["style"]>, NonNullable<LineageEdge["patterns"]>];
// json_agg gives null, not [], for an empty set.
type Row = { found: boolean; systems: SystemRow[] | null; interfaces: InterfaceRow[] | null; flows: FlowRow[] | null };

/**
 * The neighbourhood of a system or an interface, `depth` hops up and/or downstream, in one recursive query.
 *
 * Graph: a system PROVIDES its interfaces (system -> interface) and a flow carries an interface's data to a
 * consumer system (interface -> system). One hop is one flow crossed; a system and the interfaces it provides
 * are at the same hop. Downstream of a system: every interface it provides, their consumers (hop + 1), those
 * consumers' interfaces, and so on. Upstream: the interfaces a system consumes, with their providers (hop + 1),
 * what those providers consume, and so on. An interface focus is at hop 0 together with its provider system;
 * downstream it starts from that interface alone. Retired interfaces are left out unless they are the focus.
 *
 * The walk is over systems with UNION (not UNION ALL), so each (system, hop) is expanded once: a cycle ends at
 * the depth bound and the work is bounded by systems x depth, not by the number of paths.
 *
 * Rows come back as positional JSON arrays (no repeated keys for PostgreSQL to write and Node to parse) and become
 * objects here; provides edges are not sent at all, since each interface row names its system.
 */
export async function lineage(ctx: Ctx, query: LineageQuery): Promise<LineageGraph> {
  requirePermission(ctx, "lineage.read");
  const { focus, depth, direction } = query;
  const [row] = await db().$queryRaw<Row[]>(lineageSql(query));
  if (!row?.found) throw new AppError("NOT_FOUND", "System or interface not found");
  const nodes: LineageNode[] = [];
  const provides: LineageEdge[] = [];
  const flows: LineageEdge[] = [];
  for (const [id, name, hop, kind, domainId, domainName, teamId, teamName] of row.systems ?? []) {
    nodes.push({ id, type: "system", name, hop, kind, domain: domainId ? { id: domainId, name: domainName! } : null, ownerTeam: teamId ? { id: teamId, name: teamName! } : null });
  }
  for (const [id, name, hop, kind, protocol, style, lifecycle, systemId] of row.interfaces ?? []) {
    nodes.push({ id, type: "interface", name, hop, kind, protocol, style, lifecycle, systemId });
    provides.push({ id: `provides:${id}`, source: systemId, target: id, kind: "provides" });
  }
  for (const [id, source, target, style, patterns] of row.flows ?? []) flows.push({ id: `flow:${id}`, source, target, kind: "flow", flowId: id, style, patterns });
  return { focus, depth, direction, nodes, edges: provides.concat(flows) };
}

/** The one statement behind `lineage` (exported for EXPLAIN in bench/lineage-query.ts). */
export function lineageSql({ focus, depth, direction }: LineageQuery): Prisma.Sql {
  const down = direction !== "up";
  const up = direction !== "down";
  return Prisma.sql`
    WITH RECURSIVE
    focus AS (
      SELECT s.id AS system_id, NULL::uuid AS interface_id FROM system s WHERE s.id = ${focus}::uuid
      UNION ALL
      SELECT i.system_id, i.id FROM interface i WHERE i.id = ${focus}::uuid),
    down_walk(system_id, hop) AS (
      SELECT f.system_id, 0 FROM focus f WHERE ${down} AND f.interface_id IS NULL
      UNION
      SELECT fl.consumer_system_id, 1 FROM focus f JOIN flow fl ON fl.interface_id = f.interface_id WHERE ${down}
      UNION
      SELECT fl.consumer_system_id, w.hop + 1
      FROM down_walk w
      JOIN interface i ON i.system_id = w.system_id AND i.lifecycle <> 'RETIRED'
      JOIN flow fl ON fl.interface_id = i.id
      WHERE w.hop < ${depth}),
    up_walk(system_id, hop) AS (
      SELECT f.system_id, 0 FROM focus f WHERE ${up}
      UNION
      SELECT i.system_id, w.hop + 1
      FROM up_walk w
      JOIN flow fl ON fl.consumer_system_id = w.system_id
      JOIN interface i ON i.id = fl.interface_id AND (i.lifecycle <> 'RETIRED' OR i.id = ${focus}::uuid)
      WHERE w.hop < ${depth}),
    down_sys AS (SELECT system_id, min(hop) AS hop FROM down_walk GROUP BY system_id),
    up_sys AS (SELECT system_id, min(hop) AS hop FROM up_walk GROUP BY system_id),
    -- Interfaces at their hop: the focus; downstream every live interface of a reached system; upstream the ones consumed.
    down_if AS (
      SELECT i.id AS interface_id, i.system_id, d.hop FROM down_sys d JOIN interface i ON i.system_id = d.system_id AND i.lifecycle <> 'RETIRED'),
    -- Flows carry their own columns from here on, so the answer needs no second pass over the flow table.
    up_flow AS (
      SELECT fl.id, fl.interface_id, fl.consumer_system_id, fl.style, fl.patterns, u.hop + 1 AS hop
      FROM up_sys u JOIN flow fl ON fl.consumer_system_id = u.system_id
      JOIN interface i ON i.id = fl.interface_id AND (i.lifecycle <> 'RETIRED' OR i.id = ${focus}::uuid)
      WHERE u.hop < ${depth}),
    iface AS (
      SELECT interface_id, min(hop) AS hop FROM (
        SELECT interface_id, 0 AS hop FROM focus WHERE interface_id IS NOT NULL
        UNION ALL SELECT interface_id, hop FROM down_if
        UNION ALL SELECT interface_id, hop FROM up_flow) x
      GROUP BY interface_id),
    sys AS (
      SELECT system_id, min(hop) AS hop FROM (
        SELECT system_id, 0 AS hop FROM focus
        UNION ALL SELECT system_id, hop FROM down_sys
        UNION ALL SELECT system_id, hop FROM up_sys) x
      GROUP BY system_id),
    down_flow AS (
      SELECT fl.id, fl.interface_id, fl.consumer_system_id, fl.style, fl.patterns
      FROM (SELECT interface_id FROM focus WHERE ${down} AND interface_id IS NOT NULL
            UNION ALL SELECT interface_id FROM down_if WHERE hop < ${depth}) s
      JOIN flow fl ON fl.interface_id = s.interface_id),
    flows AS (
      SELECT * FROM down_flow UNION SELECT id, interface_id, consumer_system_id, style, patterns FROM up_flow)
    SELECT EXISTS (SELECT 1 FROM focus) AS found,
      (SELECT json_agg(json_build_array(s.id, s.name, x.hop, s.kind, d.id, d.name, t.id, t.name))
         FROM sys x JOIN system s ON s.id = x.system_id
         LEFT JOIN domain d ON d.id = s.domain_id LEFT JOIN team t ON t.id = s.owner_team_id) AS systems,
      (SELECT json_agg(json_build_array(i.id, i.name, x.hop, i.kind, i.protocol, i.style, i.lifecycle, i.system_id))
         FROM iface x JOIN interface i ON i.id = x.interface_id) AS interfaces,
      (SELECT json_agg(json_build_array(f.id, f.interface_id, f.consumer_system_id, f.style, f.patterns)) FROM flows f) AS flows`;
}
