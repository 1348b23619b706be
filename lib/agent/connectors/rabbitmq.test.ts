// Against the real RabbitMQ on this machine (127.0.0.1:5672, guest/guest); each test declares its own queues.
// The management plugin is not enabled here, so the management-API path is tested against a small HTTP server
// that answers like /api/queues/{vhost}/{name} (the fields documented by RabbitMQ's HTTP API).
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rabbitmqConnector } from "./rabbitmq";

const AMQP_URL = process.env.RABBITMQ_TEST_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const FLOW = "6a3c55d4-2f25-4c1c-9d0a-7c1b7d3f9a02";

let connection: ChannelModel;
let channel: Channel;
const queues: string[] = [];

beforeAll(async () => {
  connection = await amqp.connect(AMQP_URL);
  channel = await connection.createChannel();
});

afterAll(async () => {
  for (const q of queues) await channel.deleteQueue(q).catch(() => undefined);
  await connection?.close();
});

async function declare() {
  const id = randomBytes(4).toString("hex");
  const queue = `agent-test.${id}`;
  const dlq = `${queue}.dlq`;
  queues.push(queue, dlq);
  await channel.assertQueue(dlq, { autoDelete: false });
  await channel.assertQueue(queue, { autoDelete: false, arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dlq } });
  return { queue, dlq };
}

const window = (end: number) => ({ start: end - 1000, end });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("RabbitMQ connector over AMQP", () => {
  it("reports drained messages, dead-lettered ones, and how long ready messages sat with no consumer", async () => {
    const { queue, dlq } = await declare();
    const connector = rabbitmqConnector({ name: "mq", kind: "rabbitmq", url: AMQP_URL, queues: [{ queue, deadLetterQueue: dlq, flowId: FLOW }] });
    try {
      for (let i = 0; i < 5; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
      await sleep(200);
      let t = Date.now();
      expect(await connector.collect(window(t), t)).toEqual([]); // baseline: 5 ready, no consumer
      await sleep(1100);
      t = Date.now();
      const [stalled] = await connector.collect(window(t), t);
      expect(stalled).toMatchObject({ flowId: FLOW, delivered: 0, failed: 0, notMeasured: ["delivered", "latency"] });
      expect(stalled.lagSeconds).toBeGreaterThanOrEqual(1);

      // A consumer takes 3 and rejects 1 (dead-lettered), leaving 1 ready.
      for (let i = 0; i < 4; i++) {
        const m = await channel.get(queue, { noAck: false });
        if (!m) throw new Error("expected a message");
        if (i === 3) channel.nack(m, false, false);
        else channel.ack(m);
      }
      await sleep(200);
      t = Date.now();
      const [drained] = await connector.collect(window(t), t);
      // Dead-lettered is failed; without the management API the delivered count is a lower bound, and says so.
      expect(drained).toMatchObject({ delivered: 3, failed: 1, deadLettered: 1, notMeasured: ["delivered", "latency"] });
      expect(connector.status()).toEqual({ name: "mq", kind: "rabbitmq", status: "OK" });
    } finally {
      await connector.close();
    }
  });

  it("reports no lag figure while a consumer is attached, and 0 once the queue is empty", async () => {
    const { queue } = await declare();
    const connector = rabbitmqConnector({ name: "mq", kind: "rabbitmq", url: AMQP_URL, queues: [{ queue, flowId: FLOW }] });
    const consumerChannel = await connection.createChannel();
    try {
      await consumerChannel.prefetch(1);
      const { consumerTag } = await consumerChannel.consume(queue, () => undefined); // takes one, never acks
      for (let i = 0; i < 3; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
      await sleep(200);
      await connector.collect(window(Date.now()), Date.now());
      const [held] = await connector.collect(window(Date.now()), Date.now());
      expect(held.lagSeconds).toBeUndefined();
      await consumerChannel.cancel(consumerTag);
      await consumerChannel.close(); // the unacked one returns to the queue
      await channel.purgeQueue(queue);
      await sleep(100);
      const [empty] = await connector.collect(window(Date.now()), Date.now());
      expect(empty.lagSeconds).toBe(0);
    } finally {
      await connector.close();
    }
  });

  it("reports a missing queue as a connector error and keeps reading the others", async () => {
    const { queue } = await declare();
    const connector = rabbitmqConnector({
      name: "mq",
      kind: "rabbitmq",
      url: AMQP_URL,
      queues: [
        { queue: `agent-test.missing.${randomBytes(3).toString("hex")}`, flowId: FLOW },
        { queue, flowId: FLOW },
      ],
    });
    try {
      await connector.collect(window(Date.now()), Date.now());
      const readings = await connector.collect(window(Date.now()), Date.now());
      expect(readings).toHaveLength(1);
      expect(connector.status()).toMatchObject({ status: "ERROR", error: expect.stringContaining("agent-test.missing") });
    } finally {
      await connector.close();
    }
  });
});

describe("RabbitMQ connector with the management API", () => {
  it("turns message_stats counters into exact per-window figures and uses the head message's timestamp for lag", async () => {
    const state = {
      "orders.settle": { messages_ready: 2, consumers: 1, head_message_timestamp: 0, message_stats: { ack: 100, deliver_no_ack: 0, redeliver: 3, publish: 110 } },
      "orders.settle.dlq": { messages_ready: 1, consumers: 0, message_stats: { publish: 1 } },
    };
    const seen: { path: string; auth?: string }[] = [];
    const server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? "", auth: req.headers.authorization });
      const name = decodeURIComponent((req.url ?? "").split("/").pop() ?? "") as keyof typeof state;
      res.writeHead(state[name] ? 200 : 404, { "content-type": "application/json" }).end(JSON.stringify(state[name] ?? { error: "Object Not Found" }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const managementUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const connector = rabbitmqConnector({
      name: "mq",
      kind: "rabbitmq",
      url: "amqp://monitor:s3cret@127.0.0.1:5672/prod",
      managementUrl,
      queues: [{ queue: "orders.settle", deadLetterQueue: "orders.settle.dlq", flowId: FLOW }],
    });
    try {
      const t0 = Date.now();
      await connector.collect(window(t0), t0);
      state["orders.settle"].message_stats = { ack: 160, deliver_no_ack: 0, redeliver: 5, publish: 175 };
      state["orders.settle"].head_message_timestamp = Math.floor(t0 / 1000) - 42;
      state["orders.settle.dlq"].message_stats = { publish: 4 };
      const [reading] = await connector.collect(window(t0 + 1000), t0 + 1000);
      expect(reading).toMatchObject({ flowId: FLOW, delivered: 60, retried: 2, failed: 3, deadLettered: 3 });
      expect(reading.lagSeconds).toBeGreaterThanOrEqual(42);
      expect(reading.lagSeconds).toBeLessThan(45);
      expect(seen[0]).toEqual({ path: "/api/queues/prod/orders.settle", auth: `Basic ${Buffer.from("monitor:s3cret").toString("base64")}` });
    } finally {
      await connector.close();
      server.close();
    }
  });
});
