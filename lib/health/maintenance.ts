import "server-only";
import type { HourRollUp } from "./minute-window";
import { retentionConfig } from "./retention-config";
import { fitSeasonalModel, type HourPoint, type SeasonalModel } from "./seasonal";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

import { HOUR_MS, hourStart } from "./health-timing";

export { HOUR_MS, hourStart };

/**
 * Rolls minute data up into hours for [from, to), replacing what was there (so late minutes are picked up on the
 * next run); with `flowIds`, only those flows. Counts add up; p95, p99 and lag keep the hour's worst minute, p50 the
 * average.
 */
export async function downsample(tx: Tx, from: Date, to: Date, flowIds?: readonly string[]): Promise<void> {
  await tx.query(
    `INSERT INTO flow_metric_hour AS h
       (flow_id, hour, delivered, failed, retried, dead_lettered, latency_p50, latency_p95, latency_p99, lag_seconds, bytes, minutes)
     SELECT flow_id, date_trunc('hour', minute, 'UTC'), sum(delivered), sum(failed), sum(retried), sum(dead_lettered),
            avg(latency_p50), max(latency_p95), max(latency_p99), max(lag_seconds), sum(bytes), count(*)
     FROM flow_metric_minute WHERE minute >= $1::timestamptz AND minute < $2::timestamptz
       AND ($3::uuid[] IS NULL OR flow_id = ANY($3::uuid[]))
     GROUP BY 1, 2
     ON CONFLICT (flow_id, hour) DO UPDATE SET
       delivered = excluded.delivered, failed = excluded.failed, retried = excluded.retried, dead_lettered = excluded.dead_lettered,
       latency_p50 = excluded.latency_p50, latency_p95 = excluded.latency_p95, latency_p99 = excluded.latency_p99,
       lag_seconds = excluded.lag_seconds, bytes = excluded.bytes, minutes = excluded.minutes`,
    [from.toISOString(), to.toISOString(), flowIds ? [...flowIds] : null],
  );
}

/**
 * Writes one hour's roll-ups computed from the minutes the evaluator holds (minute-window.ts rollUpHour, the same
 * figures downsample computes), replacing what was there; flows deleted meanwhile are left out.
 */
export async function writeHourRollUps(tx: Tx, hour: Date, rows: readonly { flowId: string; r: HourRollUp }[]): Promise<void> {
  if (!rows.length) return;
  const col = <T>(pick: (r: HourRollUp) => T) => rows.map((row) => pick(row.r));
  await tx.query(
    `INSERT INTO flow_metric_hour AS h
       (flow_id, hour, delivered, failed, retried, dead_lettered, latency_p50, latency_p95, latency_p99, lag_seconds, bytes, minutes)
     SELECT t.flow_id, $1::timestamptz, t.delivered, t.failed, t.retried, t.dead, t.p50, t.p95, t.p99, t.lag, t.bytes, t.minutes
     FROM unnest($2::uuid[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[], $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::bigint[], $12::int[])
          AS t(flow_id, delivered, failed, retried, dead, p50, p95, p99, lag, bytes, minutes)
     JOIN flow f ON f.id = t.flow_id
     ORDER BY t.flow_id
     ON CONFLICT (flow_id, hour) DO UPDATE SET
       delivered = excluded.delivered, failed = excluded.failed, retried = excluded.retried, dead_lettered = excluded.dead_lettered,
       latency_p50 = excluded.latency_p50, latency_p95 = excluded.latency_p95, latency_p99 = excluded.latency_p99,
       lag_seconds = excluded.lag_seconds, bytes = excluded.bytes, minutes = excluded.minutes`,
    [
      hour.toISOString(),
      rows.map((row) => row.flowId),
      col((r) => r.delivered), col((r) => r.failed), col((r) => r.retried), col((r) => r.deadLettered),
      col((r) => r.p50), col((r) => r.p95), col((r) => r.p99), col((r) => r.lag), col((r) => r.bytes), col((r) => r.minutes),
    ],
  );
}

/** The flows' hours that received late telemetry (health_late_hour), taken off the list: the caller rolls them up. */
export async function takeLateHours(tx: Tx): Promise<Map<number, string[]>> {
  const rows = await tx.query<{ hour: Date | string; flow_id: string }>(`DELETE FROM health_late_hour RETURNING hour, flow_id::text AS flow_id`);
  const byHour = new Map<number, string[]>();
  for (const row of rows) {
    const hour = new Date(row.hour).getTime();
    byHour.set(hour, [...(byHour.get(hour) ?? []), row.flow_id]);
  }
  return byHour;
}

/** Drops minute data, hourly data and batch ids past their retention. */
export async function applyRetention(tx: Tx, now: Date, config = retentionConfig()): Promise<void> {
  const minuteCutoff = new Date(now.getTime() - config.minuteDays * 86_400_000).toISOString();
  await tx.query(`DELETE FROM flow_metric_minute WHERE minute < $1::timestamptz`, [minuteCutoff]);
  await tx.query(`DELETE FROM telemetry_batch WHERE received_at < $1::timestamptz`, [minuteCutoff]);
  // A cumulative series not heard from for the minute retention is gone; if it returns, it counts from its start.
  await tx.query(`DELETE FROM otlp_series WHERE updated_at < $1::timestamptz`, [minuteCutoff]);
  await tx.query(`DELETE FROM flow_metric_hour WHERE hour < $1::timestamptz`, [new Date(now.getTime() - config.hourDays * 86_400_000).toISOString()]);
}

// A model is refitted once it is an hour old; a maintenance run (every 10 minutes) refits at most this many, oldest
// first, so that one run stays within its budget at 10,000 flows: each model is then refitted every few hours.
export const REFITS_PER_RUN = 300;
export const REFIT_AFTER_MS = HOUR_MS;

/**
 * Refits the seasonal volume models (lib/health/seasonal.ts) of the `due` flows (most overdue first: no model yet, a
 * first-day "recent" one, or fitted over an hour ago) from up to five weeks of hourly roll-ups, and stores them in
 * flow_health.model. Only flows with a day of history qualify: the evaluator fits a first-day model from the last
 * hour of minutes. Returns the models it fitted.
 */
export async function fitModels(tx: Tx, now: Date, due: readonly string[], limit = REFITS_PER_RUN): Promise<Map<string, SeasonalModel>> {
  const fitted = new Map<string, SeasonalModel>();
  if (!due.length) return fitted;
  const rows = await tx.query<{ flow_id: string; hours: number[]; volume: number[]; failed: number[]; minutes: number[]; p95: (number | null)[] }>(
    `WITH due AS (
       SELECT d.id FROM unnest($2::uuid[]) WITH ORDINALITY AS d(id, n)
       WHERE EXISTS (SELECT 1 FROM flow_metric_hour x WHERE x.flow_id = d.id
                     AND x.hour >= $1::timestamptz - interval '35 days' AND x.hour <= $1::timestamptz - interval '24 hours')
       ORDER BY d.n LIMIT $3::int)
     SELECT flow_id::text AS flow_id, array_agg((extract(epoch FROM hour) * 1000)::float8 ORDER BY hour) AS hours,
            array_agg((delivered + failed)::float8 ORDER BY hour) AS volume, array_agg(failed::float8 ORDER BY hour) AS failed,
            array_agg(minutes ORDER BY hour) AS minutes, array_agg(latency_p95 ORDER BY hour) AS p95
     FROM flow_metric_hour WHERE flow_id IN (SELECT id FROM due) AND hour >= $1::timestamptz - interval '35 days' AND hour < $1::timestamptz
     GROUP BY flow_id`,
    [hourStart(now).toISOString(), [...due], limit],
  );
  for (const row of rows) {
    const history: HourPoint[] = row.hours.map((hour, i) => ({ hour: Number(hour), volume: Number(row.volume[i]), failed: Number(row.failed[i]), minutes: Number(row.minutes[i]), p95: row.p95[i] }));
    const model = fitSeasonalModel(history, [], now.getTime());
    if (model) fitted.set(row.flow_id, model);
  }
  if (!fitted.size) return fitted;
  await tx.query(
    `INSERT INTO flow_health AS h (flow_id, model) SELECT r.id, r.model FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, model jsonb)
     ON CONFLICT (flow_id) DO UPDATE SET model = excluded.model`,
    [JSON.stringify([...fitted].map(([id, model]) => ({ id, model })))],
  );
  return fitted;
}
