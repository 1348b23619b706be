// npm run bench:scale-out — one, then two portal instances on one PostgreSQL behind a round-robin proxy
// (bench/round-robin-proxy.ts): telemetry ingest (POST /api/v1/telemetry, BENCH_BATCH measurements per request from
// BENCH_CLIENTS clients) and health board reads (GET /api/v1/health/board with an API token, BENCH_READ_CLIENTS
// clients), each for BENCH_SECONDS, through the proxy. The app is built once (`npm start` builds when the sources
// changed; bench/app-server.ts) and started as `next start` on BENCH_PORT and BENCH_PORT+1 with one NEXTAUTH_SECRET,
// as a deployment of several instances would be; the proxy listens on BENCH_PORT+2. Both instances run their
// background work as in production (SLA evaluation once per cycle across them). Prints JSON: machine (CPU count, load
// average before and after each phase), database, per phase points/s, reads/s, request latency p50/p95, what each
// instance served and its CPU, the roll-up check, and the scaling of 2 instances over 1 against its target.
import { randomBytes, randomUUID } from "node:crypto";
import os from "node:os";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { createAgent } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { setProcessDatabase } from "@/lib/db/client";
import { describeDatabase } from "@/lib/db/config";
import { openTestDatabase } from "@/lib/db/testing";
import { createToken } from "@/lib/tokens/data";
import { startApp, type AppServer } from "./app-server";
import { seedFlowEstate } from "./flow-estate";
import { startRoundRobinProxy, type RoundRobinProxy } from "./round-robin-proxy";

const FLOWS = Number(process.env.BENCH_FLOWS ?? 2000);
const SYSTEMS = Number(process.env.BENCH_SYSTEMS ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 6);
const READ_CLIENTS = Number(process.env.BENCH_READ_CLIENTS ?? 6);
const BATCH = Number(process.env.BENCH_BATCH ?? 500);
const PORT = Number(process.env.BENCH_PORT ?? 3310);
const NATS_URL = process.env.NATS_URL ?? "nats://127.0.0.1:4222";
const NATS_BATCHES = Number(process.env.BENCH_NATS_BATCHES ?? 400);
// What a second instance should add where it has cores of its own: 2 instances at >= 1.6x one.
const TARGET_SCALING = 1.6;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] ?? 0;
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const loadavg = () => os.loadavg().map((l) => round(l, 2));

type Load = { requests: number; failedRequests: number; latencyMs: { p50: number; p95: number } };

/** Runs `clients` loops of `request` for SECONDS; each loop's request returns how many units it did (0 = failed). */
async function drive(clients: number, request: () => Promise<number>): Promise<Load & { perSecond: number }> {
  const latencies: number[] = [];
  let units = 0;
  let failed = 0;
  const started = performance.now();
  const deadline = started + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < deadline) {
        const t0 = performance.now();
        const done = await request().catch(() => 0);
        latencies.push(performance.now() - t0);
        if (done > 0) units += done;
        else failed += 1;
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  return { perSecond: Math.round(units / seconds), requests: latencies.length, failedRequests: failed, latencyMs: { p50: round(percentile(latencies, 50)), p95: round(percentile(latencies, 95)) } };
}

async function main() {
  process.env.TEST_DATABASE_URL ??= "postgresql://root@127.0.0.1:5432/postgres";
  const database = await openTestDatabase();
  setProcessDatabase(database);
  const { prisma } = database;
  const url = (database.config as { url: string }).url;
  const apps: AppServer[] = [];
  let proxy: RoundRobinProxy | undefined;
  let nc: NatsConnection | undefined;
  const tag = randomUUID().slice(0, 8);
  try {
    const { flowIds, systemIds } = await seedFlowEstate(prisma, { flows: FLOWS, systems: SYSTEMS });
    const admin = await prisma.user.create({ data: { email: `bench-${randomUUID()}@bench.local`, name: "Bench", role: "ADMIN" } });
    const ctx: Ctx = { actor: { id: admin.id, email: admin.email, name: admin.name, role: "ADMIN", teamIds: [] }, requestId: "bench", via: "session" };
    const { token: agentToken } = await createAgent(ctx, { name: "bench-agent", systemIds, flowIds: [] });
    const { token: apiToken } = await createToken(ctx, { name: "bench reader", expiresInDays: 1 });

    // Shared by every instance, as in a real deployment: sessions signed on one are accepted by the other, and
    // both pull telemetry from one durable consumer on a stream of this run's own.
    nc = await connect({ servers: NATS_URL, timeout: 2000 }).catch(() => undefined);
    const natsSubject = `bench-scale-${tag}.telemetry`;
    const env: Record<string, string> = { NEXTAUTH_SECRET: randomBytes(32).toString("base64url") };
    if (nc) Object.assign(env, { NATS_URL, NATS_TELEMETRY_STREAM: `BENCH_SCALE_${tag}`, NATS_TELEMETRY_SUBJECT: `${natsSubject}.>`, NATS_TELEMETRY_CONSUMER: `ingest-${tag}` });
    proxy = await startRoundRobinProxy(PORT + 2);
    const through = proxy.base;

    let cursor = 0;
    let deliveredAccepted = 0;
    const measurementsOfBatch = () => {
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      return Array.from({ length: BATCH }, () => ({
        flowId: flowIds[cursor++ % flowIds.length],
        windowStart: new Date(minute).toISOString(),
        windowEnd: new Date(minute + 60_000).toISOString(),
        delivered: 50,
        failed: cursor % 97 === 0 ? 3 : 0,
        latencyMs: { p50: 12, p95: 48, p99: 95 },
      }));
    };
    const ingest = async () => {
      const measurements = measurementsOfBatch();
      const response = await fetch(`${through}/api/v1/telemetry`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${agentToken}` },
        body: JSON.stringify({ batchId: randomUUID(), measurements }),
      });
      if (!response.ok) return (await response.text(), 0);
      const accepted = ((await response.json()) as { accepted: unknown[] }).accepted.length;
      deliveredAccepted += accepted * 50;
      return accepted;
    };
    const read = async () => {
      const response = await fetch(`${through}/api/v1/health/board`, { headers: { authorization: `Bearer ${apiToken}` } });
      await response.arrayBuffer();
      return response.ok ? 1 : 0;
    };

    // NATS: publish NATS_BATCHES batches and time until the instances have committed them all (each acknowledges a
    // message only after its batch is committed, so committed = telemetry_batch rows).
    const natsIngest = async (instances: AppServer[]) => {
      if (!nc) return { skipped: `no NATS server at ${NATS_URL}` };
      const js = jetstream(nc);
      const h = headers();
      h.set("Authorization", `Bearer ${agentToken}`);
      const committed = async () => Number((await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*)::bigint AS n FROM telemetry_batch`)[0].n);
      const before = await committed();
      const cpu = instances.map((a) => a.cpuMs());
      const loadBefore = loadavg();
      const started = performance.now();
      for (let i = 0; i < NATS_BATCHES; i += 50) {
        await Promise.all(
          Array.from({ length: Math.min(50, NATS_BATCHES - i) }, () => {
            const measurements = measurementsOfBatch();
            deliveredAccepted += measurements.length * 50;
            return js.publish(`${natsSubject}.bench`, JSON.stringify({ batchId: randomUUID(), measurements }), { headers: h });
          }),
        );
      }
      const published = performance.now();
      const deadline = started + 600_000;
      while ((await committed()) < before + NATS_BATCHES && performance.now() < deadline) await new Promise((r) => setTimeout(r, 100));
      const wallMs = performance.now() - started;
      const done = (await committed()) - before;
      return {
        batches: NATS_BATCHES,
        committed: done,
        pointsPerSecond: Math.round((done * BATCH) / (wallMs / 1000)),
        seconds: round(wallMs / 1000, 2),
        publishSeconds: round((published - started) / 1000, 2),
        loadavgBefore: loadBefore,
        loadavgAfter: loadavg(),
        instances: instances.map((a, i) => ({ base: a.base, cpuPercent: round(((a.cpuMs() - cpu[i]) / wallMs) * 100) })),
      };
    };

    const phase = async (instances: AppServer[]) => {
      proxy!.setUpstreams(instances.map((a) => a.base));
      for (let i = 0; i < 3; i++) await Promise.all([ingest(), read()]); // warm-up: JIT, pools, first plans
      const measured = async (work: () => Promise<number>, clients: number) => {
        proxy!.resetCounts();
        const cpu = instances.map((a) => a.cpuMs());
        const before = loadavg();
        const started = performance.now();
        const load = await drive(clients, work);
        const wallMs = performance.now() - started;
        const { byUpstream, failed } = proxy!.served();
        return {
          ...load,
          loadavgBefore: before,
          loadavgAfter: loadavg(),
          proxyFailures: failed,
          instances: instances.map((a, i) => ({ base: a.base, requests: byUpstream[a.base] ?? 0, cpuPercent: round(((a.cpuMs() - cpu[i]) / wallMs) * 100) })),
        };
      };
      const ingested = await measured(ingest, CLIENTS);
      const reads = await measured(read, READ_CLIENTS);
      const nats = await natsIngest(instances);
      const { perSecond: points, ...ingestRest } = ingested;
      const { perSecond: readsPerSecond, ...readRest } = reads;
      return { instances: instances.length, natsIngest: nats, ingest: { pointsPerSecond: points, ...ingestRest }, read: { readsPerSecond, ...readRest } };
    };

    apps.push(await startApp({ databaseUrl: url, port: PORT, name: "bench-scale-out-1", env }));
    const one = await phase(apps);
    apps.push(await startApp({ databaseUrl: url, port: PORT + 1, name: "bench-scale-out-2", env }));
    const two = await phase(apps);

    // Every acknowledged request was committed before its answer: what was accepted must all be in the roll-ups.
    const [{ delivered }] = await prisma.$queryRaw<{ delivered: bigint }[]>`SELECT coalesce(sum(delivered), 0)::bigint AS delivered FROM flow_metric_minute`;
    const ingestScaling = round(two.ingest.pointsPerSecond / Math.max(1, one.ingest.pointsPerSecond), 2);
    const readScaling = round(two.read.readsPerSecond / Math.max(1, one.read.readsPerSecond), 2);
    const natsRate = (p: typeof one) => p.natsIngest.pointsPerSecond ?? 0;
    const natsScaling = nc ? round(natsRate(two) / Math.max(1, natsRate(one)), 2) : null;
    const cpus = os.cpus().length;
    console.log(
      JSON.stringify(
        {
          bench: "scale-out",
          machine: { cpus, loadavg: loadavg() },
          database: { kind: "postgresql", at: describeDatabase(database.config), embedded: "not run: the embedded database belongs to one process, so several instances need PostgreSQL" },
          estate: { flows: flowIds.length, systems: systemIds.length },
          load: { seconds: SECONDS, ingestClients: CLIENTS, measurementsPerRequest: BATCH, readClients: READ_CLIENTS, read: "GET /api/v1/health/board" },
          phases: [one, two],
          rollupCheck: { deliveredAccepted, deliveredInRollups: Number(delivered), equal: Number(delivered) === deliveredAccepted },
          scaling: {
            ingest: { twoOverOne: ingestScaling, target: `>= ${TARGET_SCALING}`, pass: ingestScaling >= TARGET_SCALING },
            read: { twoOverOne: readScaling, target: `>= ${TARGET_SCALING}`, pass: readScaling >= TARGET_SCALING },
            natsIngest: natsScaling === null ? "not run: no NATS server" : { twoOverOne: natsScaling, target: `>= ${TARGET_SCALING}`, pass: natsScaling >= TARGET_SCALING },
            bound: [
              `${cpus} cores shared by the load generator, the proxy, PostgreSQL and both instances: a second instance adds a Node event loop, not a core, so scaling here is bounded and says little about a deployment where each instance has its own cores.`,
              ...(loadavg()[0] > cpus
                ? [`The machine was busy with other work (load average ${loadavg()[0]} on ${cpus} cores; the instances got ${two.ingest.instances.map((i) => `${i.cpuPercent} %`).join(" and ")} CPU while ingesting): the kernel shares CPU per runnable process, so two instances also win a larger share from that other work, which inflates the ratio.`]
                : []),
            ].join(" "),
          },
        },
        null,
        2,
      ),
    );
  } finally {
    for (const app of apps) app.stop();
    await proxy?.close();
    if (nc) {
      await (await jetstreamManager(nc)).streams.delete(`BENCH_SCALE_${tag}`).catch(() => undefined);
      await nc.close();
    }
    setProcessDatabase(undefined);
    await database.dispose();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
