import { describe, expect, it } from "vitest";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { setupTestDatabase } from "@/lib/testing/integration";
import { fitModels } from "./maintenance";

const database = setupTestDatabase();
const HOUR = 3_600_000;

describe("seasonal model fitting in maintenance", () => {
  it("refits a model only once it is an hour old, oldest first and at most the run's limit", async () => {
    const { prisma, driver } = database();
    const estate = await seedLineageFixture(prisma);
    const flowIds = [estate.flows.a1E.id, estate.flows.b1C.id];
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + 5 * 60_000);
    const data = flowIds.flatMap((flowId) =>
      Array.from({ length: 48 }, (_, i) => ({ flowId, hour: new Date(now.getTime() - (i + 1) * HOUR), delivered: 600n, minutes: 60 })),
    );
    await prisma.flowMetricHour.createMany({ data });
    const fittedAt = async () =>
      new Map((await prisma.flowHealth.findMany({ where: { flowId: { in: flowIds } } })).map((h) => [h.flowId, (h.model as { fittedAt: number } | null)?.fittedAt]));
    const run = (at: Date, limit?: number) => driver.transaction((tx) => fitModels(tx, at, limit));

    expect(await run(now)).toBe(2);
    expect([...(await fittedAt()).values()]).toEqual([now.getTime(), now.getTime()]);
    // Ten minutes on: nothing is due, nothing is refitted.
    expect(await run(new Date(now.getTime() + 10 * 60_000))).toBe(0);
    // One flow's model is older: it goes first when only one refit is allowed.
    await prisma.$executeRawUnsafe(`UPDATE flow_health SET model = jsonb_set(model, '{fittedAt}', to_jsonb($1::float8)) WHERE flow_id = $2::uuid`, now.getTime() - 10 * 60_000, flowIds[1]);
    const later = new Date(now.getTime() + 61 * 60_000);
    expect(await run(later, 1)).toBe(1);
    const after = await fittedAt();
    expect(after.get(flowIds[1])).toBe(later.getTime());
    expect(after.get(flowIds[0])).toBe(now.getTime());
  });
});
