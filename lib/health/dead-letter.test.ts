// Against the real RabbitMQ on this machine (127.0.0.1:5672, guest/guest, no management plugin): what the agent's
// AMQP-only connector reports goes through ingest and evaluation like production telemetry.
import { randomBytes, randomUUID } from "node:crypto";
import amqp from "amqplib";
import { describe, expect, it } from "vitest";
import { rabbitmqConnector } from "@/lib/agent/connectors/rabbitmq";
import { toMeasurement } from "@/lib/agent/window";
import { authenticateAgent, createAgent } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { systemCtx } from "@/lib/auth/require";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { evaluateHealth } from "./evaluate";
import { ingestTelemetry } from "./ingest";
import { getFlowHealth } from "./read";

const AMQP_URL = process.env.RABBITMQ_TEST_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const database = setupTestDatabase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("RabbitMQ without the management plugin", () => {
  it("counts dead-lettered messages as failures, so DLQ growth lowers delivery success, and says what it cannot measure", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const flowId = estate.flows.b1C.id;
    await database().prisma.dataContract.update({ where: { id: estate.contracts.b1.id }, data: { sla: { deliverySuccessPct: 99, latencyP95Ms: 500 } } });
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `rabbit-${estate.tag}`, systemIds: [], flowIds: [flowId] });
    const agent: Ctx = { actor: null, requestId: "t", via: "agent", agent: await authenticateAgent(token) };

    const connection = await amqp.connect(AMQP_URL);
    const channel = await connection.createChannel();
    const queue = `health-dlq.${randomBytes(4).toString("hex")}`;
    const dlq = `${queue}.dlq`;
    await channel.assertQueue(dlq, { autoDelete: false });
    await channel.assertQueue(queue, { autoDelete: false, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dlq } });
    const connector = rabbitmqConnector({ name: "mq", kind: "rabbitmq", url: AMQP_URL, queues: [{ queue, deadLetterQueue: dlq, flowId }] });
    try {
      for (let i = 0; i < 10; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
      await sleep(200);
      const end = Math.floor(Date.now() / 15_000) * 15_000;
      await connector.collect({ start: end - 30_000, end: end - 15_000 }, Date.now()); // baseline
      for (let i = 0; i < 10; i++) {
        const m = await channel.get(queue, { noAck: false });
        if (!m) throw new Error("expected a message");
        if (i < 3) channel.nack(m, false, false);
        else channel.ack(m);
      }
      await sleep(200);
      const window = { start: end - 15_000, end };
      const readings = await connector.collect(window, Date.now());
      expect(readings).toEqual([expect.objectContaining({ delivered: 7, failed: 3, deadLettered: 3 })]);

      await ingestTelemetry(agent, { batchId: randomUUID(), measurements: readings.map((r) => toMeasurement(r, window)) });
      await evaluateHealth(systemCtx("test"), new Date(end + 5_000));
      const health = await getFlowHealth(systemCtx("test"), flowId);
      expect(health.sli).toMatchObject({ successPct5m: 70, notMeasured: ["latency", "delivered"] });
      expect(health.status).not.toBe("OK");
      expect((health.sli.unjudged as string[]).join()).toMatch(/latency SLA: the connector reporting this flow cannot measure latency/);
    } finally {
      await connector.close();
      await channel.deleteQueue(queue).catch(() => undefined);
      await channel.deleteQueue(dlq).catch(() => undefined);
      await connection.close();
    }
  });
});
