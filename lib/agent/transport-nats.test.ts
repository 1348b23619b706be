// The agent publishing telemetry to the real NATS JetStream on this machine, consumed by the portal's own
// JetStream consumer (lib/health/nats.ts) into the test database.
import { randomUUID } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { jetstreamManager } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { afterAll, describe, expect, it } from "vitest";
import { createAgent } from "@/lib/agents/data";
import { startNatsConsumer } from "@/lib/health/nats";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { Agent } from "./agent";
import { parseAgentConfig } from "./config";
import type { Connector } from "./connectors/types";
import { defaultTelemetrySubject, natsTelemetryTransport } from "./transport-nats";

const NATS_URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const database = setupTestDatabase();
const tag = randomUUID().slice(0, 8);
const serverSide = { stream: `IC_AGENT_TEST_${tag}`, subject: `ic-agent-${tag}.telemetry.>`, durable: `ingest-${tag}` };

afterAll(async () => {
  const nc = await connect({ servers: NATS_URL });
  await (await jetstreamManager(nc)).streams.delete(serverSide.stream).catch(() => undefined);
  await nc.close();
});

describe("telemetry over NATS JetStream", () => {
  it("names the subject after the host by default", () => {
    expect(defaultTelemetrySubject("edge-01.dc2.example.com")).toBe("interchange.telemetry.edge-01_dc2_example_com");
  });

  it("publishes batches that the portal's consumer ingests, each counted once even when published again", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `nats-agent-${tag}`, systemIds: [], flowIds: [estate.flows.a1B.id] });
    const stop = await startNatsConsumer(NATS_URL, serverSide);
    let n = 0;
    const connector: Connector = {
      name: "fixed",
      kind: "test",
      collect: async () => [{ flowId: estate.flows.a1B.id, delivered: (n += 10), failed: 1 }],
      status: () => ({ name: "fixed", kind: "test", status: "OK" }),
      close: async () => undefined,
    };
    const bufferDir = await mkdtemp(path.join(os.tmpdir(), "agent-nats-"));
    const config = parseAgentConfig(`portal:
  url: http://127.0.0.1:9
  token: ${token}
  nats: { servers: ["${NATS_URL}"], subject: ic-agent-${tag}.telemetry.edge-1 }
interval: 1s
bufferDir: ${bufferDir}
connectors: [{ name: x, kind: http, targets: [{ url: "http://127.0.0.1:9/", flowId: f }] }]
`);
    const nats = config.portal.nats!;
    const transport = natsTelemetryTransport({ ...nats, token, timeoutMs: 5000 }, { heartbeat: async () => undefined });
    const agent = new Agent({ config, transport, version: "test", connectors: [connector] });
    try {
      await agent.open();
      const minute = Math.floor(Date.now() / 60_000) * 60_000;
      await agent.tick(minute + 1000);
      await agent.tick(minute + 2000);
      expect(await agent.flush()).toBe(2);
      // A retry of a batch the stream already has (say the publish ack was lost): stored once, counted once.
      const again = await transport.sendBatch({
        batchId: "retry-" + tag,
        measurements: [{ flowId: estate.flows.a1B.id, windowStart: new Date(minute).toISOString(), windowEnd: new Date(minute + 1000).toISOString(), delivered: 5, failed: 0 }],
      });
      const twice = await transport.sendBatch({
        batchId: "retry-" + tag,
        measurements: [{ flowId: estate.flows.a1B.id, windowStart: new Date(minute).toISOString(), windowEnd: new Date(minute + 1000).toISOString(), delivered: 5, failed: 0 }],
      });
      expect([again.duplicate, twice.duplicate]).toEqual([false, true]);

      const deadline = Date.now() + 20_000;
      let sum = { delivered: 0n, failed: 0n };
      while (Date.now() < deadline) {
        const agg = await prisma.flowMetricMinute.aggregate({ where: { flowId: estate.flows.a1B.id }, _sum: { delivered: true, failed: true } });
        sum = { delivered: agg._sum.delivered ?? 0n, failed: agg._sum.failed ?? 0n };
        if (sum.delivered >= 35n) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(sum).toEqual({ delivered: 35n, failed: 2n }); // 10 + 20 from the agent, 5 once from the retry
      expect(await prisma.telemetryBatch.count({ where: { agent: { name: `nats-agent-${tag}` } } })).toBe(3);
    } finally {
      await agent.stop();
      await stop();
      await rm(bufferDir, { recursive: true, force: true });
    }
  });
});
