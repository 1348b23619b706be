import { spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import path from "node:path";
import { createInterface } from "node:readline";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authenticateAgent, createAgent } from "@/lib/agents/data";
import { systemCtx } from "@/lib/auth/require";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { evaluateHealth } from "./evaluate";
import { startEventRelay } from "./event-relay";
import { ingestTelemetry } from "./ingest";
import { natsTelemetryConfig, startNatsConsumer } from "./nats";
import { listIncidents } from "./read";
import { healthEventStream } from "./stream";

// Two portal instances on one PostgreSQL: this process is instance B, lib/testing/portal-instance.ts runs instance A
// in a process of its own (which the NATS test kills). Needs TEST_DATABASE_URL and the NATS server on this machine.
const NATS_URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const natsReachable = await connect({ servers: NATS_URL, timeout: 1000 }).then(
  async (nc) => (await nc.close(), true),
  () => false,
);
const database = setupTestDatabase();
const MINUTE = 60_000;
const databaseUrl = () => (database().config as { url: string }).url;

/** Starts instance A and resolves with it and the first JSON line it prints. */
function startInstanceA(env: Record<string, string>): Promise<{ child: ChildProcess; line: Record<string, unknown>; exited: Promise<unknown> }> {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join(process.cwd(), "lib", "testing", "portal-instance.ts")], {
    env: { ...process.env, DATABASE_URL: databaseUrl(), ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  return new Promise((resolve, reject) => {
    createInterface({ input: child.stdout! }).on("line", (text) => {
      if (!text.startsWith("{")) return;
      const line = JSON.parse(text) as Record<string, unknown>;
      if (line.error) reject(new Error(`instance A: ${String(line.error)}`));
      else resolve({ child, line, exited });
    });
    child.once("exit", (code) => reject(new Error(`instance A exited with ${code} before it was ready`)));
  });
}

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe.skipIf(!process.env.TEST_DATABASE_URL || !natsReachable)("telemetry over NATS with two instances, one of which dies", () => {
  const tag = randomUUID().slice(0, 8);
  // Short ack wait: what the dead instance held comes back to the other within seconds, not a minute.
  const config = { ...natsTelemetryConfig({}), stream: `IC_SCALE_${tag}`, subject: `ic-scale-${tag}.telemetry.>`, durable: `ingest-${tag}`, ackWaitSeconds: 2 };
  let nc: NatsConnection;
  const stops: (() => Promise<void>)[] = [];

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    for (const stop of stops) await stop();
    await (await jetstreamManager(nc)).streams.delete(config.stream).catch(() => undefined);
    await nc.close();
  });

  it("commits every batch exactly once when an instance is killed mid-batch: what it held is redelivered to the other", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const { token, agent } = await createAgent(await actAs(database(), "ADMIN"), { name: `scale-${tag}`, systemIds: [estate.systems.A.id], flowIds: [] });
    const flows = [estate.flows.a1B.id, estate.flows.a1E.id];
    const BATCHES = 300;
    const PER_BATCH = 40;

    // Instance A creates the stream and the durable consumer and starts pulling.
    const a = await startInstanceA({ INSTANCE_ROLE: "consume", NATS_URL, INSTANCE_NATS_CONFIG: JSON.stringify(config), LOG_LEVEL: "warn" });
    stops.push(async () => void a.child.kill("SIGKILL"));

    const js = jetstream(nc);
    const minute = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
    const h = headers();
    h.set("Authorization", `Bearer ${token}`);
    const bodies = Array.from({ length: BATCHES }, () =>
      JSON.stringify({
        batchId: randomUUID(),
        measurements: Array.from({ length: PER_BATCH }, (_, i) => ({
          flowId: flows[i % 2],
          windowStart: new Date(minute).toISOString(),
          windowEnd: new Date(minute + MINUTE).toISOString(),
          delivered: 1,
          failed: 0,
        })),
      }),
    );
    for (const body of bodies) await js.publish(`ic-scale-${tag}.telemetry.${agent.name}`, body, { headers: h });
    // An agent that resends after a lost answer: the same batch ids again.
    for (const body of bodies.slice(0, 20)) await js.publish(`ic-scale-${tag}.telemetry.${agent.name}`, body, { headers: h });

    // Instance B joins the same durable consumer.
    stops.push(await startNatsConsumer(NATS_URL, config));
    const committed = () => prisma.telemetryBatch.count({ where: { agentId: agent.id } });
    await until(async () => (await committed()) >= 30, 60_000, "the first batches to commit");
    a.child.kill("SIGKILL");
    await a.exited;
    const atKill = await committed();

    const jsm = await jetstreamManager(nc);
    await until(
      async () => {
        const info = await jsm.consumers.info(config.stream, config.durable);
        return info.num_pending === 0 && info.num_ack_pending === 0 && (await committed()) === BATCHES;
      },
      90_000,
      "instance B to finish the stream",
    );
    const info = await jsm.consumers.info(config.stream, config.durable);
    const [{ delivered }] = await prisma.$queryRaw<{ delivered: bigint }[]>`
      SELECT coalesce(sum(delivered), 0)::bigint AS delivered FROM flow_metric_minute WHERE flow_id = ANY(${flows}::uuid[])`;
    expect(atKill).toBeLessThan(BATCHES); // the kill came mid-stream
    // Instance A died holding messages it had not acknowledged: JetStream delivered more times than it holds messages.
    expect(info.delivered.consumer_seq).toBeGreaterThan(BATCHES + 20);
    expect(await committed()).toBe(BATCHES);
    expect(Number(delivered)).toBe(BATCHES * PER_BATCH); // none lost, none doubled (the 20 resent batches counted once)
    expect((await jsm.streams.info(config.stream)).state.messages).toBe(0);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)("live board events across instances", () => {
  it("shows a browser on instance B the incident that instance A's evaluation opened", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `relay-${randomUUID().slice(0, 8)}`, systemIds: [estate.systems.A.id], flowIds: [] });
    const agent = { actor: null, requestId: "test", via: "agent" as const, agent: await authenticateAgent(token) };
    const flowId = estate.flows.a1E.id;
    const m = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * MINUTE;
    const point = (start: number, lagSeconds: number) => ({ flowId, windowStart: new Date(start).toISOString(), windowEnd: new Date(start + MINUTE).toISOString(), delivered: 100, failed: 0, lagSeconds });
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: [point(m, 5), point(m + MINUTE, 2000)] });
    await evaluateHealth(systemCtx("test"), new Date(m + 30_000)); // healthy before the lagging minute

    // Instance B: relaying events over LISTEN/NOTIFY, with a browser's event stream open.
    const stopRelay = await startEventRelay(databaseUrl());
    const abort = new AbortController();
    const viewer = await actAs(database(), "ARCHITECT");
    const reader = healthEventStream(viewer, abort.signal).body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = "";
    const reading = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        received += value;
      }
    })();
    try {
      const a = await startInstanceA({ INSTANCE_ROLE: "evaluate", INSTANCE_NOW: new Date(m + MINUTE + 30_000).toISOString(), LOG_LEVEL: "warn" });
      expect(a.line).toMatchObject({ done: true, result: { incidentsOpened: expect.any(Number) } });
      expect((a.line.result as { incidentsOpened: number }).incidentsOpened).toBeGreaterThanOrEqual(1);
      await until(async () => received.includes(flowId), 10_000, "instance B's event stream to hear of the evaluation");
      const event = received.split("\n\n").find((e) => e.includes(flowId))!;
      expect(event).toContain("event: health");
      expect(JSON.parse(event.split("data: ")[1])).toMatchObject({ type: "evaluation", changed: expect.arrayContaining([flowId]) });
      // What the board refetches on that event, read on instance B.
      const open = await listIncidents(viewer, { flowId, kind: "SLA_BREACH", state: "OPEN", limit: 10 });
      expect(open).toHaveLength(1);
    } finally {
      abort.abort();
      await reading.catch(() => undefined);
      await stopRelay();
    }
  });
});
