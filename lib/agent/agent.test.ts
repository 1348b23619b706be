// The agent's sending path over real HTTP (a portal stand-in started in the test): buffering while the portal
// is down, sending in order under the same batchIds when it returns, giving up only on batches it refuses.
import { mkdtemp as makeTemp, rm } from "node:fs/promises";
import http from "node:http";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { Agent } from "./agent";
import { parseAgentConfig } from "./config";
import type { Connector } from "./connectors/types";
import { httpTransport, PortalError } from "./transport";
import type { Reading } from "./window";

type Received = { path: string; auth?: string; body: { batchId?: string; measurements?: { delivered: number; windowStart: string }[]; connectors?: unknown[] } };

async function portalStandIn() {
  const received: Received[] = [];
  let answer = 503;
  const server = http.createServer((req, res) => {
    let text = "";
    req.on("data", (c) => (text += c));
    req.on("end", () => {
      received.push({ path: req.url ?? "", auth: req.headers.authorization, body: JSON.parse(text) });
      const status = req.url === "/api/v1/agents/heartbeat" ? 200 : answer;
      res.writeHead(status, { "content-type": status < 300 ? "application/json" : "application/problem+json" });
      res.end(JSON.stringify(status < 300 ? { accepted: [], rejected: [], discovered: [], duplicate: false } : { title: "unavailable", detail: `answered ${status}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    received,
    telemetry: () => received.filter((r) => r.path === "/api/v1/telemetry"),
    answer: (status: number) => (answer = status),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** A connector whose reading counts up per window, so the order of arrival is visible. */
function countingConnector(): Connector {
  let n = 0;
  return {
    name: "counting",
    kind: "test",
    collect: async (): Promise<Reading[]> => [{ flowId: "f1", delivered: ++n, failed: 0 }],
    status: () => ({ name: "counting", kind: "test", status: "OK" }),
    close: async () => undefined,
  };
}

async function makeAgent(url: string, bufferDir: string, interval = "1s", connectors: Connector[] = [countingConnector()]) {
  const config = parseAgentConfig(
    `portal: { url: "${url}", token: ica_test }\ninterval: ${interval}\nbufferDir: ${bufferDir}\nconnectors:\n  - { name: x, kind: http, targets: [{ url: "http://127.0.0.1:1/", flowId: f1 }] }\n`,
  );
  const transport = httpTransport({ url, token: "ica_test", timeoutMs: 2000, userAgent: "test" });
  return new Agent({ config, transport, version: "test", connectors, backoff: { baseMs: 20, maxMs: 100 } });
}

const until = async (check: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 25));
  if (!check()) throw new Error(`timed out waiting for ${what}`);
};

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function mkdtemp(prefix: string): Promise<string> {
  const dir = await makeTemp(prefix);
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

describe("agent sending", () => {
  it("keeps batches on disk while the portal fails, then sends them in order under the same batchIds", async () => {
    const portal = await portalStandIn();
    cleanups.push(portal.close);
    // A one-minute interval: the agent's own timer does not tick during the test; the test ticks it.
    const agent = await makeAgent(portal.url, await mkdtemp(path.join(os.tmpdir(), "agent-")), "1m");
    await agent.start();
    cleanups.push(() => agent.stop());
    const base = Date.UTC(2026, 0, 1, 10, 0, 0);
    for (let i = 1; i <= 3; i++) await agent.tick(base + i * 60_000);
    await until(() => portal.telemetry().length >= 3, "retries");
    expect(agent.backlog).toBe(3);
    const firstTry = portal.telemetry()[0].body.batchId;
    expect(portal.telemetry().every((r) => r.body.batchId === firstTry)).toBe(true); // head of line retried, nothing skipped

    portal.answer(200);
    await until(() => agent.backlog === 0, "the backlog to drain");
    const accepted = portal.telemetry().slice(-3);
    expect(accepted.map((r) => r.body.measurements?.[0].delivered)).toEqual([1, 2, 3]);
    expect(accepted[0].body.batchId).toBe(firstTry);
    expect(new Set(accepted.map((r) => r.body.batchId)).size).toBe(3);
    expect(accepted[0].body.measurements?.[0].windowStart).toBe("2026-01-01T10:00:00.000Z");
    expect(accepted[0].auth).toBe("Bearer ica_test");
    expect(portal.received.find((r) => r.path === "/api/v1/agents/heartbeat")?.body).toMatchObject({ version: "test", connectors: [{ name: "counting", status: "OK" }] });
  });

  it("after a restart sends what the previous run left on disk before anything new", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "agent-"));
    const portal = await portalStandIn();
    cleanups.push(portal.close);
    const first = await makeAgent(portal.url, dir);
    await first.open();
    for (let i = 1; i <= 2; i++) await first.tick(Date.UTC(2026, 0, 1, 10, 0, i));
    await first.stop(); // never sent: the portal was down

    portal.answer(200);
    const second = await makeAgent(portal.url, dir);
    await second.open();
    expect(second.backlog).toBe(2);
    await second.tick(Date.UTC(2026, 0, 1, 10, 0, 3));
    expect(await second.flush()).toBe(3);
    expect(portal.telemetry().map((r) => r.body.measurements?.[0].windowStart)).toEqual([
      "2026-01-01T10:00:00.000Z",
      "2026-01-01T10:00:01.000Z",
      "2026-01-01T10:00:02.000Z",
    ]);
    await second.stop();
  });

  it("after a restart reports the windows it missed from connectors that can read the past (an outbox)", async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), "agent-"));
    const portal = await portalStandIn();
    cleanups.push(portal.close);
    const asked: string[] = [];
    const outbox = (): Connector => ({
      name: "outbox",
      kind: "test",
      readsPastWindows: true,
      collect: async (window): Promise<Reading[]> => {
        asked.push(new Date(window.start).toISOString().slice(11, 19));
        return [{ flowId: "f1", delivered: 1, failed: 0 }];
      },
      status: () => ({ name: "outbox", kind: "test", status: "OK" }),
      close: async () => undefined,
    });
    const first = await makeAgent(portal.url, dir, "1s", [outbox()]);
    await first.open();
    await first.tick(Date.UTC(2026, 0, 1, 10, 0, 1));
    await first.stop();
    // Down from 10:00:01 to 10:00:05: the next run reads 10:00:01-10:00:04 before its own window.
    const second = await makeAgent(portal.url, dir, "1s", [outbox()]);
    await second.open();
    await second.tick(Date.UTC(2026, 0, 1, 10, 0, 5));
    await second.stop();
    expect(asked).toEqual(["10:00:00", "10:00:01", "10:00:02", "10:00:03", "10:00:04"]);
  });

  it("gives up a batch the portal refuses as a whole (422) so it does not block the ones behind it", async () => {
    const portal = await portalStandIn();
    cleanups.push(portal.close);
    const agent = await makeAgent(portal.url, await mkdtemp(path.join(os.tmpdir(), "agent-")));
    await agent.open();
    await agent.tick(Date.UTC(2026, 0, 1, 10, 0, 1));
    portal.answer(422);
    expect(await agent.flush()).toBe(1);
    expect(agent.backlog).toBe(0);
    portal.answer(503);
    await agent.tick(Date.UTC(2026, 0, 1, 10, 0, 2));
    await expect(agent.flush()).rejects.toThrow("api/v1/telemetry answered 503: answered 503");
    expect(agent.backlog).toBe(1);
    await agent.stop();
  });

  it("still reports the other connectors' flows when one connector throws", async () => {
    const portal = await portalStandIn();
    cleanups.push(portal.close);
    portal.answer(200);
    const broken: Connector = {
      name: "broken",
      kind: "test",
      collect: async () => {
        throw new Error("socket hang up");
      },
      status: () => ({ name: "broken", kind: "test", status: "ERROR", error: "socket hang up" }),
      close: async () => undefined,
    };
    const agent = await makeAgent(portal.url, await mkdtemp(path.join(os.tmpdir(), "agent-")), "1s", [broken, countingConnector()]);
    await agent.open();
    await agent.tick(Date.UTC(2026, 0, 1, 10, 0, 1));
    await agent.tick(Date.UTC(2026, 0, 1, 10, 0, 2));
    expect(await agent.flush()).toBe(2);
    expect(portal.telemetry().map((r) => r.body.measurements?.map((m) => m.delivered))).toEqual([[1], [2]]);
    await agent.heartbeat();
    expect(portal.received.find((r) => r.path === "/api/v1/agents/heartbeat")?.body.connectors).toEqual([
      { name: "broken", kind: "test", status: "ERROR", error: "socket hang up" },
      { name: "counting", kind: "test", status: "OK" },
    ]);
    await agent.stop();
  });

  it.each([
    [401, true],
    [403, true],
    [408, true],
    [429, true],
    [500, true],
    [503, true],
    [400, false],
    [404, false],
    [413, false],
    [422, false],
  ])("treats a %i answer as retryable: %s", async (status, retryable) => {
    const portal = await portalStandIn();
    cleanups.push(portal.close);
    portal.answer(status);
    const transport = httpTransport({ url: portal.url, token: "ica_test", timeoutMs: 2000, userAgent: "test" });
    const error = await transport.sendBatch({ batchId: "b", measurements: [] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortalError);
    expect(error).toMatchObject({ status, retryable });
  });

  it("treats a portal that cannot be reached as retryable", async () => {
    const transport = httpTransport({ url: "http://127.0.0.1:9", token: "ica_test", timeoutMs: 2000, userAgent: "test" });
    await expect(transport.sendBatch({ batchId: "b", measurements: [] })).rejects.toMatchObject({ retryable: true, message: expect.stringContaining("cannot reach http://127.0.0.1:9") });
  });
});
