import "server-only";
import { hourOfWeek } from "./anomaly";
import { retentionConfig } from "./retention-config";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

export const HOUR_MS = 3_600_000;
export const hourStart = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * Rolls minute data up into hours for [from, to), replacing what was there (so late minutes are picked up on the
 * next run). Counts add up; p95, p99 and lag keep the hour's worst minute, p50 the average.
 */
export async function downsample(tx: Tx, from: Date, to: Date): Promise<void> {
  await tx.query(
    `INSERT INTO flow_metric_hour AS h
       (flow_id, hour, delivered, failed, retried, dead_lettered, latency_p50, latency_p95, latency_p99, lag_seconds, bytes, minutes)
     SELECT flow_id, date_trunc('hour', minute, 'UTC'), sum(delivered), sum(failed), sum(retried), sum(dead_lettered),
            avg(latency_p50), max(latency_p95), max(latency_p99), max(lag_seconds), sum(bytes), count(*)
     FROM flow_metric_minute WHERE minute >= $1::timestamptz AND minute < $2::timestamptz
     GROUP BY 1, 2
     ON CONFLICT (flow_id, hour) DO UPDATE SET
       delivered = excluded.delivered, failed = excluded.failed, retried = excluded.retried, dead_lettered = excluded.dead_lettered,
       latency_p50 = excluded.latency_p50, latency_p95 = excluded.latency_p95, latency_p99 = excluded.latency_p99,
       lag_seconds = excluded.lag_seconds, bytes = excluded.bytes, minutes = excluded.minutes`,
    [from.toISOString(), to.toISOString()],
  );
}

/** Drops minute data, hourly data and batch ids past their retention. */
export async function applyRetention(tx: Tx, now: Date, config = retentionConfig()): Promise<void> {
  const minuteCutoff = new Date(now.getTime() - config.minuteDays * 86_400_000).toISOString();
  await tx.query(`DELETE FROM flow_metric_minute WHERE minute < $1::timestamptz`, [minuteCutoff]);
  await tx.query(`DELETE FROM telemetry_batch WHERE received_at < $1::timestamptz`, [minuteCutoff]);
  await tx.query(`DELETE FROM flow_metric_hour WHERE hour < $1::timestamptz`, [new Date(now.getTime() - config.hourDays * 86_400_000).toISOString()]);
}

/**
 * The seasonal baseline for the hour of week `now` falls in: median and MAD of each flow's per-minute volume, p95
 * latency and failure rate over the same clock hour in earlier weeks (as far back as minute data is kept).
 */
export async function refreshBaselines(tx: Tx, now: Date, config = retentionConfig()): Promise<void> {
  const weeks = Math.max(1, Math.floor(config.minuteDays / 7));
  await tx.query(
    `WITH ranges AS (SELECT $1::timestamptz - k * interval '7 days' AS lo FROM generate_series(1, $3::int) k),
     v AS (
       SELECT m.flow_id, (m.delivered + m.failed)::float8 AS volume, m.latency_p95,
              CASE WHEN m.delivered + m.failed > 0 THEN m.failed::float8 / (m.delivered + m.failed) END AS failure_rate
       FROM ranges r JOIN flow_metric_minute m ON m.minute >= r.lo AND m.minute < r.lo + interval '1 hour'),
     long AS (
       SELECT flow_id, 'volume' AS metric, volume AS value FROM v
       UNION ALL SELECT flow_id, 'latency_p95', latency_p95 FROM v WHERE latency_p95 IS NOT NULL
       UNION ALL SELECT flow_id, 'failure_rate', failure_rate FROM v WHERE failure_rate IS NOT NULL),
     med AS (SELECT flow_id, metric, percentile_cont(0.5) WITHIN GROUP (ORDER BY value) AS median, count(*)::int AS n FROM long GROUP BY 1, 2)
     INSERT INTO flow_baseline AS b (flow_id, metric, hour_of_week, median, mad, samples, computed_at)
     SELECT l.flow_id, l.metric, $2::int, med.median, percentile_cont(0.5) WITHIN GROUP (ORDER BY abs(l.value - med.median)), med.n, now()
     FROM long l JOIN med ON med.flow_id = l.flow_id AND med.metric = l.metric
     GROUP BY l.flow_id, l.metric, med.median, med.n
     ON CONFLICT (flow_id, metric, hour_of_week) DO UPDATE SET
       median = excluded.median, mad = excluded.mad, samples = excluded.samples, computed_at = excluded.computed_at`,
    [hourStart(now).toISOString(), hourOfWeek(now), weeks],
  );
}
