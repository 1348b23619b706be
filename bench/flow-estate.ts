// A synthetic estate for load benches, written set-based: `systems` systems with one event interface each, and
// `flows` distinct interface -> consumer system pairs.
import type { PrismaClient } from "@/lib/db/generated/client";

export async function seedFlowEstate(prisma: PrismaClient, size: { flows: number; systems: number }): Promise<{ flowIds: string[]; systemIds: string[] }> {
  await prisma.$executeRaw`INSERT INTO system (id, slug, name, updated_at) SELECT gen_random_uuid(), 'sys-' || g, 'System ' || g, now() FROM generate_series(1, ${size.systems}::int) g`;
  await prisma.$executeRaw`
    INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, updated_at)
    SELECT gen_random_uuid(), 'if-' || s.slug, 'Events of ' || s.name, s.id, 'EVENT', 'KAFKA', 'EVENT', now() FROM system s`;
  await prisma.$executeRaw`
    WITH i AS (SELECT id, system_id, row_number() OVER (ORDER BY slug) - 1 AS n FROM interface),
         s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system)
    INSERT INTO flow (id, name, interface_id, consumer_system_id, style, updated_at)
    SELECT gen_random_uuid(), 'Flow ' || g, i.id, s.id, 'EVENT', now()
    FROM generate_series(0, ${size.flows}::int - 1) g
    JOIN i ON i.n = g % ${size.systems}::int
    JOIN s ON s.n = (g / ${size.systems}::int + 1 + g % ${size.systems}::int) % ${size.systems}::int`;
  const flowIds = (await prisma.flow.findMany({ select: { id: true } })).map((f) => f.id);
  const systemIds = (await prisma.system.findMany({ select: { id: true } })).map((s) => s.id);
  return { flowIds, systemIds };
}
