// npm run bench:availability — does one large upload stall the portal? Starts the app (`npm start`, building first
// if the sources changed; bench/app-server.ts) on a throwaway PostgreSQL database on TEST_DATABASE_URL's server,
// then measures GET /api/v1/health at BENCH_CLIENTS (4) concurrent clients: idle, while a member without import
// rights uploads 19 MB to POST /api/v1/imports (refused with 403 before the body is read), and while a producer
// (member of an owning team) uploads a 19 MB OpenAPI document that is parsed on the worker pool. Prints JSON with
// the probe's p50/p95, requests/s, the uploads' statuses and times, machine load and database. Target: the probe's
// p95 during each upload within 2x of idle. BENCH_PORT (default 3214) picks the app's port. The uploads run in a child process
// (bench/availability-uploader.mjs), as a separate client would, so the probes measure the server, not this process.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Ctx } from "@/lib/auth/can";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { createToken } from "@/lib/tokens/data";
import { startApp, type AppServer } from "./app-server";
import { largeOpenApi } from "./large-openapi";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 4);
const IDLE_SECONDS = Number(process.env.BENCH_IDLE_SECONDS ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 3214);
const UPLOAD_BYTES = 19 * 1024 * 1024;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

type Probe = { latencies: number[]; errors: number; seconds: number };

/** Probes health with CLIENTS clients until `until` resolves (or for a fixed time). */
async function probe(base: string, until: Promise<unknown>): Promise<Probe> {
  const latencies: number[] = [];
  let errors = 0;
  let done = false;
  void until.finally(() => (done = true));
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CLIENTS }, async () => {
      while (!done) {
        const t0 = performance.now();
        const ok = await fetch(`${base}/api/v1/health`).then((r) => r.text().then(() => r.ok)).catch(() => false);
        if (ok) latencies.push(performance.now() - t0);
        else errors += 1;
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), errors, seconds: (performance.now() - started) / 1000 };
}

function summary(p: Probe) {
  return { requests: p.latencies.length, errors: p.errors, seconds: round(p.seconds, 2), perSecond: round(p.latencies.length / p.seconds), p50Ms: round(percentile(p.latencies, 50), 2), p95Ms: round(percentile(p.latencies, 95), 2), maxMs: round(p.latencies.at(-1) ?? 0, 1) };
}

type Upload = { status: number; ms: number; outcome: string };

/**
 * Uploads `bodyFile` from a child process (bench/availability-uploader.mjs): once, or again and again for `seconds`.
 * Sending 19 MB from this process would put the bench's own work between the probes it measures.
 */
function uploadFromChild(base: string, token: string, bodyFile: string, seconds: number): Promise<Upload[]> {
  const script = path.join(path.dirname(fileURLToPath(import.meta.url)), "availability-uploader.mjs");
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [script, base, token, bodyFile, String(seconds)], { maxBuffer: 16 * 1024 * 1024 }, (error, stdout) => {
      if (error) reject(error);
      else resolve((JSON.parse(stdout) as Upload[]).map((u) => ({ ...u, ms: round(u.ms) })));
    });
  });
}

async function main() {
  const loadAtStart = os.loadavg().map((l) => round(l, 2));
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  setProcessDatabase(database);
  const prisma = database.prisma;
  let app: AppServer | undefined;
  let cleanup = () => {};
  try {
    const team = await prisma.team.create({ data: { slug: "bench-producers", name: "Bench producers" } });
    const member = await prisma.user.create({ data: { email: "member@bench.local", name: "Bench member", role: "MEMBER" } });
    const producer = await prisma.user.create({ data: { email: "producer@bench.local", name: "Bench producer", role: "MEMBER" } });
    await prisma.membership.create({ data: { userId: producer.id, teamId: team.id } });
    const ctxOf = (user: typeof member, teamIds: string[]): Ctx => ({ actor: { id: user.id, email: user.email, name: user.name, role: "MEMBER", teamIds }, requestId: "bench", via: "session" });
    const memberToken = (await createToken(ctxOf(member, []), { name: "bench", expiresInDays: 1 })).token;
    const producerToken = (await createToken(ctxOf(producer, [team.id]), { name: "bench", expiresInDays: 1 })).token;
    const content = largeOpenApi(UPLOAD_BYTES - 1024);
    // The producer names its team, so the import is judged and written like a real one (not refused for want of an owner).
    const bodyDir = mkdtempSync(path.join(os.tmpdir(), "bench-availability-"));
    cleanup = () => rmSync(bodyDir, { recursive: true, force: true });
    const bodyFile = path.join(bodyDir, "upload.json");
    writeFileSync(bodyFile, JSON.stringify({ team: team.slug, files: [{ name: "bench/gateway.json", content }] }));

    app = await startApp({ databaseUrl: (database.config as { url: string }).url, port: PORT, name: "bench-availability", readyTimeoutMs: 45 * 60_000 });
    const base = app.base;
    await probe(base, new Promise((r) => setTimeout(r, 2000))); // warm-up
    const idle = await probe(base, new Promise((r) => setTimeout(r, IDLE_SECONDS * 1000)));

    // The member's upload is refused at once; repeat it for the same window so the probe has something to measure.
    const refusing = uploadFromChild(base, memberToken, bodyFile, IDLE_SECONDS);
    const duringRefused = await probe(base, refusing);
    const refused = await refusing;

    const parsing = uploadFromChild(base, producerToken, bodyFile, 0);
    const duringParse = await probe(base, parsing);
    const parsed = (await parsing)[0];

    const idleP95 = percentile(idle.latencies, 95);
    const targetMs = round(2 * idleP95, 2);
    // Each figure beside its target: the probe's p95 during an upload against twice the idle p95 of this same run.
    const verdict = (p: Probe) => ({ p95Ms: round(percentile(p.latencies, 95), 2), targetP95Ms: targetMs, pass: percentile(p.latencies, 95) <= 2 * idleP95 });
    const refusedVerdict = verdict(duringRefused);
    const parsedVerdict = verdict(duringParse);
    console.log(
      JSON.stringify(
        {
          bench: "availability",
          machine: { cpus: os.cpus().length, loadavgAtStart: loadAtStart, loadavgAtEnd: os.loadavg().map((l) => round(l, 2)) },
          database: { kind: "postgres", server: new URL(process.env.TEST_DATABASE_URL).host },
          clients: CLIENTS,
          uploadBytes: UPLOAD_BYTES,
          idle: summary(idle),
          memberWithoutImportRights: {
            probe: summary(duringRefused),
            uploads: refused.length,
            statuses: [...new Set(refused.map((r) => r.status))],
            uploadMs: { p50: round(percentile(refused.map((r) => r.ms).sort((a, b) => a - b), 50)), max: round(Math.max(...refused.map((r) => r.ms))) },
            first: refused[0]?.outcome,
            ...refusedVerdict,
          },
          producerUploadParsedOnWorkerPool: { probe: summary(duringParse), upload: parsed, ...parsedVerdict },
          target: { p95Ms: targetMs, rule: "probe p95 during each upload <= 2x idle p95 (same run)" },
          pass: refusedVerdict.pass && parsedVerdict.pass,
        },
        null,
        2,
      ),
    );
  } finally {
    app?.stop();
    cleanup();
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
