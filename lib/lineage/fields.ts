import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { FieldHop, FieldTrace, FieldTraceQuery } from "./schemas";

/**
 * Field-level lineage: where the value of `path` on an interface travels. Downstream a mapping takes it over a flow
 * of the interface to a field of an interface the consumer provides, and on from there; upstream the mappings
 * that fill it. Both walks are recursive SQL bounded by `depth` flows (UNION drops repeats, so cycles end).
 */
export async function fieldTrace(ctx: Ctx, query: FieldTraceQuery): Promise<FieldTrace> {
  requirePermission(ctx, "lineage.read");
  const prisma = db();
  const iface = await prisma.interface.findUnique({ where: { id: query.interface }, select: { id: true, name: true } });
  if (!iface) throw new AppError("NOT_FOUND", "Interface not found");
  const fields = await prisma.$queryRaw<{ path: string }[]>`
    SELECT m.source_path AS path FROM flow f JOIN flow_field_mapping m ON m.flow_id = f.id WHERE f.interface_id = ${iface.id}::uuid
    UNION SELECT target_path FROM flow_field_mapping WHERE target_interface_id = ${iface.id}::uuid
    ORDER BY path`;
  const hops = query.path ? await walk(iface.id, query.path, query.depth) : [];
  return { interface: iface, fields: fields.map((f) => f.path), path: query.path ?? null, hops };
}

function walk(interfaceId: string, path: string, depth: number): Promise<FieldHop[]> {
  return db().$queryRaw<FieldHop[]>`
    WITH RECURSIVE
    down(mapping_id, flow_id, hop, source_interface_id, source_path, consumer_system_id, target_interface_id, target_path, origin) AS (
      SELECT m.id, f.id, 1, f.interface_id, m.source_path, f.consumer_system_id, m.target_interface_id, m.target_path, m.origin
      FROM flow f JOIN flow_field_mapping m ON m.flow_id = f.id
      WHERE f.interface_id = ${interfaceId}::uuid AND m.source_path = ${path}
      UNION
      SELECT m.id, f.id, d.hop + 1, f.interface_id, m.source_path, f.consumer_system_id, m.target_interface_id, m.target_path, m.origin
      FROM down d JOIN flow f ON f.interface_id = d.target_interface_id
      JOIN flow_field_mapping m ON m.flow_id = f.id AND m.source_path = d.target_path
      WHERE d.hop < ${depth}),
    up(mapping_id, flow_id, hop, source_interface_id, source_path, consumer_system_id, target_interface_id, target_path, origin) AS (
      SELECT m.id, f.id, 1, f.interface_id, m.source_path, f.consumer_system_id, m.target_interface_id, m.target_path, m.origin
      FROM flow_field_mapping m JOIN flow f ON f.id = m.flow_id
      WHERE m.target_interface_id = ${interfaceId}::uuid AND m.target_path = ${path}
      UNION
      SELECT m.id, f.id, u.hop + 1, f.interface_id, m.source_path, f.consumer_system_id, m.target_interface_id, m.target_path, m.origin
      FROM up u JOIN flow_field_mapping m ON m.target_interface_id = u.source_interface_id AND m.target_path = u.source_path
      JOIN flow f ON f.id = m.flow_id
      WHERE u.hop < ${depth})
    SELECT DISTINCT ON (direction, mapping_id) mapping_id AS "mappingId", flow_id AS "flowId", direction, hop,
           source_interface_id AS "sourceInterfaceId", source_path AS "sourcePath", consumer_system_id AS "consumerSystemId",
           target_interface_id AS "targetInterfaceId", target_path AS "targetPath", origin::text AS origin
    FROM (SELECT 'down' AS direction, * FROM down UNION ALL SELECT 'up', * FROM up) x
    ORDER BY direction, mapping_id, hop`;
}
