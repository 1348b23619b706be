import pg from "pg";
import { describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/auth/require";
import { EVALUATION_LOCK_KEY, evaluateHealth } from "@/lib/health/evaluate";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { SNAPSHOT_LOCK_KEY, snapshotScoresExclusively } from "@/lib/scorecards/data";
import { setupTestDatabase } from "@/lib/testing/integration";
import { EXCLUSIVE_WORK, runExclusively } from "./exclusive";

// Advisory locks belong to a database session: another instance is another connection, which a second pg.Client is.
const database = setupTestDatabase();
const url = () => (database().config as { url: string }).url;
const DAY = 86_400_000;

/** Another instance in the middle of the work guarded by `key`, until release() is called. */
async function otherInstanceHolding(key: number): Promise<{ release(): Promise<void> }> {
  const client = new pg.Client({ connectionString: url() });
  await client.connect();
  await client.query("BEGIN");
  await client.query("SELECT pg_advisory_xact_lock($1::bigint)", [key]);
  return {
    async release() {
      await client.query("COMMIT");
      await client.end();
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.skipIf(!process.env.TEST_DATABASE_URL)("work done once across instances", () => {
  it("runs guarded work in one instance at a time: a second one skips it, or waits its turn when asked to", async () => {
    const spans: [number, number][] = [];
    const work = async () => {
      const start = performance.now();
      await sleep(300);
      spans.push([start, performance.now()]);
      return "done";
    };
    const skipped = await Promise.all([runExclusively(EXCLUSIVE_WORK.bootLint, work), runExclusively(EXCLUSIVE_WORK.bootLint, work)]);
    expect(skipped.filter((o) => o.ran)).toHaveLength(1);
    expect(skipped.find((o) => o.ran)).toEqual({ ran: true, result: "done" });

    spans.length = 0;
    const other = await otherInstanceHolding(EXCLUSIVE_WORK.bootViolations);
    expect(await runExclusively(EXCLUSIVE_WORK.bootViolations, work)).toEqual({ ran: false });
    const waiting = runExclusively(EXCLUSIVE_WORK.bootViolations, work, { wait: true });
    await sleep(300);
    expect(spans).toHaveLength(0); // still waiting for the other instance
    await other.release();
    expect(await waiting).toEqual({ ran: true, result: "done" });

    spans.length = 0;
    await Promise.all([1, 2, 3].map(() => runExclusively(EXCLUSIVE_WORK.bootViolations, work, { wait: true })));
    spans.sort((a, b) => a[0] - b[0]);
    expect(spans).toHaveLength(3);
    for (let i = 1; i < spans.length; i++) expect(spans[i][0]).toBeGreaterThanOrEqual(spans[i - 1][1]);
  });

  it("skips SLA evaluation, maintenance and retention while another instance evaluates, and runs them once it is done", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const now = new Date();
    // Minute data past the 14-day retention: maintenance deletes it.
    const expired = new Date(Math.floor((now.getTime() - 20 * DAY) / 60_000) * 60_000);
    await prisma.flowMetricMinute.create({ data: { flowId: estate.flows.a1B.id, minute: expired, delivered: 5n } });

    const other = await otherInstanceHolding(EVALUATION_LOCK_KEY);
    try {
      expect(await evaluateHealth(systemCtx("instance-b"), now, { skipIfBusy: true, forceMaintenance: true })).toBeNull();
      expect(await prisma.flowMetricMinute.count({ where: { flowId: estate.flows.a1B.id, minute: expired } })).toBe(1);
      expect(await prisma.flowHealth.count()).toBe(0);
    } finally {
      await other.release();
    }
    const result = await evaluateHealth(systemCtx("instance-b"), now, { skipIfBusy: true, forceMaintenance: true });
    expect(result?.flows).toBeGreaterThan(0);
    expect(await prisma.flowMetricMinute.count({ where: { flowId: estate.flows.a1B.id, minute: expired } })).toBe(0);
  });

  it("takes one scorecard snapshot per tick across instances", async () => {
    const other = await otherInstanceHolding(SNAPSHOT_LOCK_KEY);
    try {
      expect(await snapshotScoresExclusively()).toBeNull();
    } finally {
      await other.release();
    }
    expect(await snapshotScoresExclusively()).not.toBeNull();
  });
});
