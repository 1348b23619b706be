import "server-only";
import { retentionConfig } from "./retention-config";
import { fitSeasonalModel, type HourPoint, type SeasonalModel } from "./seasonal";

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

/** Rolls up again every hour that received late telemetry (health_late_hour), then forgets them. */
export async function downsampleLateHours(tx: Tx): Promise<number> {
  const late = await tx.query<{ hour: Date | string }>(`DELETE FROM health_late_hour RETURNING hour`);
  for (const { hour } of late) {
    const from = new Date(hour);
    await downsample(tx, from, new Date(from.getTime() + HOUR_MS));
  }
  return late.length;
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

// A model is refitted once it is an hour old; a maintenance run refits at most this many (oldest first), so the
// hourly turn does not refit 10,000 flows' five weeks of history in one evaluation cycle. Maintenance runs every
// 10 minutes: up to 15,000 refits an hour.
const REFITS_PER_RUN = 2500;
const REFIT_AFTER_MS = HOUR_MS;

/**
 * Refits the seasonal volume models (lib/health/seasonal.ts) that are due (none yet, a first-day "recent" one, or fitted
 * over an hour ago) from up to five weeks of hourly roll-ups, and stores them in flow_health.model. Only flows with a
 * day of history qualify: the evaluator fits a first-day model from the last hour of minutes. Returns how many it refit.
 */
export async function fitModels(tx: Tx, now: Date, limit = REFITS_PER_RUN): Promise<number> {
  const rows = await tx.query<{ flow_id: string; hours: number[]; volume: number[]; failed: number[]; minutes: number[]; p95: (number | null)[] }>(
    `WITH due AS (
       SELECT f.id FROM flow f LEFT JOIN flow_health h ON h.flow_id = f.id
       WHERE (h.model IS NULL OR h.model->>'kind' = 'recent' OR (h.model->>'fittedAt')::float8 <= $2::float8)
         AND EXISTS (SELECT 1 FROM flow_metric_hour x WHERE x.flow_id = f.id
                     AND x.hour >= $1::timestamptz - interval '35 days' AND x.hour <= $1::timestamptz - interval '24 hours')
       ORDER BY coalesce((h.model->>'fittedAt')::float8, 0) LIMIT $3::int)
     SELECT flow_id::text AS flow_id, array_agg((extract(epoch FROM hour) * 1000)::float8 ORDER BY hour) AS hours,
            array_agg((delivered + failed)::float8 ORDER BY hour) AS volume, array_agg(failed::float8 ORDER BY hour) AS failed,
            array_agg(minutes ORDER BY hour) AS minutes, array_agg(latency_p95 ORDER BY hour) AS p95
     FROM flow_metric_hour WHERE flow_id IN (SELECT id FROM due) AND hour >= $1::timestamptz - interval '35 days' AND hour < $1::timestamptz
     GROUP BY flow_id`,
    [hourStart(now).toISOString(), now.getTime() - REFIT_AFTER_MS, limit],
  );
  const models: { id: string; model: SeasonalModel }[] = [];
  for (const row of rows) {
    const history: HourPoint[] = row.hours.map((hour, i) => ({ hour: Number(hour), volume: Number(row.volume[i]), failed: Number(row.failed[i]), minutes: Number(row.minutes[i]), p95: row.p95[i] }));
    const model = fitSeasonalModel(history, [], now.getTime());
    if (model) models.push({ id: row.flow_id, model });
  }
  if (!models.length) return 0;
  await tx.query(
    `INSERT INTO flow_health AS h (flow_id, model) SELECT r.id, r.model FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, model jsonb)
     ON CONFLICT (flow_id) DO UPDATE SET model = excluded.model`,
    [JSON.stringify(models)],
  );
  return models.length;
}
