import http from "node:http";
import type { AddressInfo } from "node:net";
import { OTLPMetricExporter as JsonExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as ProtoExporter } from "@opentelemetry/exporter-metrics-otlp-proto";
import { CompressionAlgorithm } from "@opentelemetry/otlp-exporter-base";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { AggregationType, MeterProvider, PeriodicExportingMetricReader, type PushMetricExporter } from "@opentelemetry/sdk-metrics";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/otlp/v1/metrics/route";
import { createAgent } from "@/lib/agents/data";
import { systemCtx } from "@/lib/auth/require";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { evaluateHealth } from "./evaluate";

const database = setupTestDatabase();

// The portal's real route handler behind a plain HTTP server, so the exporters speak to it as they would in production.
let server: http.Server;
let url: string;
const answers: { status: number; type: string | null; encoding: string | null }[] = [];
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", async () => {
      const headers = new Headers();
      for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
      const response = await POST(new NextRequest(`${url}${req.url}`, { method: "POST", headers, body: Buffer.concat(chunks) }), { params: Promise.resolve({}) });
      answers.push({ status: response.status, type: headers.get("content-type"), encoding: headers.get("content-encoding") });
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

type Variant = { name: string; exporter: (headers: Record<string, string>) => PushMetricExporter; exponential?: boolean; mapping?: boolean };
const variants: Variant[] = [
  { name: "OTLP/HTTP JSON (exporter-metrics-otlp-http defaults)", exporter: (headers) => new JsonExporter({ url: `${url}/api/otlp/v1/metrics`, headers }) },
  { name: "OTLP/HTTP protobuf (exporter-metrics-otlp-proto defaults)", exporter: (headers) => new ProtoExporter({ url: `${url}/api/otlp/v1/metrics`, headers }) },
  {
    name: "protobuf + gzip, exponential histogram, flow mapped from service.name + messaging.destination.name",
    exporter: (headers) => new ProtoExporter({ url: `${url}/api/otlp/v1/metrics`, headers, compression: CompressionAlgorithm.GZIP }),
    exponential: true,
    mapping: true,
  },
];

describe("OTLP from real OpenTelemetry SDK exporters (cumulative temporality)", () => {
  it.each(variants)("stores every point once: $name", async (variant) => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const flowId = estate.flows.a1B.id;
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `otel-sdk-${estate.tag}-${variants.indexOf(variant)}`, systemIds: [], flowIds: [flowId] });
    if (variant.mapping) {
      process.env.OTLP_FLOW_MAPPING = JSON.stringify([{ match: { "service.name": `orders-${estate.tag}`, "messaging.destination.name": "orders.created" }, flowId }]);
    }
    const exporter = variant.exporter({ Authorization: `Bearer ${token}` });
    const reader = new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({
      resource: resourceFromAttributes(variant.mapping ? { "service.name": `orders-${estate.tag}` } : { "service.name": "orders", "interchange.flow.id": flowId }),
      readers: [reader],
      views: variant.exponential ? [{ instrumentName: "interchange.flow.latency", aggregation: { type: AggregationType.EXPONENTIAL_HISTOGRAM } }] : [],
    });
    const meter = provider.getMeter("orders-relay");
    const delivered = meter.createCounter("interchange.flow.delivered");
    const failed = meter.createCounter("interchange.flow.failed");
    const latency = meter.createHistogram("interchange.flow.latency", { unit: "ms" });
    const attrs = variant.mapping ? { "messaging.destination.name": "orders.created" } : {};
    try {
      let sent = 0;
      let lost = 0;
      for (const round of [5, 7, 0, 11]) {
        delivered.add(round, attrs);
        if (round) failed.add(1, attrs);
        sent += round;
        lost += round ? 1 : 0;
        for (let i = 0; i < round; i++) latency.record(20 + i * 10, attrs);
        await reader.forceFlush();
      }
      // The same cumulative totals exported again (nothing new recorded) add nothing.
      await reader.forceFlush();
      const rows = await prisma.flowMetricMinute.findMany({ where: { flowId } });
      expect(rows.reduce((a, r) => a + Number(r.delivered), 0)).toBe(sent);
      expect(rows.reduce((a, r) => a + Number(r.failed), 0)).toBe(lost);
      expect(rows.some((r) => r.latencyP95 !== null && r.latencyP95 >= 20 && r.latencyP95 <= 150)).toBe(true);
      expect(answers.at(-1)?.status).toBe(200);
      if (variant.mapping) expect(answers.at(-1)).toMatchObject({ encoding: "gzip", type: "application/x-protobuf" });

      // An OTLP-only sender counts as heard from: no SILENT_AGENT incident for it.
      await evaluateHealth(systemCtx("test"));
      const agent = await prisma.agent.findFirstOrThrow({ where: { name: `otel-sdk-${estate.tag}-${variants.indexOf(variant)}` } });
      expect(agent.lastSeenAt).not.toBeNull();
      expect(await prisma.incident.count({ where: { agentId: agent.id, kind: "SILENT_AGENT", state: "OPEN" } })).toBe(0);
    } finally {
      await provider.shutdown();
      delete process.env.OTLP_FLOW_MAPPING;
    }
  });
});
