import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateAgent, createAgent } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { systemCtx } from "@/lib/auth/require";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { evaluateHealth } from "./evaluate";
import { ingestTelemetry } from "./ingest";
import { downsample } from "./maintenance";

const database = setupTestDatabase();
const MINUTE = 60_000;

describe("incremental SLA evaluation", () => {
  it("judges again only the flows with new telemetry, late minutes included, and reads everything when another instance ran the last cycle", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `agent-${estate.tag}`, systemIds: [estate.systems.A.id, estate.systems.B.id], flowIds: [] });
    const agent: Ctx = { actor: null, requestId: "t", via: "agent", agent: await authenticateAgent(token) };
    const flows = await prisma.flow.count();
    const base = Math.floor(Date.now() / MINUTE) * MINUTE;
    const point = (flowId: string, start: number, extra: object = {}) => ({
      flowId, windowStart: new Date(start).toISOString(), windowEnd: new Date(start + MINUTE).toISOString(), delivered: 100, failed: 0, ...extra,
    });
    const status = async (flowId: string) => (await prisma.flowHealth.findUnique({ where: { flowId } }))?.status;
    const { a1B, a1E } = estate.flows;

    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: [point(a1B.id, base - MINUTE), point(a1E.id, base - MINUTE)] });
    const first = await evaluateHealth(systemCtx("test"), new Date(base + 31_000));
    expect(first).toMatchObject({ flows, judged: flows });
    expect([await status(a1B.id), await status(a1E.id)]).toEqual(["OK", "OK"]);

    // More telemetry for the same minute: only that flow is judged again, and it now breaches.
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: [point(a1B.id, base - MINUTE, { delivered: 0, failed: 900 })] });
    const second = await evaluateHealth(systemCtx("test"), new Date(base + 32_000));
    expect(second).toMatchObject({ judged: 1, written: 1, counts: { BREACHED: 1 } });
    expect(await status(a1B.id)).toBe("BREACHED");

    // Telemetry twenty minutes late (a lag over the SLA), older than the minutes a cycle reads: ingest marks it, the next
    // cycle reads it.
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: [point(a1E.id, base - 20 * MINUTE, { lagSeconds: 5000 })] });
    expect(await prisma.healthLateMinute.count()).toBe(1);
    const third = await evaluateHealth(systemCtx("test"), new Date(base + 33_000));
    expect(third).toMatchObject({ judged: 1, counts: { BREACHED: 2 } });
    expect(await status(a1E.id)).toBe("BREACHED");
    expect(await prisma.healthLateMinute.count()).toBe(0);

    // Nothing new: nothing is judged again or written.
    expect(await evaluateHealth(systemCtx("test"), new Date(base + 34_000))).toMatchObject({ judged: 0, written: 0, counts: { BREACHED: 2 } });

    // Another instance evaluated meanwhile: this one's memory may be stale, so it reads everything again.
    await prisma.healthEvaluator.update({ where: { id: 1 }, data: { owner: "another instance", cycle: { increment: 1 } } });
    expect(await evaluateHealth(systemCtx("test"), new Date(base + 35_000))).toMatchObject({ judged: flows, counts: { BREACHED: 2 } });
  });
});

describe("reading only the minutes written since the last cycle", () => {
  // Two transactions at once need PostgreSQL (PGlite has one connection).
  it.skipIf(!process.env.TEST_DATABASE_URL)("reads a write that was still uncommitted while the last cycle read", async () => {
    const { prisma, driver } = database();
    const estate = await seedLineageFixture(prisma);
    const flowId = estate.flows.a1B.id;
    // Later than the cycles of the test before (a cycle earlier than the last one reads everything again).
    const base = Math.floor(Date.now() / MINUTE) * MINUTE + 5 * MINUTE;
    const minute = new Date(base - MINUTE).toISOString();
    const write = (tx: { query: (sql: string, params?: unknown[]) => Promise<unknown> }, delivered: number, failed: number, flow = flowId) =>
      tx.query(
        `INSERT INTO flow_metric_minute AS m (flow_id, minute, delivered, failed, reports) VALUES ($1::uuid, $2::timestamptz, $3, $4, 1)
         ON CONFLICT (flow_id, minute) DO UPDATE SET delivered = m.delivered + excluded.delivered, failed = m.failed + excluded.failed`,
        [flow, minute, delivered, failed],
      );
    const status = async () => (await prisma.flowHealth.findUnique({ where: { flowId } }))?.status;
    await write(driver, 100, 0);
    await evaluateHealth(systemCtx("test"), new Date(base + 31_000));
    expect(await status()).toBe("OK");
    // An ingest transaction writes 900 failures to the same minute and commits only after the next cycle read; another,
    // begun after it, commits before that cycle.
    await driver.transaction(async (tx) => {
      await write(tx, 0, 900);
      await write(driver, 100, 0, estate.flows.a1E.id);
      await evaluateHealth(systemCtx("test"), new Date(base + 32_000));
    });
    expect(await status()).toBe("OK");
    await evaluateHealth(systemCtx("test"), new Date(base + 33_000));
    expect(await status()).toBe("BREACHED");
  });
});

describe("the hourly roll-up from the evaluator's memory", () => {
  it("writes the same hour rows as rolling the minutes up in SQL", async () => {
    const { prisma, driver } = database();
    const estate = await seedLineageFixture(prisma);
    const HOUR = 3_600_000;
    const hour = Math.floor(Date.now() / HOUR) * HOUR - HOUR;
    const flowIds = [estate.flows.a1B.id, estate.flows.b1C.id];
    await prisma.flowMetricMinute.createMany({
      data: flowIds.flatMap((flowId, f) =>
        Array.from({ length: 60 }, (_, i) => i)
          .filter((i) => (i + f) % 7 !== 0)
          .map((i) => ({
            flowId, minute: new Date(hour + i * MINUTE), delivered: BigInt(40 + i), failed: BigInt(i % 3), retried: BigInt(i % 2), deadLettered: BigInt(i % 5 === 0 ? 1 : 0),
            latencyP50: i % 4 === 0 ? null : 10 + i / 3, latencyP95: 40 + (i % 11), latencyP99: i % 9 === 0 ? null : 90 + i, lagSeconds: i % 6 === 0 ? null : i / 2, bytes: BigInt(1000 + i), reports: 4,
          })),
      ),
    });
    // Two and a half minutes into the next hour the hour is rolled up, from the minutes the evaluator read.
    await evaluateHealth(systemCtx("test"), new Date(hour + HOUR + 150_000), { forceMaintenance: true });
    const rows = () => prisma.flowMetricHour.findMany({ where: { hour: new Date(hour), flowId: { in: flowIds } }, orderBy: { flowId: "asc" } });
    const fromMemory = await rows();
    expect(fromMemory).toHaveLength(2);
    await driver.transaction((tx) => downsample(tx, new Date(hour), new Date(hour + HOUR)));
    const fromSql = await rows();
    const round = (r: (typeof fromSql)[number]) => ({ ...r, latencyP50: r.latencyP50 === null ? null : Math.round(r.latencyP50 * 1e9) / 1e9 });
    expect(fromMemory.map(round)).toEqual(fromSql.map(round));
  });
});
