// PostgreSQL transactional outbox: a table where the application inserts events in its own transaction and a
// relay marks them published (published_at set). Per window:
//   delivered  rows whose published_at falls in the window
//   failed     always 0: an outbox records no failures (a stuck relay shows as backlog and lag)
//   latencyMs  p50/p95/p99 of published_at − created_at for the rows published in the window
//   lagSeconds age of the oldest unpublished row (0 when none), by the database's clock
// The window is compared with the database's timestamps; keep the agent's and the database's clocks in sync
// (NTP). An index on published_at (or a partial one WHERE published_at IS NULL) keeps the query cheap.
import pg from "pg";
import { flowRef, type PostgresOutboxConnectorConfig } from "../config";
import type { Reading, Window } from "../window";
import { StatusTracker, type Connector } from "./types";

type Outbox = PostgresOutboxConnectorConfig["outboxes"][number];

export function outboxQuery(outbox: Outbox): string {
  const table = outbox.table.split(".").map((part) => pg.escapeIdentifier(part)).join(".");
  const created = pg.escapeIdentifier(outbox.createdAtColumn);
  const published = pg.escapeIdentifier(outbox.publishedAtColumn);
  const inWindow = `${published} >= $1 AND ${published} < $2`;
  return `SELECT
    count(*) FILTER (WHERE ${published} IS NULL)::int AS backlog,
    coalesce(extract(epoch FROM clock_timestamp() - min(${created}) FILTER (WHERE ${published} IS NULL)), 0)::float8 AS lag_seconds,
    count(*) FILTER (WHERE ${inWindow})::int AS published,
    percentile_cont(ARRAY[0.5, 0.95, 0.99]) WITHIN GROUP (ORDER BY extract(epoch FROM ${published} - ${created}) * 1000)
      FILTER (WHERE ${inWindow}) AS latency
  FROM ${table}
  WHERE ${published} IS NULL OR ${inWindow}`;
}

export function postgresOutboxConnector(config: PostgresOutboxConnectorConfig, env = process.env): Connector {
  const tracker = new StatusTracker(config.name, "postgres-outbox");
  const connectionString = config.connectionString ?? (config.connectionStringEnv ? env[config.connectionStringEnv] : undefined);
  const pool = new pg.Pool({ connectionString, max: 1, idleTimeoutMillis: 60_000, application_name: `interchange-agent/${config.name}`, statement_timeout: 30_000 });
  pool.on("error", () => undefined);

  return {
    name: config.name,
    kind: "postgres-outbox",
    readsPastWindows: true,
    status: () => tracker.status(),
    async collect(window: Window): Promise<Reading[]> {
      const readings: Reading[] = [];
      for (const outbox of config.outboxes) {
        try {
          if (!connectionString) throw new Error(`no connection string (set connectionString or the environment variable ${config.connectionStringEnv})`);
          const { rows } = await pool.query<{ backlog: number; lag_seconds: number; published: number; latency: number[] | null }>(outboxQuery(outbox), [
            new Date(window.start),
            new Date(window.end),
          ]);
          const row = rows[0];
          const [p50, p95, p99] = row.latency ?? [];
          readings.push({
            ...flowRef(outbox),
            delivered: row.published,
            failed: 0,
            lagSeconds: Math.round(row.lag_seconds * 10) / 10,
            ...(row.latency ? { latencyMs: { p50: round(p50), p95: round(p95), p99: round(p99) } } : {}),
          });
          tracker.ok(outbox.table);
        } catch (error) {
          tracker.fail(outbox.table, error);
        }
      }
      return readings;
    },
    async close() {
      await pool.end().catch(() => undefined);
    },
  };
}

const round = (v: number) => Math.round(v * 10) / 10;
