import { describe, expect, it } from "vitest";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { setupTestDatabase } from "@/lib/testing/integration";
import { fitModels } from "./maintenance";

const database = setupTestDatabase();
const HOUR = 3_600_000;

describe("seasonal model fitting in maintenance", () => {
  it("refits the due flows most overdue first, at most the run's limit, and only flows with a day of history", async () => {
    const { prisma, driver } = database();
    const estate = await seedLineageFixture(prisma);
    const flowIds = [estate.flows.a1E.id, estate.flows.b1C.id];
    const young = estate.flows.c1D.id;
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + 5 * 60_000);
    const data = flowIds.flatMap((flowId) =>
      Array.from({ length: 48 }, (_, i) => ({ flowId, hour: new Date(now.getTime() - (i + 1) * HOUR), delivered: 600n, minutes: 60 })),
    );
    await prisma.flowMetricHour.createMany({ data: [...data, { flowId: young, hour: new Date(now.getTime() - 2 * HOUR), delivered: 600n, minutes: 60 }] });
    const fittedAt = async () =>
      new Map((await prisma.flowHealth.findMany({ where: { flowId: { in: flowIds } } })).map((h) => [h.flowId, (h.model as { fittedAt: number } | null)?.fittedAt]));
    const run = (at: Date, due: string[], limit?: number) => driver.transaction((tx) => fitModels(tx, at, due, limit));

    // The young flow has two hours of history: the evaluator fits its first-day model, maintenance does not.
    expect([...(await run(now, [young, ...flowIds])).keys()].sort()).toEqual([...flowIds].sort());
    expect([...(await fittedAt()).values()]).toEqual([now.getTime(), now.getTime()]);
    const later = new Date(now.getTime() + 61 * 60_000);
    // With room for one refit, the first due flow goes first.
    expect([...(await run(later, [flowIds[1], flowIds[0]], 1)).keys()]).toEqual([flowIds[1]]);
    const after = await fittedAt();
    expect(after.get(flowIds[1])).toBe(later.getTime());
    expect(after.get(flowIds[0])).toBe(now.getTime());
  });
});
