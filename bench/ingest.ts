// npm run bench:ingest — sustained telemetry ingest over HTTP into PostgreSQL with an estate of 10,000 flows, then the
// time to evaluate every flow's SLA. Seeds a throwaway database on TEST_DATABASE_URL's server, starts the app on it
// (`npm start`, building first if the sources changed; bench/app-server.ts) and drives POST /api/v1/telemetry with
// BENCH_CLIENTS concurrent clients posting BENCH_BATCH measurements per request for BENCH_SECONDS. The app's own SLA
// evaluation runs meanwhile, as in production. Prints JSON: points/s (one point = one per-flow measurement), p50/p95
// request latency, the CPU per 1,000 points of the app (all its processes) and of the database processes serving it,
// the roll-up check (every accepted delivery is in flow_metric_minute) and SLA evaluation times at steady state (after
// the app stops), against the targets. BENCH_PORT (default 3292) picks the app's port.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { authenticateAgent, createAgent } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { systemCtx } from "@/lib/auth/require";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase } from "@/lib/db/testing";
import { evaluateHealth } from "@/lib/health/evaluate";
import { ingestTelemetry } from "@/lib/health/ingest";
import { backendCpuMs, startApp, type AppServer } from "./app-server";
import { seedFlowEstate } from "./flow-estate";

const FLOWS = Number(process.env.BENCH_FLOWS ?? 10_000);
const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 500);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);
const PORT = Number(process.env.BENCH_PORT ?? 3292);

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function main() {
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  setProcessDatabase(database);
  const prisma = database.prisma;
  const url = (database.config as { url: string }).url;
  let app: AppServer | undefined;
  try {
    const { flowIds, systemIds } = await seedFlowEstate(prisma, { flows: FLOWS, systems: SYSTEMS });
    const admin = await prisma.user.create({ data: { email: `bench-${randomUUID()}@bench.local`, name: "Bench", role: "ADMIN" } });
    const { token } = await createAgent(
      { actor: { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN", teamIds: [] }, requestId: "bench", via: "session" },
      { name: "bench-agent", systemIds, flowIds: [] },
    );

    app = await startApp({ databaseUrl: url, port: PORT, name: "bench-ingest" });
    const base = app.base;

    let cursor = 0;
    const body = () => {
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      const measurements = Array.from({ length: BATCH }, () => {
        const flowId = flowIds[cursor++ % flowIds.length];
        const failed = cursor % 97 === 0 ? 3 : 0;
        return {
          flowId,
          windowStart: new Date(minute).toISOString(),
          windowEnd: new Date(minute + 60_000).toISOString(),
          delivered: 50,
          failed,
          retried: failed,
          latencyMs: { p50: 12, p95: 48, p99: 95 },
          lagSeconds: 1.5,
          bytes: 51_200,
        };
      });
      return JSON.stringify({ batchId: randomUUID(), measurements });
    };
    const post = (payload: string) =>
      fetch(`${base}/api/v1/telemetry`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${token}` }, body: payload });

    const latencies: number[] = [];
    let points = 0;
    let deliveredSent = 0;
    // Warm-up: JIT, connection pool, first plans.
    for (let i = 0; i < 3; i++) deliveredSent += (((await (await post(body())).json()) as { accepted: unknown[] }).accepted.length) * 50;
    let failures = 0;
    const cpuBefore = app.cpuMs();
    // The database's processes serving this bench database (the app's pool, opened by the warm-up).
    const backends = (await prisma.$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`).map((r) => r.pid);
    const databaseCpuBefore = backendCpuMs(backends);
    const started = performance.now();
    const deadline = started + SECONDS * 1000;
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (performance.now() < deadline) {
          const payload = body();
          const t0 = performance.now();
          const response = await post(payload);
          const result = (await response.json()) as { accepted?: unknown[] };
          latencies.push(performance.now() - t0);
          if (!response.ok) {
            failures += 1;
            continue;
          }
          points += result.accepted?.length ?? 0;
          deliveredSent += (result.accepted?.length ?? 0) * 50;
        }
      }),
    );
    const wallMs = performance.now() - started;
    const cpuAfter = app.cpuMs();
    const databaseCpuMs = backendCpuMs(backends) - databaseCpuBefore;
    const [{ delivered }] = await prisma.$queryRaw<{ delivered: bigint }[]>`SELECT coalesce(sum(delivered), 0)::bigint AS delivered FROM flow_metric_minute`;
    latencies.sort((a, b) => a - b);

    // The app's own evaluator ran during the load. Then the app stops and this process evaluates: a first cycle that
    // reads everything (it has no memory of the app's cycles), then steady cycles, each after one more batch through
    // the same ingest function the route calls.
    app.stop();
    app = undefined;
    const agentCtx: Ctx = { actor: null, requestId: "bench", via: "agent", agent: await authenticateAgent(token) };
    const evaluations: { ms: number; judged?: number; written?: number; phasesMs?: Record<string, number> }[] = [];
    let evaluated = 0;
    for (let i = 0; i < 6; i++) {
      if (i > 0) await ingestTelemetry(agentCtx, JSON.parse(body()));
      const t0 = performance.now();
      const result = await evaluateHealth(systemCtx("bench"), new Date());
      evaluations.push({ ms: round(performance.now() - t0), judged: result?.judged, written: result?.written, phasesMs: result?.phases });
      evaluated = result?.flows ?? 0;
    }
    const steady = evaluations.slice(1).map((e) => e.ms).sort((a, b) => a - b);
    const pointsPerSecond = Math.round(points / (wallMs / 1000));
    console.log(
      JSON.stringify(
        {
          bench: "ingest",
          machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => round(l, 2)) },
          database: "postgresql",
          estate: { flows: flowIds.length, systems: systemIds.length },
          load: { clients: CLIENTS, measurementsPerRequest: BATCH, seconds: round(wallMs / 1000, 2), requests: latencies.length, failedRequests: failures },
          ingest: {
            pointsPerSecond,
            points,
            requestLatencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)), max: round(latencies[latencies.length - 1] ?? 0) },
            appCpuPercent: round(((cpuAfter - cpuBefore) / wallMs) * 100),
            cpuMsPer1000Points: {
              app: round(((cpuAfter - cpuBefore) / Math.max(1, points)) * 1000),
              database: round((databaseCpuMs / Math.max(1, points)) * 1000),
              note: "database: the PostgreSQL processes serving the bench database's connections open after the warm-up (not the WAL writer or checkpointer)",
            },
            rollupCheck: { deliveredAccepted: deliveredSent, deliveredInRollups: Number(delivered), equal: Number(delivered) === deliveredSent },
          },
          evaluation: {
            flows: evaluated,
            cycles: evaluations,
            steadyCycleMs: { p95: percentile(steady, 95), target: "< 500", pass: percentile(steady, 95) < 500, note: "cycles after the first, each after one more batch" },
          },
          figures: { pointsPerSecond: { value: pointsPerSecond, target: ">= 50000", pass: pointsPerSecond >= 50_000 } },
        },
        null,
        2,
      ),
    );
  } finally {
    app?.stop();
    setProcessDatabase(undefined);
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
