// Catalog search latency at estate scale, on PostgreSQL and on the embedded database (PGlite), each seeded with
// SYNTHETIC interfaces (versions, elements, fields, flows, contracts; labelled "Bench"). For each database it times
// every scenario in process (lib/catalog/search.ts) and, as users reach it, over HTTP against the built app
// (GET /api/v1/interfaces with an API token; bench/app-server.ts). Prints JSON with the machine's load, CPU count,
// database kind, and every p95 beside its target with pass/fail. The peer, the search as it was before
// (bench/search-before.ts), runs in process in the same run on the same data (PEER=0 skips it).
//   npm run bench:search                       (50,000 interfaces, both databases, HTTP on)
//   SYNTHETIC=10000 ITERATIONS=30 DATABASES=postgres HTTP=0 npm run bench:search
//   TEST_DATABASE_URL names the PostgreSQL server (default postgresql://root@127.0.0.1:5432/postgres)
import { randomBytes } from "node:crypto";
import os from "node:os";
import type { Ctx } from "@/lib/auth/can";
import { systemCtx } from "@/lib/auth/require";
import { searchInterfaces } from "@/lib/catalog/search";
import type { SearchInterfacesInput } from "@/lib/catalog/schemas";
import type { Database } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createToken } from "@/lib/tokens/data";
import { startApp } from "./app-server";
import { openBenchDatabase } from "./bench-database";
import { globalSearch } from "@/lib/search/data";
import { globalSearchBefore } from "./palette-before";
import { searchInterfacesBefore } from "./search-before";
import { SYNTHETIC_CATALOG_SQL } from "./search-estate";

const SYNTHETIC = Number(process.env.SYNTHETIC ?? 50_000);
const ITERATIONS = Number(process.env.ITERATIONS ?? 40);
const DATABASES = (process.env.DATABASES ?? "postgres,embedded").split(",") as ("postgres" | "embedded")[];
const HTTP = process.env.HTTP !== "0";
const PEER = process.env.PEER !== "0";
// The palette's peer compares the text with every name of the estate: seconds a call, so it is timed fewer times.
const PALETTE_PEER_ITERATIONS = Number(process.env.PALETTE_PEER_ITERATIONS ?? 5);
const PORT = Number(process.env.BENCH_PORT ?? 3305);
const TARGET_P95_MS = 20;

const round = (n: number) => Math.round(n * 10) / 10;
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];

type Figure = { p50: number; p95: number; targetP95: number; pass: boolean; total?: number; estimated?: boolean };

type Answer = { total?: number; estimated?: { total: boolean; facets: boolean }; hits?: unknown[] };

async function timed(run: () => Promise<Answer>, iterations = ITERATIONS): Promise<Figure> {
  for (let i = 0; i < Math.min(3, iterations); i++) await run(); // warm caches and plans
  const times: number[] = [];
  let last: Answer = {};
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    last = await run();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  const p95 = round(percentile(times, 95));
  const estimated = last.estimated ? last.estimated.total || last.estimated.facets : undefined;
  return { p50: round(percentile(times, 50)), p95, targetP95: TARGET_P95_MS, pass: p95 < TARGET_P95_MS, total: last.total, estimated };
}

/** The bench's scenarios: what people type and click in the catalog, including the next page by its cursor. */
async function scenarios(ctx: Ctx, database: Database): Promise<Record<string, SearchInterfacesInput>> {
  const domain = (await database.prisma.domain.findFirst({ orderBy: { name: "asc" } }))!.id;
  const first = await searchInterfaces(ctx, { sort: "name" });
  const firstByWord = await searchInterfaces(ctx, { q: "iban" });
  return {
    "browse, sorted by name": { sort: "name" },
    "one word": { q: "payment" },
    "partial word": { q: "paym" },
    "two words": { q: "customer invoice" },
    "misspelt word": { q: "paymnet" },
    "field name (matches every interface)": { q: "iban" },
    "operation path": { q: "/refunds" },
    "word + protocol facet": { q: "order", protocol: "KAFKA" },
    "three facets": { kind: "API", lifecycle: "ACTIVE", classification: "RESTRICTED" },
    "domain facet, by consumers": { domain, sort: "consumers" },
    "next page (cursor), browse": { sort: "name", cursor: first.nextCursor! },
    "next page (cursor), field name": { q: "iban", cursor: firstByWord.nextCursor! },
    "sorted by updated, 100 rows": { sort: "updated", limit: 100 },
  };
}

/** What people type into the search palette (Ctrl+K), which looks in every kind of name of the estate. */
const PALETTE: Record<string, string> = {
  "palette: word": "payment",
  "palette: misspelt word": "paymnt",
  "palette: field name": "iban",
  "palette: flow name": "synthetic flow 12",
};
const PALETTE_LIMIT = 6;

const queryString = (input: SearchInterfacesInput) =>
  new URLSearchParams(Object.entries(input).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : String(v)])).toString();

async function seed(database: Database): Promise<{ counts: Record<string, number>; seedSeconds: number; token: string }> {
  const started = performance.now();
  await migrate(database.driver);
  await database.driver.exec(SYNTHETIC_CATALOG_SQL(SYNTHETIC));
  // The steady state autovacuum reaches: statistics, visibility maps, GIN pending lists merged.
  await database.driver.exec("VACUUM ANALYZE");
  const user = await database.prisma.user.create({ data: { email: `bench-${randomBytes(3).toString("hex")}@bench.local`, name: "Bench reader", role: "MEMBER" } });
  const token = (await createToken({ actor: { id: user.id, email: user.email, name: user.name, role: "MEMBER", teamIds: [] }, requestId: "bench", via: "session" }, { name: "bench", expiresInDays: 1 })).token;
  const [counts] = await database.driver.query<Record<string, number>>(
    `SELECT (SELECT count(*)::int FROM interface) AS interfaces, (SELECT count(*)::int FROM interface_field) AS fields, (SELECT count(*)::int FROM flow) AS flows`,
  );
  return { counts, seedSeconds: round((performance.now() - started) / 1000), token };
}

async function benchDatabase(kind: "postgres" | "embedded") {
  const appName = `bench-search-${kind}`;
  const bench = await openBenchDatabase(kind, appName);
  const { database, databaseUrl } = bench;
  const result: Record<string, unknown> = { database: kind };
  try {
    const seeded = await seed(database);
    Object.assign(result, { counts: seeded.counts, seedSeconds: seeded.seedSeconds });
    const ctx = systemCtx("bench");
    const inputs = await scenarios(ctx, database);
    const inProcess: Record<string, Figure> = {};
    for (const [label, input] of Object.entries(inputs)) inProcess[label] = await timed(() => searchInterfaces(ctx, input));
    for (const [label, q] of Object.entries(PALETTE)) inProcess[label] = await timed(() => globalSearch(ctx, { q, limit: PALETTE_LIMIT }));
    result.inProcess = inProcess;
    if (PEER) {
      // The peer, in the same run on the same data: the search before the maintained aggregates. No target.
      const before: Record<string, Omit<Figure, "targetP95" | "pass"> & { iterations?: number }> = {};
      for (const [label, input] of Object.entries(inputs)) {
        const { targetP95: _target, pass: _pass, ...figure } = await timed(() => searchInterfacesBefore(ctx, input));
        before[label] = figure;
      }
      for (const [label, q] of Object.entries(PALETTE)) {
        const { targetP95: _target, pass: _pass, ...figure } = await timed(() => globalSearchBefore(ctx, { q, limit: PALETTE_LIMIT }), PALETTE_PEER_ITERATIONS);
        before[label] = { ...figure, iterations: PALETTE_PEER_ITERATIONS };
      }
      result.peerBeforeInProcess = before;
    }

    if (HTTP) {
      // The embedded database belongs to one process: hand it over to the app.
      if (kind === "embedded") {
        await bench.release();
      }
      const app = await startApp({ databaseUrl, port: PORT, name: appName });
      try {
        const http: Record<string, Figure> = {};
        for (const [label, input] of Object.entries(inputs)) {
          http[label] = await timed(async () => {
            const response = await fetch(`${app.base}/api/v1/interfaces?${queryString(input)}`, { headers: { authorization: `Bearer ${seeded.token}` } });
            if (!response.ok) throw new Error(`${label}: HTTP ${response.status} ${await response.text()}`);
            return response.json();
          });
        }
        for (const [label, q] of Object.entries(PALETTE)) {
          http[label] = await timed(async () => {
            const response = await fetch(`${app.base}/api/v1/search?${new URLSearchParams({ q, limit: String(PALETTE_LIMIT) })}`, { headers: { authorization: `Bearer ${seeded.token}` } });
            if (!response.ok) throw new Error(`${label}: HTTP ${response.status} ${await response.text()}`);
            return response.json();
          });
        }
        result.http = http;
      } finally {
        app.stop();
      }
    }
  } finally {
    await bench.drop();
  }
  const figures = [result.inProcess, result.http].filter(Boolean).flatMap((group) => Object.values(group as Record<string, Figure>));
  return { ...result, worstP95: Math.max(...figures.map((f) => f.p95)), allPass: figures.every((f) => f.pass) };
}

async function main() {
  const loadBefore = os.loadavg().map((l) => +l.toFixed(2));
  const runs = [];
  for (const kind of DATABASES) runs.push(await benchDatabase(kind));
  console.log(
    JSON.stringify(
      {
        bench: "search",
        machine: { cpus: os.cpus().length, loadavgAtStart: loadBefore, loadavgAtEnd: os.loadavg().map((l) => +l.toFixed(2)) },
        synthetic: SYNTHETIC,
        iterations: ITERATIONS,
        unit: "ms",
        target: `p95 < ${TARGET_P95_MS} ms for every scenario; http is the path users take`,
        allPass: runs.every((r) => r.allPass),
        runs,
      },
      null,
      2,
    ),
  );
}

await main();
