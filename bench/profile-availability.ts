// Profiling aid (not a benchmark): the availability bench's producer case in-process. Imports a 19 MB OpenAPI document
// through the POST /api/v1/imports handler (worker pool as in the app) and prints every stall of the event loop
// over PROFILE_STALL_MS (default 20) with when it happened. Run under `node --cpu-prof` to see what stalls it.
import { monitorEventLoopDelay } from "node:perf_hooks";
import { decodeText, refuseDeepJson } from "@/lib/api/body";
import { ImportRequest } from "@/lib/catalog/import/schemas";
import { importFiles } from "@/lib/catalog/import/service";
import type { Ctx } from "@/lib/auth/can";
import { migrate } from "@/lib/db/migrate";
import { largeOpenApi } from "./large-openapi";
import { randomBytes } from "node:crypto";
import { openDatabase, setProcessDatabase } from "@/lib/db/client";
import { admin } from "./bench-database";

const STALL_MS = Number(process.env.PROFILE_STALL_MS ?? 20);
const name = `${process.env.BENCH_DB_PREFIX ?? "ic_bench_"}${randomBytes(5).toString("hex")}`;
await admin(`CREATE DATABASE "${name}"`);
const url = new URL(process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres");
url.pathname = `/${name}`;
const database = openDatabase({ kind: "postgres", url: url.toString() });
setProcessDatabase(database);
try {
  await migrate(database.driver);
  const prisma = database.prisma;
  const team = await prisma.team.create({ data: { slug: "bench-producers", name: "Bench producers" } });
  const producer = await prisma.user.create({ data: { email: "producer@bench.local", name: "Bench producer", role: "MEMBER" } });
  await prisma.membership.create({ data: { userId: producer.id, teamId: team.id } });
  const ctx: Ctx = { actor: { id: producer.id, email: producer.email, name: producer.name, role: "MEMBER", teamIds: [team.id] }, requestId: "profile", via: "session" };
  const body = Buffer.from(JSON.stringify({ team: team.slug, files: [{ name: "bench/gateway.json", content: largeOpenApi(19 * 1024 * 1024 - 1024) }] }));

  const t0 = performance.now();
  const stalls: { atMs: number; ms: number }[] = [];
  let last = performance.now();
  const ticker = setInterval(() => {
    const now = performance.now();
    if (now - last > STALL_MS) stalls.push({ atMs: Math.round(last - t0), ms: Math.round(now - last) });
    last = now;
  }, 1);
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  // What the route does with the body (lib/api/route.ts readJsonBody), then the handler.
  const marks: Record<string, number> = {};
  const mark = (what: string) => (marks[what] = Math.round(performance.now() - t0));
  await new Promise((r) => setImmediate(r));
  const json = decodeText(body, "body");
  refuseDeepJson(json, "body");
  const input = ImportRequest.parse(JSON.parse(json));
  mark("bodyParsed");
  const result = await importFiles(ctx, input.files, { defaults: { teamSlug: input.team } });
  mark("imported");
  const text = JSON.stringify(result);
  const response = { status: 200 };
  const totalMs = performance.now() - t0;
  delay.disable();
  clearInterval(ticker);
  console.log(JSON.stringify({ status: response.status, answer: text.slice(0, 400), marks, totalMs: Math.round(totalMs), loopDelayMs: { p50: delay.percentile(50) / 1e6, p99: delay.percentile(99) / 1e6, max: delay.max / 1e6 }, stalledMs: stalls.reduce((s, x) => s + x.ms, 0), stalls }, null, 1));
} finally {
  await database.prisma.$disconnect().catch(() => undefined);
  await database.driver.close().catch(() => undefined);
  await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  process.exit(0);
}
