import { describe, expect, it } from "vitest";
import { startEventRelay } from "./event-relay";
import { healthBus, type HealthEvent } from "./events";
import pg from "pg";
import { setupTestDatabase } from "@/lib/testing/integration";

const url = process.env.TEST_DATABASE_URL;

describe.skipIf(!url)("health event relay (LISTEN/NOTIFY)", () => {
  it("delivers another instance's events to this instance's listeners, and not its own twice", async () => {
    const stop = await startEventRelay(url!);
    const received: HealthEvent[] = [];
    const listener = (event: HealthEvent) => received.push(event);
    healthBus().on("event", listener);
    try {
      // Another instance: a NOTIFY with a different origin.
      const other = new pg.Client({ connectionString: url });
      await other.connect();
      await other.query(`SELECT pg_notify('interchange_health', $1)`, [JSON.stringify({ origin: "other-instance", event: { type: "agent", agentId: "a-1" } })]);
      await other.end();
      // This instance's own event comes back over NOTIFY but must not be emitted again.
      healthBus().emit("local", { type: "agent", agentId: "mine" } satisfies HealthEvent);
      await new Promise((r) => setTimeout(r, 500));
      expect(received).toEqual([{ type: "agent", agentId: "a-1" }]);
    } finally {
      healthBus().off("event", listener);
      await stop();
    }
  });
});

describe.skipIf(!url)("health event relay after a lost connection", () => {
  const database = setupTestDatabase();

  it("listens again when the database drops its connection, so other instances' events come back", async () => {
    const own = (database().config as { url: string }).url;
    const stop = await startEventRelay(own);
    const received: HealthEvent[] = [];
    const listener = (event: HealthEvent) => received.push(event);
    healthBus().on("event", listener);
    const admin = new pg.Client({ connectionString: own });
    await admin.connect();
    try {
      const [{ count }] = (
        await admin.query<{ count: number }>(
          `SELECT count(pg_terminate_backend(pid))::int AS count FROM pg_stat_activity WHERE datname = current_database() AND query ILIKE 'LISTEN interchange_health%'`,
        )
      ).rows;
      expect(count).toBe(1);
      const deadline = Date.now() + 15_000;
      while (!received.length && Date.now() < deadline) {
        await admin.query(`SELECT pg_notify('interchange_health', $1)`, [JSON.stringify({ origin: "other-instance", event: { type: "agent", agentId: "after-restart" } })]);
        await new Promise((r) => setTimeout(r, 250));
      }
      expect(received[0]).toEqual({ type: "agent", agentId: "after-restart" });
    } finally {
      healthBus().off("event", listener);
      await admin.end();
      await stop();
    }
  });
});
