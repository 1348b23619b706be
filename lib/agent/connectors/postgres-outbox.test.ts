// Against the real PostgreSQL on this machine (127.0.0.1:5432, user root, trust); each test uses its own table.
import { randomBytes } from "node:crypto";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseAgentConfig } from "../config";
import { postgresOutboxConnector } from "./postgres-outbox";

const URL = process.env.OUTBOX_TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const FLOW = "4a3c55d4-2f25-4c1c-9d0a-7c1b7d3f9a04";
let client: pg.Client;
const tables: string[] = [];

beforeAll(async () => {
  client = new pg.Client({ connectionString: URL });
  await client.connect();
});
afterAll(async () => {
  for (const t of tables) await client.query(`DROP TABLE IF EXISTS ${t}`);
  await client.end();
});

async function outboxTable() {
  const table = `agent_outbox_${randomBytes(4).toString("hex")}`;
  tables.push(table);
  await client.query(`CREATE TABLE ${table} (id bigserial PRIMARY KEY, payload jsonb, created_at timestamptz NOT NULL, sent_at timestamptz)`);
  return table;
}

describe("PostgreSQL outbox connector", () => {
  it("reports rows published in the window, their publish delay, the backlog's oldest age", async () => {
    const table = await outboxTable();
    const end = Date.now();
    const start = end - 60_000;
    const at = (msAgo: number) => new Date(end - msAgo).toISOString();
    // published in the window after 100/200/900 ms; one published before it; two waiting, the oldest for 90 s
    await client.query(
      `INSERT INTO ${table} (payload, created_at, sent_at) VALUES
        ('{}', $1, $2), ('{}', $3, $4), ('{}', $5, $6), ('{}', $7, $8), ('{}', $9, NULL), ('{}', $10, NULL)`,
      [at(10_100), at(10_000), at(20_200), at(20_000), at(30_900), at(30_000), at(120_000), at(119_000), at(90_000), at(5_000)],
    );
    const connector = postgresOutboxConnector({
      name: "outbox",
      kind: "postgres-outbox",
      connectionString: URL,
      outboxes: [{ table: `public.${table}`, createdAtColumn: "created_at", publishedAtColumn: "sent_at", flowId: FLOW }],
    });
    try {
      const [reading] = await connector.collect({ start, end }, end);
      expect(reading).toMatchObject({ flowId: FLOW, delivered: 3, failed: 0 });
      expect(reading.latencyMs).toEqual({ p50: 200, p95: 830, p99: 886 }); // percentile_cont over 100, 200, 900 ms
      expect(reading.lagSeconds).toBeGreaterThanOrEqual(90);
      expect(reading.lagSeconds).toBeLessThan(120);

      await client.query(`UPDATE ${table} SET sent_at = now() WHERE sent_at IS NULL`);
      const [caughtUp] = await connector.collect({ start, end }, end);
      expect(caughtUp.lagSeconds).toBe(0);
      expect(connector.status().status).toBe("OK");
    } finally {
      await connector.close();
    }
  });

  it("reports a missing table or column as a connector error naming it", async () => {
    const connector = postgresOutboxConnector({
      name: "outbox",
      kind: "postgres-outbox",
      connectionString: URL,
      outboxes: [{ table: "agent_outbox_missing", createdAtColumn: "created_at", publishedAtColumn: "published_at", flowId: FLOW }],
    });
    try {
      expect(await connector.collect({ start: 0, end: Date.now() }, Date.now())).toEqual([]);
      expect(connector.status()).toMatchObject({ status: "ERROR", error: expect.stringContaining('relation "agent_outbox_missing" does not exist') });
    } finally {
      await connector.close();
    }
  });

  it("takes only plain identifiers for table and columns", () => {
    const yaml = `portal: { url: "http://localhost:3000" }\nconnectors:\n  - name: o\n    kind: postgres-outbox\n    connectionString: postgresql://x@h/db\n    outboxes:\n      - table: "outbox; DROP TABLE users"\n        flowId: ${FLOW}\n`;
    expect(() => parseAgentConfig(yaml)).toThrow(/agent\.yaml:7:\d+ \/connectors\/0\/outboxes\/0\/table: Must be a plain SQL identifier/);
  });
});
