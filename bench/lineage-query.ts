// npm run bench:lineage:query — on PostgreSQL and on the embedded database (PGlite), seeds 5,000 systems, 5,000
// interfaces and 50,000 flows (labelled "Bench"), then on 200 random foci times: the lineage focus query (depth 3,
// both directions; BENCH_DEPTH and BENCH_DIRECTION change that), and impact at depth 3 and at the deepest depth the
// API allows, in process and over HTTP against the built app (GET /api/v1/lineage/impact with an API token), as
// the impact panel asks for it; the peer, impact before the adjacency cache (bench/impact-before.ts), runs in
// process in the same run (PEER=0 skips it). Prints JSON with load, CPU count, database kind and each p95 beside its target.
//   DATABASES=postgres HTTP=0 BENCH_FLOWS=20000 npm run bench:lineage:query ; BENCH_EXPLAIN=1 prints one plan.
import { randomBytes } from "node:crypto";
import os from "node:os";
import { systemCtx } from "@/lib/auth/require";
import type { Database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { migrate } from "@/lib/db/migrate";
import { lineage, lineageSql } from "@/lib/lineage/graph";
import { impact } from "@/lib/lineage/impact";
import { MAX_DEPTH } from "@/lib/lineage/schemas";
import { createToken } from "@/lib/tokens/data";
import { startApp } from "./app-server";
import { openBenchDatabase } from "./bench-database";
import { impactBefore } from "./impact-before";

const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 5000);
const INTERFACES = Number(process.env.BENCH_INTERFACES ?? 5000);
const FLOWS = Number(process.env.BENCH_FLOWS ?? 50000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 200);
const DEPTH = Number(process.env.BENCH_DEPTH ?? 3);
const DIRECTION = (process.env.BENCH_DIRECTION ?? "both") as "up" | "down" | "both";
const DATABASES = (process.env.DATABASES ?? "postgres,embedded").split(",") as ("postgres" | "embedded")[];
const HTTP = process.env.HTTP !== "0";
const PORT = Number(process.env.BENCH_PORT ?? 3305);
const TARGET = { impactDepth3P95: 20, impactAnyDepthP95: 100 };

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
const round = (n: number) => Math.round(n * 10) / 10;

/** p50/p95/max over the foci, each call awaited in turn; `targetP95` adds the pass/fail. */
async function timed<T>(ids: { id: string; kind: string }[], run: (focus: { id: string; kind: string }) => Promise<T>, targetP95?: number) {
  const times: number[] = [];
  for (const focus of ids) {
    const started = performance.now();
    await run(focus);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p95 = round(percentile(times, 95));
  return { p50: round(percentile(times, 50)), p95, max: round(times[times.length - 1]), ...(targetP95 ? { targetP95, pass: p95 < targetP95 } : {}) };
}

async function seed(database: Database) {
  const prisma = database.prisma;
  await migrate(database.driver);
  // Set-based seeding: systems, then interfaces spread over them (1 in 50 retired), then distinct random flows.
  await prisma.$executeRaw`
    INSERT INTO system (id, slug, name, updated_at)
    SELECT gen_random_uuid(), 'sys-' || g, 'Bench system ' || g, now() FROM generate_series(1, ${SYSTEMS}::int) g`;
  await prisma.$executeRaw`
    WITH s AS (SELECT id, row_number() OVER (ORDER BY slug) - 1 AS n FROM system)
    INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, lifecycle, updated_at)
    SELECT gen_random_uuid(), 'if-' || g, 'Bench interface ' || g, s.id, 'API', 'HTTP', 'REQUEST_RESPONSE',
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
    SELECT gen_random_uuid(), 'Bench flow ' || i.n || '-' || s.n, i.id, s.id, 'EVENT', now()
    FROM (SELECT * FROM pairs LIMIT ${FLOWS}::int) p JOIN i ON i.n = p.ii JOIN s ON s.n = p.ss`;
  // As autovacuum would have by now: statistics, and the visibility map that index-only scans rely on.
  await database.driver.exec("VACUUM ANALYZE");
  const user = await prisma.user.create({ data: { email: `bench-${randomBytes(3).toString("hex")}@bench.local`, name: "Bench reader", role: "MEMBER" } });
  const token = (await createToken({ actor: { id: user.id, email: user.email, name: user.name, role: "MEMBER", teamIds: [] }, requestId: "bench", via: "session" }, { name: "bench", expiresInDays: 1 })).token;
  const [estate] = await prisma.$queryRaw<{ systems: number; interfaces: number; flows: number }[]>`
    SELECT (SELECT count(*)::int FROM system) AS systems, (SELECT count(*)::int FROM interface) AS interfaces, (SELECT count(*)::int FROM flow) AS flows`;
  const foci = await prisma.$queryRaw<{ id: string; kind: string }[]>`
    SELECT id, kind FROM (SELECT id, 'system' AS kind FROM system UNION ALL SELECT id, 'interface' FROM interface) n ORDER BY random() LIMIT ${QUERIES}::int`;
  return { estate, token, foci };
}

async function benchDatabase(kind: "postgres" | "embedded") {
  const appName = `bench-lineage-query-${kind}`;
  const bench = await openBenchDatabase(kind, appName);
  const { database, databaseUrl } = bench;
  const result: Record<string, unknown> = { database: kind };
  try {
    const seedStarted = performance.now();
    const { estate, token, foci } = await seed(database);
    Object.assign(result, { estate, seedSeconds: round((performance.now() - seedStarted) / 1000), queries: foci.length });
    const ctx = systemCtx("bench-lineage-query");
    const impactOf = (depth: number) => (f: { id: string; kind: string }) => impact(ctx, { [f.kind]: f.id, depth, limit: 200 });

    const buildStarted = performance.now();
    await impactOf(DEPTH)(foci[0]); // the first call builds the adjacency
    result.adjacencyBuildMs = round(performance.now() - buildStarted);
    for (const focus of foci.slice(0, 10)) await lineage(ctx, { focus: focus.id, depth: DEPTH, direction: DIRECTION });
    const answer = { nodes: 0, consumers: 0 };
    result.inProcess = {
      lineage: await timed(foci, async (f) => (answer.nodes += (await lineage(ctx, { focus: f.id, depth: DEPTH, direction: DIRECTION })).nodes.length)),
      impactDepth3: await timed(foci, impactOf(3), TARGET.impactDepth3P95),
      [`impactDepth${MAX_DEPTH}`]: await timed(foci, async (f) => (answer.consumers += (await impactOf(MAX_DEPTH)(f)).summary.consumers), TARGET.impactAnyDepthP95),
    };
    if (process.env.PEER !== "0") {
      // The peer, in the same run on the same data: impact through the recursive lineage query. No target.
      result.peerBeforeInProcess = {
        impactDepth3: await timed(foci, (f) => impactBefore(ctx, { [f.kind]: f.id, depth: 3 })),
        [`impactDepth${MAX_DEPTH}`]: await timed(foci, (f) => impactBefore(ctx, { [f.kind]: f.id, depth: MAX_DEPTH })),
      };
    }
    Object.assign(result, { lineage: { depth: DEPTH, direction: DIRECTION, nodesAvg: Math.round(answer.nodes / foci.length) }, impactConsumersAvgAtMaxDepth: Math.round(answer.consumers / foci.length) });
    if (process.env.BENCH_EXPLAIN) {
      const plan = await database.prisma.$queryRaw<{ "QUERY PLAN": string }[]>(
        Prisma.sql`EXPLAIN (ANALYZE, BUFFERS) ${lineageSql({ focus: foci[0].id, depth: DEPTH, direction: DIRECTION })}`,
      );
      console.error(plan.map((r) => r["QUERY PLAN"]).join("\n"));
    }

    if (HTTP) {
      if (kind === "embedded") {
        // The embedded database belongs to one process: hand it over to the app.
        await bench.release();
      }
      const app = await startApp({ databaseUrl, port: PORT, name: appName });
      try {
        const get = (depth: number) => async (f: { id: string; kind: string }) => {
          const response = await fetch(`${app.base}/api/v1/lineage/impact?${f.kind}=${f.id}&depth=${depth}`, { headers: { authorization: `Bearer ${token}` } });
          if (!response.ok) throw new Error(`impact: HTTP ${response.status} ${await response.text()}`);
          return response.json();
        };
        const coldStarted = performance.now();
        await get(3)(foci[0]);
        result.httpFirstImpactMs = round(performance.now() - coldStarted);
        result.http = {
          impactDepth3: await timed(foci, get(3), TARGET.impactDepth3P95),
          [`impactDepth${MAX_DEPTH}`]: await timed(foci, get(MAX_DEPTH), TARGET.impactAnyDepthP95),
        };
      } finally {
        app.stop();
      }
    }
  } finally {
    await bench.drop();
  }
  const checked = [result.inProcess, result.http]
    .filter(Boolean)
    .flatMap((group) => Object.values(group as Record<string, { pass?: boolean }>))
    .filter((f) => f.pass !== undefined);
  return { ...result, allPass: checked.every((f) => f.pass) };
}

async function main() {
  const loadBefore = os.loadavg().map((l) => +l.toFixed(2));
  const runs = [];
  for (const kind of DATABASES) runs.push(await benchDatabase(kind));
  console.log(
    JSON.stringify(
      {
        bench: "lineage-query",
        machine: { cpus: os.cpus().length, loadavgAtStart: loadBefore, loadavgAtEnd: os.loadavg().map((l) => +l.toFixed(2)) },
        unit: "ms",
        targets: { impactDepth3P95: `< ${TARGET.impactDepth3P95} ms`, [`impactDepth${MAX_DEPTH}P95`]: `< ${TARGET.impactAnyDepthP95} ms (the deepest the API allows)` },
        note: "lineage (the focus graph the map draws) is printed for comparison; it has no target here",
        allPass: runs.every((r) => r.allPass),
        runs,
      },
      null,
      2,
    ),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
