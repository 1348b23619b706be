// Against the real RabbitMQ on this machine (127.0.0.1:5672, guest/guest), without the management plugin. The firehose
// is a broker feature switched on per vhost with rabbitmqctl; these tests make their own vhost with tracing on.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import { promisify } from "node:util";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rabbitmqConnector } from "./rabbitmq";

const run = promisify(execFile);
const FLOW = "6a3c55d4-2f25-4c1c-9d0a-7c1b7d3f9a03";
const HOST = process.env.RABBITMQ_TEST_HOST ?? "guest:guest@127.0.0.1:5672";
const VHOST = `agent-firehose-${randomBytes(3).toString("hex")}`;
const ctl = (...args: string[]) => run("rabbitmqctl", args, { timeout: 60_000 });
const hasCtl = await run("rabbitmqctl", ["--help"], { timeout: 60_000 }).then(
  () => true,
  (error: { code?: unknown }) => error.code !== "ENOENT",
);

let connection: ChannelModel;
let channel: Channel;

beforeAll(async () => {
  if (!hasCtl) return;
  await ctl("add_vhost", VHOST);
  await ctl("set_permissions", "-p", VHOST, "guest", ".*", ".*", ".*");
  await ctl("trace_on", "-p", VHOST);
  connection = await amqp.connect(`amqp://${HOST}/${VHOST}`);
  channel = await connection.createChannel();
}, 120_000);

afterAll(async () => {
  if (!hasCtl) return;
  await connection?.close().catch(() => undefined);
  await ctl("delete_vhost", VHOST).catch(() => undefined);
}, 60_000);

async function declare(ch: Channel) {
  const queue = `orders.${randomBytes(3).toString("hex")}`;
  const dlq = `${queue}.dlq`;
  await ch.assertQueue(dlq);
  await ch.assertQueue(queue, { arguments: { "x-dead-letter-exchange": "", "x-dead-letter-routing-key": dlq } });
  return { queue, dlq };
}

const window = (end: number) => ({ start: end - 1000, end });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function take(ch: Channel, queue: string) {
  const m = await ch.get(queue, { noAck: false });
  if (!m) throw new Error("expected a message");
  return m;
}

describe.skipIf(!hasCtl)("RabbitMQ connector with the firehose (no management plugin)", () => {
  it("counts deliveries exactly even when messages are published and consumed within one window", async () => {
    const { queue, dlq } = await declare(channel);
    const connector = rabbitmqConnector({ name: "mq", kind: "rabbitmq", url: `amqp://${HOST}/${VHOST}`, firehose: true, queues: [{ queue, deadLetterQueue: dlq, flowId: FLOW }] });
    try {
      expect(await connector.collect(window(Date.now()), Date.now())).toEqual([]); // baseline: empty queue
      for (let i = 0; i < 6; i++) channel.sendToQueue(queue, Buffer.from(`m${i}`));
      await sleep(200);
      const taken = [];
      for (let i = 0; i < 6; i++) taken.push(await take(channel, queue));
      taken.slice(0, 4).forEach((m) => channel.ack(m));
      channel.nack(taken[4], false, true); // requeued, delivered again below
      channel.nack(taken[5], false, false); // dead-lettered
      channel.ack(await take(channel, queue));
      await sleep(300);
      const [reading] = await connector.collect(window(Date.now()), Date.now());
      // The queue is empty again, so its depth alone would say nothing was delivered.
      expect(reading).toMatchObject({ flowId: FLOW, delivered: 5, failed: 1, deadLettered: 1, retried: 1, notMeasured: ["latency"] });
      expect(connector.status()).toEqual({ name: "mq", kind: "rabbitmq", status: "OK" });
    } finally {
      await connector.close();
    }
  });

  it("says tracing is off and reports the lower bound as not exact when the vhost's firehose is silent", async () => {
    const plain = await amqp.connect(`amqp://${HOST}/`);
    const ch = await plain.createChannel();
    const { queue, dlq } = await declare(ch);
    const connector = rabbitmqConnector({ name: "mq", kind: "rabbitmq", url: `amqp://${HOST}/`, firehose: true, queues: [{ queue, deadLetterQueue: dlq, flowId: FLOW }] });
    try {
      for (let i = 0; i < 3; i++) ch.sendToQueue(queue, Buffer.from(`m${i}`));
      await sleep(200);
      await connector.collect(window(Date.now()), Date.now());
      for (let i = 0; i < 3; i++) ch.ack(await take(ch, queue));
      await sleep(300);
      const [reading] = await connector.collect(window(Date.now()), Date.now());
      expect(reading).toMatchObject({ delivered: 3, notMeasured: ["delivered", "latency"] });
      expect(connector.status()).toMatchObject({ status: "ERROR", error: expect.stringContaining("trace_on") });
    } finally {
      await connector.close();
      await ch.deleteQueue(queue);
      await ch.deleteQueue(dlq);
      await plain.close();
    }
  });
});
