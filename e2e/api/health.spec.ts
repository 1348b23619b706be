import { randomUUID } from "node:crypto";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { bearer, expectProblem, tokenFor } from "./helpers";

/** Flows nothing reports on yet: the demo connector agent and earlier specs send telemetry for some of them. */
async function quietFlows(request: APIRequestContext, token: string): Promise<{ id: string; name: string }[]> {
  const { items } = (await (await request.get("/api/v1/flows?limit=100", { headers: bearer(token) })).json()) as { items: { id: string; name: string }[] };
  const quiet = [];
  for (const flow of items) {
    const health = await (await request.get(`/api/v1/flows/${flow.id}/health`, { headers: bearer(token) })).json();
    if (health.status === "NO_DATA") quiet.push(flow);
    if (quiet.length === 2) break;
  }
  expect(quiet, "two flows without telemetry in the demo estate").toHaveLength(2);
  return quiet;
}

const window = (offsetMinutes = 1) => {
  const start = Math.floor(Date.now() / 60_000) * 60_000 - offsetMinutes * 60_000;
  return { windowStart: new Date(start).toISOString(), windowEnd: new Date(start + 60_000).toISOString() };
};

test.describe("agents and telemetry API", () => {
  test("an admin registers an agent; its token reports telemetry once per batch id, refused per item out of scope", async ({ request }) => {
    const admin = await tokenFor(request, "admin");
    const [inScope, outOfScope] = await quietFlows(request, admin);
    const created = await request.post("/api/v1/agents", { headers: bearer(admin), data: { name: `api-${randomUUID().slice(0, 8)}`, flowIds: [inScope.id] } });
    expect(created.status()).toBe(201);
    const { id, token } = await created.json();
    expect(token).toMatch(/^ica_/);

    const batch = {
      batchId: randomUUID(),
      measurements: [
        { flowId: inScope.id, ...window(), delivered: 40, failed: 1, latencyMs: { p95: 30 } },
        { flowId: outOfScope.id, ...window(), delivered: 5, failed: 0 },
        { flowId: "edge-gateway:orders->ledger", ...window(), delivered: 2, failed: 0, flow: { producerSystem: "orders", consumerSystem: "ledger" } },
      ],
    };
    const first = await (await request.post("/api/v1/telemetry", { headers: bearer(token), data: batch })).json();
    expect(first).toMatchObject({ duplicate: false, accepted: [{ index: 0 }], rejected: [{ index: 1, reason: expect.stringContaining("outside the scope") }], discovered: [{ index: 2 }] });
    const again = await (await request.post("/api/v1/telemetry", { headers: bearer(token), data: batch })).json();
    expect(again).toMatchObject({ duplicate: true, accepted: [{ index: 0 }] });

    const heartbeat = await request.post("/api/v1/agents/heartbeat", { headers: bearer(token), data: { version: "0.1.0", host: "ci", connectors: [{ name: "nats", kind: "nats", status: "OK" }] } });
    expect(heartbeat.status()).toBe(200);
    const listed = (await (await request.get("/api/v1/agents", { headers: bearer(admin) })).json()).items.find((a: { id: string }) => a.id === id);
    expect(listed).toMatchObject({ status: "ONLINE", version: "0.1.0", connectors: [{ name: "nats" }] });

    // The agent's token opens only the telemetry endpoints.
    await expectProblem(await request.get("/api/v1/flows", { headers: bearer(token) }), 403);
    // A user's token cannot send telemetry.
    await expectProblem(await request.post("/api/v1/telemetry", { headers: bearer(admin), data: batch }), 401);

    const evaluated = await request.post("/api/v1/health/evaluate", { headers: bearer(admin) });
    expect(evaluated.status()).toBe(200);
    const health = await (await request.get(`/api/v1/flows/${inScope.id}/health`, { headers: bearer(admin) })).json();
    expect(health).toMatchObject({ status: expect.stringMatching(/^(OK|AT_RISK)$/), sli: { latencyP95Ms: 30 }, burnRates: { "5m": expect.any(Number) } });

    const rotated = await (await request.post(`/api/v1/agents/${id}/rotate`, { headers: bearer(admin) })).json();
    await expectProblem(await request.post("/api/v1/telemetry", { headers: bearer(token), data: { ...batch, batchId: randomUUID() } }), 401);
    await request.delete(`/api/v1/agents/${id}`, { headers: bearer(admin) });
    await expectProblem(await request.post("/api/v1/agents/heartbeat", { headers: bearer(rotated.token), data: { version: "1", host: "h" } }), 401);
  });

  test("OTLP/HTTP JSON metrics are mapped by interchange.flow.id and answered with partialSuccess", async ({ request }) => {
    const admin = await tokenFor(request, "admin");
    const [flow] = await quietFlows(request, admin);
    const { token } = await (await request.post("/api/v1/agents", { headers: bearer(admin), data: { name: `otel-${randomUUID().slice(0, 8)}`, flowIds: [flow.id] } })).json();
    const { windowStart } = window(2);
    const ns = String(BigInt(Date.parse(windowStart)) * 1_000_000n);
    const end = String(BigInt(Date.parse(windowStart) + 60_000) * 1_000_000n);
    const body = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: "interchange.flow.id", value: { stringValue: flow.id } }] },
          scopeMetrics: [
            {
              metrics: [
                { name: "interchange.flow.delivered", sum: { aggregationTemporality: 1, dataPoints: [{ startTimeUnixNano: ns, timeUnixNano: end, asInt: "75" }] } },
                { name: "interchange.flow.lag", gauge: { dataPoints: [{ timeUnixNano: end, asDouble: 3 }] } },
                { name: "http.server.duration", histogram: { dataPoints: [{ timeUnixNano: end, count: "1" }] } },
              ],
            },
          ],
        },
      ],
    };
    const response = await request.post("/api/otlp/v1/metrics", { headers: bearer(token), data: body });
    expect(response.status()).toBe(200);
    expect(await response.json()).toEqual({ partialSuccess: { rejectedDataPoints: 1, errorMessage: expect.stringContaining("http.server.duration is not one of") } });
  });

  test("incidents are listed and filtered; evaluating on demand is for admins", async ({ request }) => {
    const member = await tokenFor(request, "consumer");
    const list = await request.get("/api/v1/incidents?kind=SLA_BREACH&state=OPEN", { headers: bearer(member) });
    expect(list.status()).toBe(200);
    for (const incident of (await list.json()).items) expect(incident).toMatchObject({ kind: "SLA_BREACH", state: "OPEN" });
    const bad = await expectProblem(await request.get("/api/v1/incidents?kind=FIRE", { headers: bearer(member) }), 422);
    expect(bad.errors?.[0].pointer).toBe("/query/kind");
    await expectProblem(await request.post("/api/v1/health/evaluate", { headers: bearer(member) }), 403);
    await expectProblem(await request.post("/api/v1/agents", { headers: bearer(member), data: { name: "nope" } }), 403);
  });
});
