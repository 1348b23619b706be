import { randomUUID } from "node:crypto";
import { jetstream, jetstreamManager } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/data";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { natsTelemetryConfig, startNatsConsumer } from "./nats";

// The real NATS JetStream server on this machine (NATS_TEST_URL to point elsewhere).
const NATS_URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const reachable = await connect({ servers: NATS_URL, timeout: 1000 }).then(
  async (nc) => (await nc.close(), true),
  () => false,
);

const database = setupTestDatabase();

describe.skipIf(!reachable)("telemetry over NATS JetStream", () => {
  const tag = randomUUID().slice(0, 8);
  const config = { ...natsTelemetryConfig({}), stream: `IC_TEST_${tag}`, subject: `ic-test-${tag}.telemetry.>`, durable: `ingest-${tag}` };
  let nc: NatsConnection;
  let stop: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
  });
  afterAll(async () => {
    await stop?.();
    const jsm = await jetstreamManager(nc);
    await jsm.streams.delete(config.stream).catch(() => undefined);
    await nc.close();
  });

  it("ingests published batches once each, acknowledges them after commit, and terminates ones with a bad token", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token, agent } = await createAgent(admin, { name: `nats-${tag}`, systemIds: [estate.systems.A.id], flowIds: [] });
    stop = await startNatsConsumer(NATS_URL, config);

    const js = jetstream(nc);
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 60_000;
    const batch = (delivered: number) => ({
      batchId: randomUUID(),
      measurements: [{ flowId: estate.flows.a1B.id, windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 60_000).toISOString(), delivered, failed: 0 }],
    });
    const publish = (body: unknown, bearer = token) => {
      const h = headers();
      h.set("Authorization", `Bearer ${bearer}`);
      return js.publish(`ic-test-${tag}.telemetry.${agent.name}`, JSON.stringify(body), { headers: h });
    };
    const first = batch(10);
    await publish(first);
    await publish(first); // redelivered or re-sent: the batchId makes it count once
    await publish(batch(5));
    await publish(batch(1000), "ica_not-a-real-token");

    const deadline = Date.now() + 20_000;
    let delivered = 0n;
    while (Date.now() < deadline) {
      const row = await prisma.flowMetricMinute.findFirst({ where: { flowId: estate.flows.a1B.id } });
      delivered = row?.delivered ?? 0n;
      const info = await (await jetstreamManager(nc)).consumers.info(config.stream, config.durable);
      if (delivered === 15n && info.num_pending === 0 && info.num_ack_pending === 0) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(delivered).toBe(15n);
    const info = await (await jetstreamManager(nc)).consumers.info(config.stream, config.durable);
    expect(info).toMatchObject({ num_pending: 0, num_ack_pending: 0 });
    expect(await prisma.telemetryBatch.count({ where: { agentId: agent.id } })).toBe(2);
    // Messages carry bearer tokens: the stream deletes them once handled and keeps none beyond 24 h or 1 GiB.
    const stream = await (await jetstreamManager(nc)).streams.info(config.stream);
    expect(stream.config).toMatchObject({ retention: "workqueue", max_age: 24 * 3600 * 1e9, max_bytes: 1024 ** 3 });
    expect(stream.state.messages).toBe(0);
  });
});

describe("telemetry stream limits", () => {
  it("are configurable by environment, with 24 h and 1 GiB by default", () => {
    expect(natsTelemetryConfig({})).toMatchObject({ maxAgeHours: 24, maxBytes: 1024 ** 3 });
    expect(natsTelemetryConfig({ NATS_TELEMETRY_MAX_AGE_HOURS: "2", NATS_TELEMETRY_MAX_BYTES: "1000000" })).toMatchObject({ maxAgeHours: 2, maxBytes: 1_000_000 });
    expect(natsTelemetryConfig({ NATS_TELEMETRY_MAX_AGE_HOURS: "-1" }).maxAgeHours).toBe(24);
    // How soon a dead instance's messages go to another one.
    expect(natsTelemetryConfig({}).ackWaitSeconds).toBe(60);
    expect(natsTelemetryConfig({ NATS_TELEMETRY_ACK_WAIT_SECONDS: "5" }).ackWaitSeconds).toBe(5);
    expect(natsTelemetryConfig({}).concurrency).toBe(4);
    expect(natsTelemetryConfig({ NATS_TELEMETRY_CONCURRENCY: "1000" }).concurrency).toBe(32);
  });
});
