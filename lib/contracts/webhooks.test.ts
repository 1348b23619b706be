import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { attemptDelivery, claimDueDeliveries, postWebhook, runDueDeliveries } from "./delivery";
import { startDeliveryWorker } from "./delivery-worker";
import { verifySignature } from "./signature";
import { guardedLookup } from "./url-guard";
import { getWebhook, pingWebhook, putWebhook } from "./webhooks";
import { proposeContract } from "./workflow";

const database = setupTestDatabase();

type Received = { headers: IncomingHttpHeaders; body: string };

describe("team webhooks", () => {
  let server: Server;
  let url = "";
  const received: Received[] = [];
  let answer = 500;

  beforeAll(async () => {
    process.env.WEBHOOK_ALLOW_PRIVATE = "1";
    server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => (body += chunk));
      req.on("end", () => {
        received.push({ headers: req.headers, body });
        res.writeHead(answer).end();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
  });
  afterAll(() => {
    delete process.env.WEBHOOK_ALLOW_PRIVATE;
    server.close();
  });

  it("sends each review request to the consuming team's webhook, signed, and logs failures for retry", async () => {
    const prisma = database().prisma;
    const producerTeam = await prisma.team.create({ data: { slug: "wh-producer", name: "WH Producer" } });
    const consumerTeam = await prisma.team.create({ data: { slug: "wh-consumer", name: "WH Consumer" } });
    const gateway = await prisma.system.create({ data: { slug: "wh-gw", name: "WH gateway", ownerTeamId: producerTeam.id } });
    const app = await prisma.system.create({ data: { slug: "wh-app", name: "WH app", ownerTeamId: consumerTeam.id } });
    const iface = await prisma.interface.create({ data: { slug: "wh-events", name: "wh.events", systemId: gateway.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT" } });
    await prisma.flow.create({ data: { name: "wh flow", interfaceId: iface.id, consumerSystemId: app.id, style: "EVENT" } });

    const consumer = await actAs(database(), "MEMBER", [consumerTeam.id]);
    const outsider = await actAs(database(), "MEMBER");
    await expect(putWebhook(outsider, consumerTeam.id, { url, active: true, rotateSecret: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const hook = await putWebhook(consumer, consumerTeam.id, { url, active: true, rotateSecret: false });
    expect(hook.secret).toMatch(/^whsec_/);
    expect((await prisma.auditEvent.findFirst({ where: { action: "webhook.create", entityId: consumerTeam.id } }))?.after).toMatchObject({ url, secretRotated: true });

    answer = 503;
    const producer = await actAs(database(), "MEMBER", [producerTeam.id]);
    await proposeContract(producer, {
      interfaceId: iface.id, version: "1.0.0", schemaFormat: "JSON_SCHEMA", schema: '{"type":"object"}', compatibilityMode: "BACKWARD",
      sla: {}, errorHandling: {}, classification: "INTERNAL", personalData: false, crossBorderTransfer: false, submit: true,
    });
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(1);
    const [first] = received;
    expect(first.headers["interchange-event"]).toBe("contract.review_requested");
    expect(verifySignature(String(first.headers["interchange-signature"]), first.body, hook.secret!)).toEqual({ ok: true });
    expect(JSON.parse(first.body)).toMatchObject({ event: "contract.review_requested", contract: { interface: "wh.events", version: "1.0.0" } });

    // The receiver answered 503: the log shows the failure and the background worker retries with backoff.
    const worker = startDeliveryWorker(250);
    await expect.poll(async () => (await getWebhook(consumer, consumerTeam.id)).deliveries[0]?.lastStatus, { timeout: 10_000 }).toBe(503);
    expect((await getWebhook(consumer, consumerTeam.id)).deliveries[0]).toMatchObject({ status: "PENDING", attempts: 1, lastError: "answered HTTP 503" });
    answer = 200;
    await expect.poll(async () => (await getWebhook(consumer, consumerTeam.id)).deliveries[0]?.status, { timeout: 15_000 }).toBe("DELIVERED");
    await worker.stop();
    expect(received).toHaveLength(2);
    expect(received[1].headers["interchange-delivery"]).toBe(first.headers["interchange-delivery"]);
    expect((await getWebhook(consumer, consumerTeam.id)).secret).toBeUndefined();
  });

  it("connects to the address its own lookup checked: a name rebound to loopback is refused before anything is sent", async () => {
    const port = new URL(url).port;
    const before = received.length;
    const rebound = guardedLookup({} as NodeJS.ProcessEnv, async () => [{ address: "127.0.0.1", family: 4 }]);
    await expect(postWebhook(`http://rebind.example.com:${port}/hook`, {}, "{}", { lookup: rebound })).rejects.toThrow(
      "rebind.example.com resolves to 127.0.0.1, a private or loopback address",
    );
    expect(received).toHaveLength(before);
    // The same request goes through where private addresses are allowed, so the refusal above is the guard's.
    answer = 204;
    const allowed = guardedLookup({ WEBHOOK_ALLOW_PRIVATE: "1" } as unknown as NodeJS.ProcessEnv, async () => [{ address: "127.0.0.1", family: 4 }]);
    expect(await postWebhook(`http://rebind.example.com:${port}/hook`, {}, "{}", { lookup: allowed })).toBe(204);
    expect(received).toHaveLength(before + 1);
  });

  it("does not follow redirects", async () => {
    answer = 302;
    const delivered = received.length;
    expect(await postWebhook(url, {}, "{}")).toBe(302);
    expect(received).toHaveLength(delivered + 1);
  });

  it("audits a ping, and neither pings nor retries an inactive webhook", async () => {
    const prisma = database().prisma;
    const team = await prisma.team.create({ data: { slug: "wh-ping", name: "WH Ping" } });
    const member = await actAs(database(), "MEMBER", [team.id]);
    await putWebhook(member, team.id, { url, active: true, rotateSecret: false });
    answer = 200;
    const before = received.length;
    const { deliveryId } = await pingWebhook(member, team.id);
    await expect.poll(() => received.length, { timeout: 10_000 }).toBe(before + 1);
    expect(received.at(-1)?.headers["interchange-event"]).toBe("ping");
    expect((await prisma.auditEvent.findFirst({ where: { action: "webhook.ping", entityId: team.id } }))?.after).toMatchObject({ deliveryId, url });

    const hook = await putWebhook(member, team.id, { url, active: false, rotateSecret: false });
    await expect(pingWebhook(member, team.id)).rejects.toMatchObject({ code: "CONFLICT" });
    const pending = await prisma.webhookDelivery.create({ data: { webhookId: hook.id, event: "ping", payload: { event: "ping" }, nextAttemptAt: new Date() } });
    await attemptDelivery(pending.id);
    expect(await prisma.webhookDelivery.findUnique({ where: { id: pending.id } })).toMatchObject({ status: "FAILED", attempts: 0, lastError: "the webhook is inactive", nextAttemptAt: null });
    expect(received).toHaveLength(before + 1);
  });

  it("survives a worker that dies mid-delivery: another worker takes it over once the lease expires, same delivery id", async () => {
    const prisma = database().prisma;
    const team = await prisma.team.create({ data: { slug: "wh-crash", name: "WH Crash" } });
    const member = await actAs(database(), "MEMBER", [team.id]);
    const hook = await putWebhook(member, team.id, { url, active: true, rotateSecret: false });
    answer = 200;
    const before = received.length;
    const now = new Date();
    const [a, b] = await Promise.all(
      ["a", "b"].map((n) => prisma.webhookDelivery.create({ data: { webhookId: hook.id, event: "ping", payload: { event: "ping", n }, nextAttemptAt: now } })),
    );

    // Worker 1 claims both and "crashes": it never sends nor records anything.
    expect((await claimDueDeliveries({ now, leaseMs: 30_000 })).sort()).toEqual([a.id, b.id].sort());
    // A restarted worker polling while the lease is live leaves them alone (no double send by two live workers).
    expect(await runDueDeliveries({ now: new Date(now.getTime() + 29_000) })).toBe(0);
    expect(received).toHaveLength(before);
    // After the lease expires it takes them over and each reaches the receiver with its delivery id.
    expect(await runDueDeliveries({ now: new Date(now.getTime() + 31_000) })).toBe(2);
    const got = received.slice(before);
    expect(got.map((r) => r.headers["interchange-delivery"]).sort()).toEqual([a.id, b.id].sort());
    expect(got.map((r) => JSON.parse(r.body).id).sort()).toEqual([a.id, b.id].sort());
    const rows = await prisma.webhookDelivery.findMany({ where: { id: { in: [a.id, b.id] } } });
    expect(rows.map((r) => [r.status, r.attempts, r.leaseUntil])).toEqual([["DELIVERED", 2, null], ["DELIVERED", 2, null]]);
    // Delivered rows are never claimed again.
    expect(await claimDueDeliveries({ now: new Date(now.getTime() + 120_000) })).toEqual([]);
  });

  it("lets concurrent workers claim side by side without taking the same delivery, and gives up after the last attempt", async () => {
    const prisma = database().prisma;
    const team = await prisma.team.create({ data: { slug: "wh-skip", name: "WH Skip" } });
    const member = await actAs(database(), "MEMBER", [team.id]);
    const hook = await putWebhook(member, team.id, { url, active: true, rotateSecret: false });
    const now = new Date();
    await prisma.webhookDelivery.createMany({ data: Array.from({ length: 6 }, (_, n) => ({ webhookId: hook.id, event: "ping", payload: { event: "ping", n }, nextAttemptAt: now })) });
    const claims = await Promise.all([1, 2, 3].map(() => claimDueDeliveries({ now, limit: 4 })));
    const all = claims.flat();
    expect(new Set(all).size).toBe(all.length);
    expect(all.length).toBe(6);

    answer = 500;
    const [last] = await prisma.webhookDelivery.findMany({ where: { webhookId: hook.id }, take: 1 });
    await prisma.webhookDelivery.update({ where: { id: last.id }, data: { attempts: 4, leaseUntil: null } });
    await attemptDelivery(last.id);
    expect(await prisma.webhookDelivery.findUnique({ where: { id: last.id } })).toMatchObject({ status: "FAILED", attempts: 5, lastError: "answered HTTP 500", nextAttemptAt: null });
  });
});
