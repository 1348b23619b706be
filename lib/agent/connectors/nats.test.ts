// Against the real NATS JetStream on this machine (127.0.0.1:4222); each test uses its own stream.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { AckPolicy, jetstream, jetstreamManager, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { NatsConnectorConfig } from "../config";
import { toMeasurement } from "../window";
import { natsConnector } from "./nats";

const NATS_URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const FLOW = "7b0c55d4-2f25-4c1c-9d0a-7c1b7d3f9a01";

let nc: NatsConnection;
let js: JetStreamClient;
let jsm: JetStreamManager;
const streams: string[] = [];

beforeAll(async () => {
  nc = await connect({ servers: NATS_URL });
  js = jetstream(nc);
  jsm = await jetstreamManager(nc);
});

afterAll(async () => {
  for (const s of streams) await jsm.streams.delete(s).catch(() => undefined);
  await nc?.drain();
});

async function setup(maxDeliver = -1) {
  const id = randomBytes(4).toString("hex");
  const stream = `AGENT_TEST_${id}`;
  streams.push(stream);
  await jsm.streams.add({ name: stream, subjects: [`agent-test.${id}.>`] });
  await jsm.consumers.add(stream, { durable_name: "billing", ack_policy: AckPolicy.Explicit, max_deliver: maxDeliver, ack_wait: 30_000_000_000 });
  const config: NatsConnectorConfig = { name: "js", kind: "nats", servers: [NATS_URL], consumers: [{ stream, consumer: "billing", flowId: FLOW }] };
  return { stream, subject: `agent-test.${id}.order`, connector: natsConnector(config), consumer: await js.consumers.get(stream, "billing") };
}

const window = (end: number) => ({ start: end - 1000, end });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("NATS JetStream connector", () => {
  it("reports finished, failed and redelivered messages per window, and the age of the oldest unacknowledged one", async () => {
    const { subject, connector, consumer } = await setup();
    try {
      expect(await connector.collect(window(Date.now()), Date.now())).toEqual([]); // baseline only
      for (let i = 0; i < 10; i++) await js.publish(subject, `order ${i}`);
      const messages = await consumer.fetch({ max_messages: 10, expires: 2000 });
      let n = 0;
      for await (const m of messages) {
        n += 1;
        if (n <= 6) m.ack();
        else if (n === 7) m.term(); // no reason: NATS 2.9 ignores "+TERM <reason>"
        else if (n === 8) m.nak(); // redelivered below
        if (n === 10) break;
      }
      const again = await consumer.next({ expires: 2000 });
      again?.ack(); // the nak'd message, second delivery
      await nc.flush();
      await sleep(1100); // the oldest unacknowledged message (9) is now over a second old
      const now = Date.now();
      const [reading] = await connector.collect(window(now), now);
      expect(reading).toMatchObject({ flowId: FLOW, delivered: 7, failed: 1, deadLettered: 0, retried: 1 });
      expect(reading.lagSeconds).toBeGreaterThanOrEqual(1);
      expect(reading.lagSeconds).toBeLessThan(30);
      expect(connector.status()).toEqual({ name: "js", kind: "nats", status: "OK" });
    } finally {
      await connector.close();
    }
  });

  it("counts messages that hit max_deliver as dead-lettered, and lag falls to 0 once all is acknowledged", async () => {
    const { subject, connector, consumer } = await setup(2);
    try {
      await connector.collect(window(Date.now()), Date.now());
      await js.publish(subject, "poison");
      await js.publish(subject, "fine");
      // poison (1st delivery), poison (2nd and last delivery), fine: nak, nak, ack
      for (let i = 0; i < 3; i++) {
        const m = await consumer.next({ expires: 1000 });
        if (m?.string() === "poison") m.nak();
        else m?.ack();
      }
      // The server gives up on the poison message when it would deliver it a third time, i.e. on the next pull.
      expect(await consumer.next({ expires: 1000 })).toBeNull();
      await nc.flush();
      await sleep(300);
      const [reading] = await connector.collect(window(Date.now()), Date.now());
      expect(reading).toMatchObject({ delivered: 1, failed: 1, deadLettered: 1, lagSeconds: 0 });
    } finally {
      await connector.close();
    }
  });

  it("counts only the subjects a filtered consumer takes", async () => {
    const id = randomBytes(4).toString("hex");
    const stream = `AGENT_TEST_${id}`;
    streams.push(stream);
    await jsm.streams.add({ name: stream, subjects: [`agent-test.${id}.>`] });
    await jsm.consumers.add(stream, { durable_name: "eu", ack_policy: AckPolicy.Explicit, filter_subject: `agent-test.${id}.eu.*` });
    const connector = natsConnector({ name: "js", kind: "nats", servers: [NATS_URL], consumers: [{ stream, consumer: "eu", flowId: FLOW }] });
    try {
      await connector.collect(window(Date.now()), Date.now());
      for (let i = 0; i < 3; i++) await js.publish(`agent-test.${id}.eu.order`, "eu");
      for (let i = 0; i < 6; i++) await js.publish(`agent-test.${id}.us.order`, "us");
      await sleep(1200);
      await js.publish(`agent-test.${id}.eu.order`, "eu, fresh");
      const consumer = await js.consumers.get(stream, "eu");
      for (let i = 0; i < 3; i++) (await consumer.next({ expires: 1000 }))?.ack();
      await nc.flush();
      await sleep(100);
      const [reading] = await connector.collect(window(Date.now()), Date.now());
      expect(reading).toMatchObject({ delivered: 3, failed: 0, retried: 0 });
      // The oldest unacknowledged message on its subjects is the fresh one, not the older "us" ones after the ack floor.
      expect(reading.lagSeconds).toBeLessThan(1);
    } finally {
      await connector.close();
    }
  });

  it("reports a missing consumer as a connector error and leaves the flow out", async () => {
    const connector = natsConnector({ name: "js", kind: "nats", servers: [NATS_URL], consumers: [{ stream: "AGENT_TEST_MISSING", consumer: "nobody", flowId: FLOW }] });
    try {
      expect(await connector.collect(window(Date.now()), Date.now())).toEqual([]);
      expect(connector.status()).toMatchObject({ status: "ERROR", error: expect.stringContaining("AGENT_TEST_MISSING/nobody") });
    } finally {
      await connector.close();
    }
  });

  it("after a restart reads its counters back from the state directory and reports what the consumer did while it was down", async () => {
    const { stream, subject, consumer } = await setup();
    const stateDir = await mkdtemp(path.join(os.tmpdir(), "nats-state-"));
    const config: NatsConnectorConfig = { name: "js", kind: "nats", servers: [NATS_URL], consumers: [{ stream, consumer: "billing", flowId: FLOW }] };
    const interval = 1000;
    const at = (end: number) => ({ start: end - interval, end });
    try {
      const before = natsConnector(config, process.env, stateDir);
      const stoppedAt = Math.floor(Date.now() / interval) * interval;
      expect(await before.collect(at(stoppedAt), stoppedAt + 10)).toEqual([]); // baseline, kept on disk
      await before.close();
      // While the agent is down: 8 published, 5 acknowledged.
      for (let i = 0; i < 8; i++) await js.publish(subject, `order ${i}`);
      const messages = await consumer.fetch({ max_messages: 5, expires: 2000 });
      for await (const m of messages) m.ack();
      await nc.flush();
      await sleep(3 * interval);
      const restarted = natsConnector(config, process.env, stateDir);
      try {
        const end = Math.floor(Date.now() / interval) * interval;
        const [reading] = await restarted.collect(at(end), end + 10);
        expect(reading).toMatchObject({ flowId: FLOW, delivered: 5, failed: 0, since: stoppedAt });
        expect(toMeasurement(reading, at(end)).windowStart).toBe(new Date(stoppedAt).toISOString());
        // The next window counts from the restarted agent's own reading again.
        const next = end + interval;
        await sleep(next + 10 - Date.now());
        const [following] = await restarted.collect(at(next), next + 10);
        expect(following).toMatchObject({ delivered: 0 });
        expect(following.since).toBeUndefined();
      } finally {
        await restarted.close();
      }
    } finally {
      await rm(stateDir, { recursive: true, force: true });
    }
  });
});
