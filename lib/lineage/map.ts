import "server-only";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { UNCLASSIFIED } from "@/lib/catalog/schemas";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import type { LineageMap, MapQuery } from "./schemas";

type Row = { [K in keyof LineageMap]: LineageMap[K] | null };

/**
 * The whole estate (or the part the filters select) for the lineage map, in one set-based statement.
 *
 * Domain and team select systems (by the system's domain and owner team); protocol, style and classification select
 * interfaces. Shown: the selected systems with their selected interfaces, every flow of a selected interface that
 * starts or ends at a selected system, and the systems at the other end of those flows (inScope false), so a
 * domain's view still shows who it feeds and who feeds it. Retired interfaces are left out, as in `lineage`.
 * Rows reference each other by id (systemId, interfaceId, consumerId) to keep 5,000-node answers small.
 */
export async function lineageMap(ctx: Ctx, query: MapQuery): Promise<LineageMap> {
  requirePermission(ctx, "lineage.read");
  // Violation counts follow the violations list's rule: compliance readers see all, others their own teams'.
  const violationTeams = can(ctx, "compliance.read") ? null : [...(ctx.actor?.teamIds ?? [])];
  const [row] = await db().$queryRaw<Row[]>(lineageMapSql(query, violationTeams));
  return {
    domains: row?.domains ?? [],
    teams: row?.teams ?? [],
    systems: row?.systems ?? [],
    interfaces: row?.interfaces ?? [],
    flows: row?.flows ?? [],
  };
}

export function lineageMapSql(query: MapQuery, violationTeams: string[] | null = null): Prisma.Sql {
  const domains = query.domain ?? [];
  const teams = query.team ?? [];
  const protocols = query.protocol ?? [];
  const styles = query.style ?? [];
  const levels = (query.classification ?? []).filter((c) => c !== UNCLASSIFIED);
  const unclassified = (query.classification ?? []).includes(UNCLASSIFIED);
  const anyLevel = levels.length === 0 && !unclassified;
  const systemFilter = domains.length > 0 || teams.length > 0;
  const interfaceFilter = protocols.length > 0 || styles.length > 0 || !anyLevel;
  return Prisma.sql`
    WITH
    scope AS (
      SELECT s.id FROM system s
      WHERE (${domains.length === 0} OR s.domain_id = ANY(${domains}::uuid[]))
        AND (${teams.length === 0} OR s.owner_team_id = ANY(${teams}::uuid[]))),
    active_contract AS (SELECT interface_id, classification FROM data_contract WHERE status IN ('APPROVED', 'ACTIVE')),
    level AS (
      SELECT interface_id, max(classification) AS classification FROM (
        SELECT interface_id, classification FROM interface_field WHERE classification IS NOT NULL
        UNION ALL SELECT interface_id, classification FROM active_contract
        UNION ALL SELECT interface_id, classification FROM flow WHERE classification IS NOT NULL) x
      GROUP BY interface_id),
    -- The worst measured health of the interface's flows (flow_health rows exist once SLA evaluation has run).
    health AS (
      SELECT f.interface_id,
             (array_agg(h.status::text ORDER BY CASE h.status WHEN 'BREACHED' THEN 0 WHEN 'AT_RISK' THEN 1 WHEN 'OK' THEN 2 ELSE 3 END))[1] AS status
      FROM flow_health h JOIN flow f ON f.id = h.flow_id GROUP BY f.interface_id),
    -- Open compliance policy violations on the interface or on its flows.
    violations AS (
      SELECT coalesce(v.interface_id, f.interface_id) AS interface_id, count(*)::int AS n
      FROM policy_violation v LEFT JOIN flow f ON f.id = v.flow_id
      WHERE coalesce(v.interface_id, f.interface_id) IS NOT NULL
        AND (${violationTeams === null} OR v.owner_team_id = ANY(${violationTeams ?? []}::uuid[]))
      GROUP BY 1),
    contracts AS (SELECT interface_id, count(*)::int AS n FROM active_contract GROUP BY interface_id),
    ifc AS (
      SELECT i.id, i.name, i.system_id, coalesce(i.owner_team_id, s.owner_team_id) AS team_id, i.kind, i.protocol, i.style,
             i.lifecycle, l.classification, coalesce(c.n, 0) AS contracts, h.status AS health, coalesce(v.n, 0) AS violations
      FROM interface i JOIN system s ON s.id = i.system_id
      LEFT JOIN level l ON l.interface_id = i.id LEFT JOIN contracts c ON c.interface_id = i.id
      LEFT JOIN health h ON h.interface_id = i.id LEFT JOIN violations v ON v.interface_id = i.id
      WHERE i.lifecycle <> 'RETIRED'
        AND (${protocols.length === 0} OR i.protocol::text = ANY(${protocols}::text[]))
        AND (${styles.length === 0} OR i.style::text = ANY(${styles}::text[]))
        AND (${anyLevel} OR l.classification::text = ANY(${levels}::text[]) OR (${unclassified} AND l.classification IS NULL))),
    fl AS (
      SELECT f.id, f.interface_id, f.consumer_system_id, f.style, f.patterns
      FROM flow f JOIN ifc ON ifc.id = f.interface_id
      WHERE NOT ${systemFilter} OR ifc.system_id IN (SELECT id FROM scope) OR f.consumer_system_id IN (SELECT id FROM scope)),
    shown_if AS (
      SELECT id FROM ifc WHERE system_id IN (SELECT id FROM scope)
      UNION SELECT interface_id FROM fl),
    shown_sys AS (
      SELECT id FROM scope WHERE NOT ${interfaceFilter}
      UNION SELECT ifc.system_id FROM shown_if JOIN ifc USING (id)
      UNION SELECT consumer_system_id FROM fl),
    mapped AS (SELECT flow_id, count(*)::int AS n FROM flow_field_mapping WHERE flow_id IN (SELECT id FROM fl) GROUP BY flow_id)
    SELECT
      (SELECT json_agg(json_build_object('id', d.id, 'name', d.name) ORDER BY d.name) FROM domain d) AS domains,
      (SELECT json_agg(json_build_object('id', t.id, 'name', t.name) ORDER BY t.name) FROM team t) AS teams,
      (SELECT json_agg(json_build_object('id', s.id, 'name', s.name, 'kind', s.kind, 'domainId', s.domain_id, 'teamId', s.owner_team_id,
                'inScope', s.id IN (SELECT id FROM scope)) ORDER BY s.name)
       FROM shown_sys x JOIN system s ON s.id = x.id) AS systems,
      (SELECT json_agg(jsonb_build_object('id', i.id, 'name', i.name, 'systemId', i.system_id, 'teamId', i.team_id, 'kind', i.kind,
                'protocol', i.protocol, 'style', i.style, 'lifecycle', i.lifecycle, 'classification', i.classification,
                'contracts', i.contracts, 'violations', i.violations)
                || CASE WHEN i.health IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('health', i.health) END ORDER BY i.name)
       FROM shown_if x JOIN ifc i ON i.id = x.id) AS interfaces,
      (SELECT json_agg(json_build_object('id', f.id, 'interfaceId', f.interface_id, 'consumerId', f.consumer_system_id, 'style', f.style,
                'patterns', f.patterns, 'mappedFields', coalesce(m.n, 0)))
       FROM fl f LEFT JOIN mapped m ON m.flow_id = f.id) AS flows`;
}
