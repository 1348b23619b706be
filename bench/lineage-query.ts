// npm run bench:lineage:query — seeds a throwaway PostgreSQL database with 5,000 systems, 5,000 interfaces and
// 50,000 flows, then times the lineage focus query (depth 3, both directions; BENCH_DEPTH and BENCH_DIRECTION change
// that) on 200 random nodes. Prints JSON; BENCH_EXPLAIN=1 also prints one query plan to stderr.
import { systemCtx } from "@/lib/auth/require";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { Prisma } from "@/lib/db/generated/client";
import { lineage, lineageSql } from "@/lib/lineage/graph";

const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 5000);
const INTERFACES = Number(process.env.BENCH_INTERFACES ?? 5000);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 50000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const DEPTH = Number(process.env.BENCH_DEPTH ?? 3);
const DIRECTION = (process.env.BENCH_DIRECTION ?? "both") as "up" | "down" | "both";

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 10) / 10;

async function main() {
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  setProcessDatabase(database);
  const prisma = database.prisma;
  try {
    const seedStarted = performance.now();
    // Set-based seeding: systems, then interfaces spread over them (1 in 50 retired), then distinct random flows.
    await prisma.$executeRaw`
      INSERT INTO system (id, slug, name, updated_at)
      SELECT gen_random_uuid(), 'sys-' || g, 'System ' || g, now() FROM generate_series(1, ${SYSTEMS}::int) g`;
    await prisma.$executeRaw`
      WITH s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system)
      INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, lifecycle, updated_at)
      SELECT gen_random_uuid(), 'if-' || g, 'Interface ' || g, s.id, 'API', 'HTTP', 'REQUEST_RESPONSE',
             (CASE WHEN g % 50 = 0 THEN 'RETIRED' ELSE 'ACTIVE' END)::"Lifecycle", now()
      FROM generate_series(0, ${INTERFACES}::int - 1) g JOIN s ON s.n = g % ${SYSTEMS}::int`;
    await prisma.$executeRaw`
      WITH i AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM interface),
           s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system),
           pairs AS (
             SELECT DISTINCT ON (ii, ss) ii, ss FROM (
               SELECT floor(random() * ${INTERFACES}::int)::int AS ii, floor(random() * ${SYSTEMS}::int)::int AS ss
               FROM generate_series(1, (${FLOWS}::int * 1.05)::int)) r)
      INSERT INTO flow (id, name, interface_id, consumer_system_id, style, updated_at)
      SELECT gen_random_uuid(), 'Flow ' || i.n || '-' || s.n, i.id, s.id, 'EVENT', now()
      FROM (SELECT * FROM pairs LIMIT ${FLOWS}::int) p JOIN i ON i.n = p.ii JOIN s ON s.n = p.ss`;
    // As autovacuum would have by now: statistics, and the visibility map that index-only scans rely on.
    await prisma.$executeRawUnsafe("VACUUM ANALYZE");
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const counts = await prisma.$queryRaw<{ systems: number; interfaces: number; flows: number }[]>`
      SELECT (SELECT count(*)::int FROM system) AS systems, (SELECT count(*)::int FROM interface) AS interfaces, (SELECT count(*)::int FROM flow) AS flows`;

    const focusIds = await prisma.$queryRaw<{ id: string }[]>`
      SELECT id FROM (SELECT id FROM system UNION ALL SELECT id FROM interface) n ORDER BY random() LIMIT ${QUERIES}::int`;
    const ctx = systemCtx("bench-lineage-query");
    for (const { id } of focusIds.slice(0, 10)) await lineage(ctx, { focus: id, depth: DEPTH, direction: DIRECTION });
    const times: number[] = [];
    let nodes = 0;
    let edges = 0;
    for (const { id } of focusIds) {
      const started = performance.now();
      const graph = await lineage(ctx, { focus: id, depth: DEPTH, direction: DIRECTION });
      times.push(performance.now() - started);
      nodes += graph.nodes.length;
      edges += graph.edges.length;
    }
    times.sort((a, b) => a - b);
    if (process.env.BENCH_EXPLAIN) {
      const plan = await prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${lineageSql({ focus: focusIds[0].id, depth: DEPTH, direction: DIRECTION })}`,
      );
      console.error(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    }
    console.log(
      JSON.stringify(
        {
          estate: counts[0],
          seedSeconds: round(seedSeconds),
          queries: times.length,
          depth: DEPTH,
          direction: DIRECTION,
          p50: round(percentile(times, 50)),
          p95: round(percentile(times, 95)),
          max: round(times[times.length - 1]),
          nodesAvg: Math.round(nodes / times.length),
          edgesAvg: Math.round(edges / times.length),
        },
        null,
        2,
      ),
    );
  } finally {
    setProcessDatabase(undefined);
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
