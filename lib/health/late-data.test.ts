import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateAgent, createAgent } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { systemCtx } from "@/lib/auth/require";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { evaluateHealth } from "./evaluate";
import { ingestTelemetry } from "./ingest";
import { getFlowHealth } from "./read";

const database = setupTestDatabase();
const HOUR = 3_600_000;

describe("late telemetry", () => {
  it("reaches the hourly roll-up and the error budget when an agent's buffer arrives two days late", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const flowId = estate.flows.a1E.id;
    const admin = await actAs(database(), "ADMIN");
    const { token } = await createAgent(admin, { name: `late-${estate.tag}`, systemIds: [], flowIds: [flowId] });
    const agent: Ctx = { actor: null, requestId: "t", via: "agent", agent: await authenticateAgent(token) };
    const now = new Date();
    // The roll-up of that hour already ran (nothing was there then).
    await evaluateHealth(systemCtx("test"), now, { forceMaintenance: true });
    const lateHour = Math.floor(now.getTime() / HOUR) * HOUR - 48 * HOUR;
    const measurements = Array.from({ length: 60 }, (_, i) => ({
      flowId,
      windowStart: new Date(lateHour + i * 60_000).toISOString(),
      windowEnd: new Date(lateHour + (i + 1) * 60_000).toISOString(),
      delivered: 95,
      failed: 5,
    }));
    const recent = Math.floor(now.getTime() / 60_000) * 60_000 - 2 * 60_000;
    const current = { flowId, windowStart: new Date(recent).toISOString(), windowEnd: new Date(recent + 60_000).toISOString(), delivered: 100, failed: 0 };
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: [...measurements, current] });
    await evaluateHealth(systemCtx("test"), now, { forceMaintenance: true });
    const hour = await prisma.flowMetricHour.findUniqueOrThrow({ where: { flowId_hour: { flowId, hour: new Date(lateHour) } } });
    expect(hour).toMatchObject({ delivered: 5700n, failed: 300n, minutes: 60 });
    expect((await getFlowHealth(systemCtx("test"), flowId)).budget).toMatchObject({ events: 6100, failed: 300 });
    expect(await prisma.healthLateHour.count()).toBe(0);
  });
});
