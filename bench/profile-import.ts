// Profiling aid (not a benchmark): imports the first BENCH_LIMIT documents of the bench:import corpus order in-process,
// timing the parse and the write of each 25-file batch apart. Run under `node --cpu-prof` to see where the time goes.
//   PROFILE_DATABASE  postgres (default) | embedded (PGlite in this process: its statements' time is CPU of this thread)
import { PGlite, type Transaction } from "@electric-sql/pglite";
import pg from "pg";
import type { Ctx } from "@/lib/auth/can";
import { parseImportSet } from "@/lib/catalog/import/import-set";
import { importLimitsFromEnv } from "@/lib/catalog/import/model";
import { importFilesWith } from "@/lib/catalog/import/service";
import { collectSpecFiles } from "@/lib/cli/files";
import { migrate } from "@/lib/db/migrate";
import { readFile } from "node:fs/promises";
import { openBenchDatabase } from "./bench-database";
import { corpusDir } from "./corpus";
import { shuffled } from "./import-order";

const kind = process.env.PROFILE_DATABASE === "embedded" ? "embedded" : "postgres";

// Per statement: how many round trips and how long each kind waited for the database.
const statements = new Map<string, { n: number; ms: number }>();
/** Wraps a query method (its first argument the SQL text or a pg query config) to time each statement. */
function timed<F extends (...args: never[]) => unknown>(query: F): F {
  return function (this: unknown, ...args: Parameters<F>) {
    const config = args[0] as string | { text?: string };
    const text = (typeof config === "string" ? config : (config?.text ?? "")).replace(/\s+/g, " ").slice(0, 90);
    const t0 = performance.now();
    const result = query.apply(this, args);
    const done = () => {
      const s = statements.get(text) ?? { n: 0, ms: 0 };
      s.n++;
      s.ms += performance.now() - t0;
      statements.set(text, s);
    };
    if (result && typeof (result as Promise<unknown>).then === "function") (result as Promise<unknown>).then(done, done);
    return result;
  } as F;
}
pg.Client.prototype.query = timed(pg.Client.prototype.query);
PGlite.prototype.query = timed(PGlite.prototype.query);
// A transaction's queries go through its own object, not the prototype.
const transaction = PGlite.prototype.transaction;
PGlite.prototype.transaction = function <T>(this: PGlite, work: (tx: Transaction) => Promise<T>) {
  return transaction.call(this, (tx: Transaction) => work(Object.assign(tx, { query: timed(tx.query), exec: timed(tx.exec) }))) as Promise<T>;
};

const bench = await openBenchDatabase(kind, "bench-profile-import");
const { database } = bench;
try {
  await migrate(database.driver);
  const user = await database.prisma.user.create({ data: { email: "p@bench.local", name: "P", role: "ADMIN" } });
  const ctx: Ctx = { actor: { id: user.id, email: user.email, name: user.name, role: "ADMIN", teamIds: [] }, requestId: "profile", via: "session" };
  const root = corpusDir();
  // PROFILE_FILES=a.json,b.json picks documents by name instead of the first BENCH_LIMIT.
  const picked = process.env.PROFILE_FILES?.split(",");
  const ordered = shuffled(await collectSpecFiles([root], root));
  const all = picked ? ordered.filter((f) => picked.includes(f.name)) : ordered.slice(0, Number(process.env.BENCH_LIMIT ?? 100));
  const limits = importLimitsFromEnv();
  let parseMs = 0;
  let writeMs = 0;
  // CPU of this process (the embedded database's included): on a loaded machine the wall times stretch, CPU less.
  let parseCpuMs = 0;
  let writeCpuMs = 0;
  const cpuMs = () => {
    const { user, system } = process.cpuUsage();
    return (user + system) / 1000;
  };
  for (let i = 0; i < all.length; i += 25) {
    const batch = await Promise.all(all.slice(i, i + 25).map(async (f) => ({ name: f.name, content: await readFile(f.absolute, "utf8") })));
    const [t0, c0] = [performance.now(), cpuMs()];
    const parsed = await parseImportSet(batch, { limits });
    const [t1, c1] = [performance.now(), cpuMs()];
    await importFilesWith(async () => parsed, ctx, batch);
    const [t2, c2] = [performance.now(), cpuMs()];
    parseMs += t1 - t0;
    writeMs += t2 - t1;
    parseCpuMs += c1 - c0;
    writeCpuMs += c2 - c1;
  }
  const top = [...statements].sort((a, b) => b[1].ms - a[1].ms).slice(0, Number(process.env.PROFILE_STATEMENTS ?? 30));
  const trips = [...statements.values()].reduce((sum, s) => sum + s.n, 0);
  console.log(`${trips} statements, ${(trips / all.length).toFixed(1)} per document`);
  for (const [text, { n, ms }] of top) console.log(`${ms.toFixed(0).padStart(8)} ms ${String(n).padStart(6)}x  ${text}`);
  const perDoc = (ms: number) => Math.round((ms / all.length) * 10) / 10;
  console.log(JSON.stringify({ database: kind, documents: all.length, parseMsPerDoc: perDoc(parseMs), writeMsPerDoc: perDoc(writeMs), parseCpuMsPerDoc: perDoc(parseCpuMs), writeCpuMsPerDoc: perDoc(writeCpuMs) }));
} finally {
  // PROFILE_KEEP=1 keeps the database to look at.
  if (process.env.PROFILE_KEEP) console.log(`kept ${bench.databaseUrl}`);
  else await bench.drop();
  // The governance lints queued behind the import are not part of the profile: it ends here.
  process.exit(0);
}
