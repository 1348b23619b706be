// "Done when": the connector agent runs against the real NATS JetStream (127.0.0.1:4222) and RabbitMQ
// (127.0.0.1:5672) on this machine, traffic flows through both, the consumers stall, and the portal's own health
// evaluation sees each flow go OK → BREACHED → OK.
//
// The portal side is real: the agent's HTTP transport posts to a node:http server in this test that hands each
// request to the portal's route handlers (app/api/v1/telemetry and app/api/v1/agents/heartbeat: agent-token
// authentication, zod parsing, ingest into the per-minute roll-ups), and the test runs evaluateHealth() on the
// test database. No fake time: the SLA's freshness limit is set low (4 s) so a stall breaches within seconds, and
// for the recovery the test waits (up to a minute) for the next minute's roll-up, since a minute's lag is the worst
// reported in that minute.
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { AckPolicy, jetstream, jetstreamManager, type Consumer, type JetStreamClient, type JetStreamManager } from "@nats-io/jetstream";
import { connect, type NatsConnection } from "@nats-io/transport-node";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAgent, getAgent } from "@/lib/agents/data";
import { evaluateHealth } from "@/lib/health/evaluate";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { Agent } from "./agent";
import { parseAgentConfig } from "./config";
import { httpTransport } from "./transport";
import type { Measurement } from "./window";

const NATS_URL = process.env.NATS_TEST_URL ?? "nats://127.0.0.1:4222";
const AMQP_URL = process.env.RABBITMQ_TEST_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const FRESHNESS_S = 4;

const database = setupTestDatabase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const minuteOf = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

async function until<T>(what: string, check: () => Promise<T | undefined | false> | T | undefined | false, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(250);
  }
}

/** The portal's HTTP surface for agents, served by its real route handlers. `down` makes it drop connections. */
async function portal() {
  const telemetry = await import("@/app/api/v1/telemetry/route");
  const heartbeat = await import("@/app/api/v1/agents/heartbeat/route");
  const handlers: Record<string, typeof telemetry.POST> = { "/api/v1/telemetry": telemetry.POST, "/api/v1/agents/heartbeat": heartbeat.POST };
  const received: Measurement[] = [];
  const state = { down: false, batches: 0 };
  const server = http.createServer((req, res) => {
    if (state.down) return void req.socket.destroy();
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const body = Buffer.concat(chunks);
      const handler = handlers[req.url ?? ""];
      if (!handler || req.method !== "POST") return void res.writeHead(404).end();
      const request = new NextRequest(new URL(req.url ?? "/", "http://portal.test"), {
        method: "POST",
        headers: Object.entries(req.headers).flatMap(([k, v]) => (typeof v === "string" ? [[k, v] as [string, string]] : [])),
        body,
      });
      const response = await handler(request, { params: Promise.resolve({}) });
      if (req.url === "/api/v1/telemetry" && response.ok) {
        state.batches += 1;
        received.push(...(JSON.parse(body.toString()) as { measurements: Measurement[] }).measurements);
      }
      res.writeHead(response.status, Object.fromEntries(response.headers)).end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    state,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A JetStream stream with a publisher and a pull consumer that acks unless stalled. Traffic starts with begin(). */
async function natsTraffic(nc: NatsConnection, js: JetStreamClient, jsm: JetStreamManager) {
  const id = randomBytes(4).toString("hex");
  const stream = `AGENT_IT_${id}`;
  await jsm.streams.add({ name: stream, subjects: [`agent-it.${id}.>`] });
  await jsm.consumers.add(stream, { durable_name: "billing", ack_policy: AckPolicy.Explicit, ack_wait: 60_000_000_000 });
  const consumer: Consumer = await js.consumers.get(stream, "billing");
  const state = { running: true, stalled: false, published: 0, acked: 0 };
  let loops: Promise<unknown> = Promise.resolve();
  return {
    stream,
    state,
    begin() {
      const publisher = (async () => {
        while (state.running) {
          await js.publish(`agent-it.${id}.order`, `order ${state.published}`);
          state.published += 1;
          await sleep(100);
        }
      })();
      const subscriber = (async () => {
        while (state.running) {
          if (state.stalled) {
            await sleep(100);
            continue;
          }
          const m = await consumer.next({ expires: 1000 });
          if (!m) continue;
          if (state.stalled) {
            m.nak(); // stalled while this one was in flight: handed back, redelivered on resume
          } else {
            m.ack();
            state.acked += 1;
          }
        }
      })();
      loops = Promise.all([publisher, subscriber]);
    },
    async stop() {
      state.running = false;
      await loops;
      await nc.flush();
    },
    remove: () => jsm.streams.delete(stream).catch(() => undefined),
  };
}

/** A RabbitMQ queue with a publisher and a consumer that can be cancelled (stall) and started again. */
async function rabbitTraffic(connection: ChannelModel) {
  const queue = `agent-it.${randomBytes(4).toString("hex")}`;
  const publish: Channel = await connection.createChannel();
  const consume: Channel = await connection.createChannel();
  await publish.assertQueue(queue, { durable: false });
  const state = { running: true, consumerTag: undefined as string | undefined, acked: 0 };
  let publisher: Promise<void> = Promise.resolve();
  const resume = async () => {
    state.consumerTag = (
      await consume.consume(queue, (m) => {
        if (!m) return;
        consume.ack(m);
        state.acked += 1;
      })
    ).consumerTag;
  };
  return {
    queue,
    state,
    async begin() {
      await resume();
      publisher = (async () => {
        while (state.running) {
          publish.sendToQueue(queue, Buffer.from("payment"));
          await sleep(100);
        }
      })();
    },
    stall: async () => {
      await consume.cancel(state.consumerTag as string);
      state.consumerTag = undefined;
    },
    resume,
    async stop() {
      state.running = false;
      await publisher;
    },
    async remove() {
      await publish.deleteQueue(queue).catch(() => undefined);
      await publish.close().catch(() => undefined);
      await consume.close().catch(() => undefined);
    },
  };
}

describe("connector agent against real NATS JetStream and RabbitMQ, judged by the portal", () => {
  let nc: NatsConnection;
  let amqpConnection: ChannelModel;
  let bufferDir: string;
  beforeAll(async () => {
    nc = await connect({ servers: NATS_URL });
    amqpConnection = await amqp.connect(AMQP_URL);
    bufferDir = await mkdtemp(path.join(os.tmpdir(), "agent-it-"));
  });
  afterAll(async () => {
    await nc?.drain();
    await amqpConnection?.close();
    await rm(bufferDir, { recursive: true, force: true });
  });

  it("sees each flow go OK → BREACHED on a consumer stall → OK after the consumer resumes, with nothing lost across a portal outage", { timeout: 240_000 }, async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    // The flows' contracts: an ACTIVE contract on each producer interface with a 4 s freshness SLA.
    await prisma.dataContract.update({ where: { id: estate.contracts.b1.id }, data: { sla: { freshnessMaxLagSeconds: FRESHNESS_S } } });
    await prisma.dataContract.create({
      data: { interfaceId: estate.ifaces.a1.id, version: "1.0.0", status: "ACTIVE", schemaFormat: "JSON_SCHEMA", schema: "{}", sla: { freshnessMaxLagSeconds: FRESHNESS_S } },
    });
    const natsFlow = estate.flows.b1C.id;
    const rabbitFlow = estate.flows.a1B.id;
    const admin = await actAs(database(), "ADMIN");
    const registered = await createAgent(admin, { name: `broker-agent-${estate.tag}`, systemIds: [], flowIds: [natsFlow, rabbitFlow] });

    const js = jetstream(nc);
    const jsm = await jetstreamManager(nc);
    const orders = await natsTraffic(nc, js, jsm);
    const payments = await rabbitTraffic(amqpConnection);
    const server = await portal();
    const config = parseAgentConfig(`
portal:
  url: ${server.url}
  token: ${registered.token}
interval: 1s
heartbeatInterval: 2s
bufferDir: ${bufferDir}
connectors:
  - name: orders-js
    kind: nats
    servers: [${NATS_URL}]
    consumers:
      - { stream: ${orders.stream}, consumer: billing, flowId: ${natsFlow} }
  - name: payments-mq
    kind: rabbitmq
    url: ${AMQP_URL}
    queues:
      - { queue: ${payments.queue}, flowId: ${rabbitFlow} }
`);
    const agent = new Agent({
      config,
      transport: httpTransport({ url: config.portal.url, token: registered.token, timeoutMs: 5000, userAgent: "agent-it" }),
      version: "it",
      backoff: { baseMs: 200, maxMs: 1000 },
    });
    const status = async (flowId: string) => (await prisma.flowHealth.findUnique({ where: { flowId } }))?.status;
    const evaluate = async () => {
      await evaluateHealth(admin, new Date());
      return { nats: await status(natsFlow), rabbit: await status(rabbitFlow) };
    };
    const reports = (flowId: string) => server.received.filter((m) => m.flowId === flowId);

    try {
      await agent.open();
      await agent.tick(); // the counters' baseline, before any traffic
      await agent.start();
      orders.begin();
      await payments.begin();

      // 1. Traffic flows; both consumers keep up.
      await until("measurements with traffic for both flows", () =>
        [natsFlow, rabbitFlow].every((f) => reports(f).filter((m) => m.lagSeconds !== undefined).length >= 3) && reports(natsFlow).some((m) => m.delivered > 0),
      );
      expect(await evaluate()).toEqual({ nats: "OK", rabbit: "OK" });
      const registeredAgent = await until("a heartbeat", async () => {
        const a = await getAgent(admin, registered.id);
        return a.connectors.length === 2 && a;
      });
      expect(registeredAgent).toMatchObject({ version: "it", status: "ONLINE" });
      expect(registeredAgent.connectors).toEqual([
        { name: "orders-js", kind: "nats", status: "OK" },
        { name: "payments-mq", kind: "rabbitmq", status: "OK" },
      ]);

      // 2. Both consumers stall; messages keep coming. The portal sees the lag pass the SLA's 4 s.
      orders.state.stalled = true;
      await payments.stall();
      const breached = await until("both flows BREACHED", async () => {
        const s = await evaluate();
        return s.nats === "BREACHED" && s.rabbit === "BREACHED" && s;
      });
      expect(breached).toEqual({ nats: "BREACHED", rabbit: "BREACHED" });
      const health = await prisma.flowHealth.findUniqueOrThrow({ where: { flowId: natsFlow } });
      expect(health.reasons.join()).toMatch(/lag [\d.]+ s is over the SLA's 4 s/);
      const open = await prisma.incident.findMany({ where: { flowId: { in: [natsFlow, rabbitFlow] }, state: "OPEN", kind: "SLA_BREACH" } });
      expect(open.map((i) => i.flowId).sort()).toEqual([natsFlow, rabbitFlow].sort());

      // 3. The consumers resume and catch up, while the portal is unreachable for a few seconds: the agent
      //    keeps its batches on disk and sends them, in order, when the portal is back.
      server.state.down = true;
      orders.state.stalled = false;
      await payments.resume();
      await sleep(3000);
      expect(agent.backlog).toBeGreaterThan(0);
      server.state.down = false;
      const lastHighLagMinute = (flowId: string) => Math.max(...reports(flowId).filter((m) => (m.lagSeconds ?? 0) > FRESHNESS_S * 0.8).map((m) => minuteOf(m.windowStart)));
      const recovered = await until(
        "caught-up reports in a minute after the stall, and both flows OK",
        async () => {
          const caughtUp = [natsFlow, rabbitFlow].every((f) => reports(f).some((m) => m.lagSeconds === 0 && minuteOf(m.windowStart) > lastHighLagMinute(f)));
          if (!caughtUp) return false;
          const s = await evaluate();
          return s.nats === "OK" && s.rabbit === "OK" && s;
        },
        90_000,
      );
      expect(recovered).toEqual({ nats: "OK", rabbit: "OK" });
      expect(await prisma.incident.count({ where: { flowId: { in: [natsFlow, rabbitFlow] }, state: "OPEN", kind: "SLA_BREACH" } })).toBe(0);
      const windows = server.received.map((m) => Date.parse(m.windowStart));
      expect(windows).toEqual([...windows].sort((a, b) => a - b)); // sent in order, across the outage

      // 4. Nothing lost or counted twice: once traffic stops and the agent has sent its last window, the portal's
      //    roll-ups hold exactly the messages the NATS consumer acknowledged.
      await orders.stop();
      await payments.stop();
      const ackedByConsumer = orders.state.acked;
      await sleep(2200);
      await agent.tick();
      await agent.flush();
      const rolledUp = await prisma.flowMetricMinute.aggregate({ where: { flowId: natsFlow }, _sum: { delivered: true } });
      expect(Number(rolledUp._sum.delivered)).toBe(ackedByConsumer);
    } finally {
      await agent.stop();
      await orders.stop();
      await payments.stop();
      await orders.remove();
      await payments.remove();
      await server.close();
    }
  });
});
