// Against an HTTP server started in the test.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAgentConfig, type HttpConnectorConfig } from "../config";
import { httpProbeConnector, probeOnce } from "./http-probe";

const FLOW = "5a3c55d4-2f25-4c1c-9d0a-7c1b7d3f9a03";
let server: http.Server;
let base: string;
let healthy = true;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === "/slow") return void setTimeout(() => res.end("late"), 500);
    res.writeHead(healthy ? 200 : 503).end(healthy ? "ok" : "down");
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const target = (path: string, extra: Partial<HttpConnectorConfig["targets"][number]> = {}) => ({ url: `${base}${path}`, method: "GET" as const, timeout: 2000, flowId: FLOW, ...extra });

describe("HTTP probe connector", () => {
  it("reports answered probes as delivered with latency percentiles, and 5xx as failed", async () => {
    const connector = httpProbeConnector({ name: "probe", kind: "http", probeEvery: 100, targets: [target("/health")] });
    try {
      const start = Date.now();
      healthy = true;
      await connector.collect({ start: 0, end: start }, start); // starts probing
      await sleep(550);
      healthy = false;
      await sleep(450);
      const end = Date.now();
      const [reading] = await connector.collect({ start, end }, end);
      expect(reading.flowId).toBe(FLOW);
      expect(reading.delivered).toBeGreaterThanOrEqual(3);
      expect(reading.failed).toBeGreaterThanOrEqual(3);
      expect(reading.latencyMs?.p50).toBeGreaterThan(0);
      expect(reading.latencyMs!.p99).toBeGreaterThanOrEqual(reading.latencyMs!.p50);
      expect(connector.status()).toMatchObject({ status: "ERROR", error: expect.stringContaining("answered 503") });
    } finally {
      await connector.close();
    }
  });

  it("counts a probe that outlives its timeout as failed", async () => {
    expect(await probeOnce(target("/slow", { timeout: 100 }))).toEqual({ ok: false, error: "no answer within 100 ms" });
    expect(await probeOnce(target("/slow", { timeout: 2000 }))).toMatchObject({ ok: true });
  });

  it("accepts only the configured statuses when expectStatus is set", async () => {
    healthy = false;
    expect(await probeOnce(target("/health", { expectStatus: [503] }))).toMatchObject({ ok: true });
    healthy = true;
    expect(await probeOnce(target("/health", { expectStatus: [204] }))).toMatchObject({ ok: false, error: "answered 200" });
  });

  it("refuses probe URLs that are not http or https when the configuration is read", () => {
    const yaml = (url: string) => `portal: { url: "http://localhost:3000" }\nconnectors:\n  - name: p\n    kind: http\n    targets:\n      - url: "${url}"\n        flowId: ${FLOW}\n`;
    for (const url of ["file:///etc/passwd", "gopher://127.0.0.1:70/", "ftp://example.com/x"]) {
      expect(() => parseAgentConfig(yaml(url))).toThrow(/\/connectors\/0\/targets\/0\/url: Must be an http:\/\/ or https:\/\/ URL/);
    }
    expect(() => parseAgentConfig(yaml("https://api.example.com/health"))).not.toThrow();
  });
});
