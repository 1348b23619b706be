import type { PrismaClient } from "@/lib/db/generated/client";

// Fields every error envelope or page carries: the same name on both sides says nothing about where data goes.
const GENERIC_NAMES = ["id", "status", "type", "title", "detail", "instance", "name", "description", "createdAt", "updatedAt", "nextCursor"];
// RFC 9457 problem documents are the shared error envelope, not data passing through.
const ENVELOPE_ROOTS = ["Problem"];

/**
 * Field-level lineage for the demo estate, derived from the catalog's extracted fields: when a flow takes interface I
 * to consumer system C, and C provides an interface J with a field at the same path below the payload root
 * ("Customer.customerId" and "body.customerId" are both "customerId"), the value is taken to travel from I's field to
 * J's. Generic names and error envelopes are left out. Runs after the specs are extracted; returns the rows written.
 */
export async function deriveDemoFieldMappings(prisma: PrismaClient): Promise<number> {
  return prisma.$executeRaw`
    WITH field AS (
      SELECT DISTINCT interface_id, path, split_part(path, '.', 1) AS root, substr(path, strpos(path, '.') + 1) AS rel
      FROM interface_field WHERE strpos(path, '.') > 0)
    INSERT INTO flow_field_mapping (id, flow_id, source_path, target_interface_id, target_path, origin)
    SELECT gen_random_uuid(), f.id, a.path, j.id, b.path, 'DERIVED'
    FROM flow f
    JOIN field a ON a.interface_id = f.interface_id
    JOIN interface j ON j.system_id = f.consumer_system_id AND j.id <> f.interface_id AND j.lifecycle <> 'RETIRED'
    JOIN field b ON b.interface_id = j.id AND b.rel = a.rel
    WHERE a.rel <> ALL(${GENERIC_NAMES}::text[]) AND a.root <> ALL(${ENVELOPE_ROOTS}::text[]) AND b.root <> ALL(${ENVELOPE_ROOTS}::text[])
    ON CONFLICT DO NOTHING`;
}
