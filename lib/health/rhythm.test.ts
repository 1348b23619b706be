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
import { expectedRhythm } from "./rhythm";

const database = setupTestDatabase();
const MINUTE = 60_000;
const WINDOW = 15_000;

async function reporter(systemIds: string[]): Promise<Ctx> {
  const admin = await actAs(database(), "ADMIN");
  const { token } = await createAgent(admin, { name: `rhythm-${randomUUID().slice(0, 8)}`, systemIds, flowIds: [] });
  return { actor: null, requestId: "test", via: "agent", agent: await authenticateAgent(token) };
}

/** Agent windows of 15 s for [from, to): 10 msg/min spread as 3, 2, 3, 2 until `stop`, nothing after (nothing waits either). */
function windows(flowId: string, from: number, to: number, stop: number) {
  const out = [];
  for (let at = from; at < to; at += WINDOW) {
    const delivered = at >= stop ? 0 : (at / WINDOW) % 2 ? 2 : 3;
    out.push({ flowId, windowStart: new Date(at).toISOString(), windowEnd: new Date(at + WINDOW).toISOString(), delivered, failed: 0, lagSeconds: 0 });
  }
  return out;
}

describe("silence is a fault", () => {
  it("breaches a 10 msg/min flow whose producer stops within twice its learnt interval, though nothing is waiting", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.A.id]);
    const flowId = estate.flows.a1E.id;
    const stop = Math.floor(Date.now() / MINUTE) * MINUTE - 12 * MINUTE;
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: windows(flowId, stop - 40 * MINUTE, stop + 11 * MINUTE, stop) });

    await evaluateHealth(systemCtx("test"), new Date(stop - 10_000));
    const before = await getFlowHealth(systemCtx("test"), flowId);
    expect(before.status).toBe("OK");
    const interval = before.sli.expectedIntervalSeconds as number;
    expect(before.sli).toMatchObject({ rhythmSource: "learnt", lagSeconds: 0 });
    expect(interval).toBeGreaterThanOrEqual(60);
    expect(interval).toBeLessThan(600);

    let breachedAfter: number | null = null;
    for (let after = 30_000; after <= 2 * interval * 1000; after += 30_000) {
      await evaluateHealth(systemCtx("test"), new Date(stop + after));
      const health = await getFlowHealth(systemCtx("test"), flowId);
      if (health.status === "BREACHED") {
        breachedAfter = after / 1000;
        expect(health.reasons.join()).toMatch(/no message delivered for \d+ s; the flow's learnt rhythm allows \d+ s/);
        break;
      }
    }
    expect(breachedAfter).not.toBeNull();
    expect(breachedAfter!).toBeLessThanOrEqual(2 * interval);
  });

  it("turns a flow NO_DATA within one evaluation once its agent has been silent for AGENT_SILENT_AFTER_SECONDS", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.A.id]);
    const flowId = estate.flows.a1B.id;
    const end = Math.floor(Date.now() / MINUTE) * MINUTE - 5 * MINUTE;
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: windows(flowId, end - 20 * MINUTE, end, end + MINUTE) });
    await evaluateHealth(systemCtx("test"), new Date(end + 150_000));
    expect((await getFlowHealth(systemCtx("test"), flowId)).status).not.toBe("NO_DATA");
    await evaluateHealth(systemCtx("test"), new Date(end + 210_000));
    expect(await getFlowHealth(systemCtx("test"), flowId)).toMatchObject({ status: "NO_DATA", reasons: [expect.stringMatching(/stale/)] });
  });

  it("takes the rhythm from the contract's minimum volume or interval when it states one", () => {
    expect(expectedRhythm({ contractMinPerMinute: 10, expectedPerMinute: 500 })).toEqual({ seconds: 83, source: "contract" });
    expect(expectedRhythm({ contractIntervalSeconds: 3600, contractMinPerMinute: null, expectedPerMinute: null })).toEqual({ seconds: 3600, source: "contract" });
    expect(expectedRhythm({ contractMinPerMinute: null, expectedPerMinute: 0.01 })).toBeNull();
  });
});
