import { describe, expect, it } from "vitest";
import { authenticateAgent, createAgent } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { ingestOtlpMetrics } from "./ingest-otlp";
import { histogramQuantile, mapOtlpMetrics, OtlpMetricsRequest } from "./otlp";

const database = setupTestDatabase();
const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);
const flowAttr = (id: string) => [{ key: "interchange.flow.id", value: { stringValue: id } }];

function exportRequest(resourceFlow: string, otherFlow: string, start: number) {
  const window = { startTimeUnixNano: ns(start), timeUnixNano: ns(start + 60_000) };
  return OtlpMetricsRequest.parse({
    resourceMetrics: [
      {
        resource: { attributes: flowAttr(resourceFlow) },
        scopeMetrics: [
          {
            metrics: [
              { name: "interchange.flow.delivered", sum: { aggregationTemporality: 1, isMonotonic: true, dataPoints: [{ ...window, asInt: "120" }, { ...window, asInt: "30", attributes: flowAttr(otherFlow) }] } },
              { name: "interchange.flow.failed", sum: { aggregationTemporality: 1, dataPoints: [{ ...window, asInt: 3 }] } },
              { name: "interchange.flow.latency", histogram: { aggregationTemporality: 1, dataPoints: [{ ...window, count: "100", bucketCounts: ["50", "40", "10"], explicitBounds: [10, 100], max: 400 }] } },
              { name: "interchange.flow.lag", gauge: { dataPoints: [{ ...window, asDouble: 12.5 }] } },
              { name: "interchange.flow.delivered.total", sum: { aggregationTemporality: 2, dataPoints: [{ ...window, asInt: 9 }] } },
              { name: "interchange.flow.delivered", sum: { aggregationTemporality: 2, dataPoints: [{ ...window, asInt: 9 }] } },
            ],
          },
        ],
      },
    ],
  });
}

describe("OTLP metrics mapping", () => {
  it("interpolates histogram percentiles inside buckets", () => {
    expect(histogramQuantile(0.5, [50, 40, 10], [10, 100])).toBe(10);
    expect(histogramQuantile(0.95, [50, 40, 10], [10, 100], undefined, 400)).toBe(250);
    expect(histogramQuantile(0.5, [0, 0], [10])).toBeNull();
  });

  it("maps sums (delta and a first cumulative point), the latency histogram and the lag gauge of a flow onto one measurement, and names only reasons that refused points", () => {
    const mapping = mapOtlpMetrics(exportRequest("f-1", "f-2", Date.parse("2026-11-22T10:00:00Z")));
    expect(mapping.measurements).toEqual([
      { flowId: "f-1", windowStart: "2026-11-22T10:00:00.000Z", windowEnd: "2026-11-22T10:01:00.000Z", delivered: 129, failed: 3, latencyMs: { p50: 10, p95: 250, p99: 370 }, lagSeconds: 12.5 },
      { flowId: "f-2", windowStart: "2026-11-22T10:00:00.000Z", windowEnd: "2026-11-22T10:01:00.000Z", delivered: 30, failed: 0 },
    ]);
    expect(mapping.rejectedPoints).toBe(1);
    expect(mapping.errors).toEqual([expect.stringMatching(/delivered.total is not one of/)]);
  });

  it("turns a cumulative series into deltas, starting over when the sender restarts", () => {
    const t = Date.parse("2026-11-22T10:00:00Z");
    const cumulative = (start: number, at: number, value: number) =>
      OtlpMetricsRequest.parse({
        resourceMetrics: [{ resource: { attributes: flowAttr("f-1") }, scopeMetrics: [{ metrics: [{ name: "interchange.flow.delivered", sum: { aggregationTemporality: 2, isMonotonic: true, dataPoints: [{ startTimeUnixNano: ns(start), timeUnixNano: ns(at), asInt: String(value) }] } }] }] }],
      });
    const first = mapOtlpMetrics(cumulative(t, t + 60_000, 50));
    const second = mapOtlpMetrics(cumulative(t, t + 120_000, 80), { previous: first.series });
    const repeated = mapOtlpMetrics(cumulative(t, t + 120_000, 80), { previous: second.series });
    const restarted = mapOtlpMetrics(cumulative(t + 150_000, t + 180_000, 6), { previous: second.series });
    expect(first.measurements.map((m) => m.delivered)).toEqual([50]);
    expect(second.measurements).toEqual([expect.objectContaining({ delivered: 30, windowStart: "2026-11-22T10:01:00.000Z", windowEnd: "2026-11-22T10:02:00.000Z" })]);
    expect(repeated.measurements).toEqual([]);
    expect(restarted.measurements).toEqual([expect.objectContaining({ delivered: 6, windowStart: "2026-11-22T10:02:30.000Z" })]);
  });
});

describe("POST /api/otlp/v1/metrics", () => {
  it("stores mapped points and answers partialSuccess for refused ones, including out-of-scope flows", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `otel-${estate.tag}`, systemIds: [], flowIds: [estate.flows.a1B.id] });
    const ctx: Ctx = { actor: null, via: "agent", requestId: "t", agent: await authenticateAgent(token) };
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
    const request = exportRequest(estate.flows.a1B.id, estate.flows.c1D.id, start);

    const answer = await ingestOtlpMetrics(ctx, request);
    // The unknown metric's point + the 1 point for c1D, which is outside the agent's scope.
    expect(answer.partialSuccess?.rejectedDataPoints).toBe(2);
    expect(answer.partialSuccess?.errorMessage).toMatch(/outside the scope/);
    const row = await prisma.flowMetricMinute.findFirstOrThrow({ where: { flowId: estate.flows.a1B.id } });
    expect(row).toMatchObject({ delivered: 129n, failed: 3n, latencyP95: 250, lagSeconds: 12.5 });

    // A collector retrying the same export counts once.
    await ingestOtlpMetrics(ctx, request);
    expect((await prisma.flowMetricMinute.findFirstOrThrow({ where: { flowId: estate.flows.a1B.id } })).delivered).toBe(129n);
    expect(await prisma.flowMetricMinute.count({ where: { flowId: estate.flows.c1D.id } })).toBe(0);
  });

  it("stores the good points of an export with values beyond the telemetry limits or a flow id that is no int64, and refuses only those", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `otel-limits-${estate.tag}`, systemIds: [], flowIds: [estate.flows.a1B.id] });
    const ctx: Ctx = { actor: null, via: "agent", requestId: "t", agent: await authenticateAgent(token) };
    const start = Math.floor(Date.now() / 60_000) * 60_000 - 120_000;
    const window = { startTimeUnixNano: ns(start), timeUnixNano: ns(start + 60_000) };
    const hugeId = "9".repeat(5000);
    const request = OtlpMetricsRequest.parse({
      resourceMetrics: [
        {
          scopeMetrics: [
            {
              metrics: [
                {
                  name: "interchange.flow.delivered",
                  sum: {
                    aggregationTemporality: 1,
                    dataPoints: [
                      { ...window, asInt: "42", attributes: flowAttr(estate.flows.a1B.id) },
                      { ...window, asDouble: 1e30, attributes: flowAttr(`overflow-${estate.tag}`) },
                      { ...window, asInt: 5, attributes: [{ key: "interchange.flow.id", value: { intValue: hugeId } }] },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    });

    const answer = await ingestOtlpMetrics(ctx, request);
    expect(answer.partialSuccess?.rejectedDataPoints).toBe(2);
    expect(answer.partialSuccess?.errorMessage).toMatch(new RegExp(`flow overflow-${estate.tag}: delivered`));
    expect(answer.partialSuccess?.errorMessage).toMatch(/intValue that is not an int64/);
    expect((await prisma.flowMetricMinute.findFirstOrThrow({ where: { flowId: estate.flows.a1B.id } })).delivered).toBe(42n);
    expect(await prisma.discoveredFlow.count({ where: { externalId: { in: [`overflow-${estate.tag}`, hugeId] } } })).toBe(0);
  });
});
