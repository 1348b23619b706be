import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database, db } from "@/lib/db/client";
import { silentAfterSeconds } from "@/lib/agents/silence";
import type { AnomalyFinding } from "./anomaly";
import { detectAnomalies, stepHysteresis, type AnomalyState, type MinutePoint } from "./detect";
import { publishHealthEvent } from "./events";
import { reconcileIncidents, type FlowVerdict } from "./incident-rules";
import { applyRetention, downsample, downsampleLateHours, fitModels, hourStart, HOUR_MS } from "./maintenance";
import { expectedRhythm } from "./rhythm";
import type { EvaluationResult, HealthStatusValue } from "./schemas";
import { expectedPerMinute, fitSeasonalModel, type SeasonalModel } from "./seasonal";
import { evaluateFlow, readSla, SLO_WINDOW_DAYS, type Sla } from "./sla";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

// One evaluator at a time across server instances; the scheduler skips a cycle when another instance holds it.
export const EVALUATION_LOCK_KEY = 7_142_020_006;
// Maintenance (downsampling, retention, baselines, the 30-day budget sums) runs when the hour turns, and again
// every 10 minutes so late minutes still reach the hourly roll-up.
const MAINTENANCE_EVERY_MS = 10 * 60_000;

type HourlySums = Map<string, { d6: number; f6: number; d3d: number; f3d: number; d30: number; f30: number; hours: number }>;
const state = globalThis as typeof globalThis & { __interchangeHealthMaintenance?: { hour: number; at: number; hourly: HourlySums } };

type HealthWrite = {
  id: string; status: string; since: string; reasons: string[]; sli: object; burn: object; budget: object;
  newest: string | null; model: SeasonalModel | null; anomaly: AnomalyState | Record<string, never>;
};

type MinuteRow = {
  flow_id: string;
  last_minute: Date | string | null;
  d5: number; f5: number; d30m: number; f30m: number; d1h: number; f1h: number; dcur: number; fcur: number;
  p95: number | null; p99: number | null; vol5: number | null; lag: number | null;
  newest: Date | string | null;
  not_measured: string | null;
  mins: number[]; vols: number[]; fails: number[]; p95s: (number | null)[];
};

// A minute is judged once its reports are in: agents send 15 s windows a few seconds after they close.
const ARRIVAL_GRACE_MS = 30_000;

/** Start of the newest minute whose telemetry is complete at `now`; later minutes are still arriving. */
export function lastCompleteMinute(now: Date): number {
  return Math.floor((now.getTime() - ARRIVAL_GRACE_MS) / 60_000) * 60_000 - 60_000;
}

/** The flow's complete minutes, newest last, with minutes it reported nothing for as zeros. */
function completeMinutes(m: MinuteRow | undefined, until: number): MinutePoint[] {
  if (!m?.mins?.length) return [];
  const byMinute = new Map(m.mins.map((at, i) => [Number(at), i]));
  const points: MinutePoint[] = [];
  for (let at = Number(m.mins[0]); at <= until; at += 60_000) {
    const i = byMinute.get(at);
    points.push(i === undefined ? { minute: at, volume: 0, failed: 0, p95: null } : { minute: at, volume: Number(m.vols[i]), failed: Number(m.fails[i]), p95: m.p95s[i] });
  }
  return points;
}

/**
 * Evaluates every flow against its SLA at `now`: status, SLIs, burn rates and error budget into flow_health, and
 * incidents opened, updated and resolved (SLA breaches with suspected upstream causes, anomalies against the seasonal
 * baseline, silent agents). Returns null when `skipIfBusy` and another evaluation holds the lock.
 */
export async function evaluateHealth(ctx: Ctx, now = new Date(), options: { skipIfBusy?: boolean; forceMaintenance?: boolean } = {}): Promise<EvaluationResult | null> {
  requirePermission(ctx, "health.evaluate");
  const started = performance.now();
  const { driver } = database();
  const outcome = await driver.transaction(async (tx) => {
    const [{ locked }] = await tx.query<{ locked: boolean }>(
      options.skipIfBusy ? `SELECT pg_try_advisory_xact_lock($1::bigint) AS locked` : `SELECT pg_advisory_xact_lock($1::bigint) IS NOT NULL AS locked`,
      [EVALUATION_LOCK_KEY],
    );
    if (!locked) return null;
    const phases: Record<string, number> = {};
    const t0 = performance.now();
    const hourly = await maintain(tx, now, options.forceMaintenance);
    phases.maintenance = Math.round(performance.now() - t0);
    const outcome = await evaluateAll(tx, now, hourly, phases);
    return { ...outcome, summary: { ...outcome.summary, phases } };
  });
  if (!outcome) return null;
  const result: EvaluationResult = { ...outcome.summary, ms: Math.round(performance.now() - started) };
  if (ctx.via !== "system") {
    await db().$transaction((tx) => recordAudit(tx, ctx, { action: "health.evaluate", entityType: "health", after: result }));
  }
  if (outcome.changed.length || outcome.summary.incidentsOpened || outcome.summary.incidentsResolved) {
    publishHealthEvent({ type: "evaluation", changed: outcome.changed.slice(0, 1000), at: now.toISOString() });
  }
  return result;
}

async function maintain(tx: Tx, now: Date, force = false): Promise<HourlySums> {
  const hour = hourStart(now).getTime();
  const last = state.__interchangeHealthMaintenance;
  if (!force && last && last.hour === hour && Math.abs(now.getTime() - last.at) < MAINTENANCE_EVERY_MS) return last.hourly;
  await downsample(tx, new Date(hour - 2 * HOUR_MS), new Date(hour));
  await downsampleLateHours(tx);
  await applyRetention(tx, now);
  await fitModels(tx, now);
  const rows = await tx.query<{ flow_id: string; d6: number; f6: number; d3d: number; f3d: number; d30: number; f30: number; hours: number }>(
    `SELECT flow_id::text AS flow_id,
            coalesce(sum(delivered) FILTER (WHERE hour >= $1::timestamptz - interval '6 hours'), 0)::float8 AS d6,
            coalesce(sum(failed) FILTER (WHERE hour >= $1::timestamptz - interval '6 hours'), 0)::float8 AS f6,
            coalesce(sum(delivered) FILTER (WHERE hour >= $1::timestamptz - interval '3 days'), 0)::float8 AS d3d,
            coalesce(sum(failed) FILTER (WHERE hour >= $1::timestamptz - interval '3 days'), 0)::float8 AS f3d,
            sum(delivered)::float8 AS d30, sum(failed)::float8 AS f30, count(*)::int AS hours
     FROM flow_metric_hour WHERE hour >= $1::timestamptz - make_interval(days => $2::int) AND hour < $1::timestamptz
     GROUP BY flow_id`,
    [new Date(hour).toISOString(), SLO_WINDOW_DAYS],
  );
  const hourly: HourlySums = new Map(rows.map((r) => [r.flow_id, r]));
  state.__interchangeHealthMaintenance = { hour, at: now.getTime(), hourly };
  return hourly;
}

/** The last hour of minute data, aggregated per flow in one pass, with the minutes themselves for anomaly detection. */
function minuteAggregates(tx: Tx, now: Date): Promise<MinuteRow[]> {
  const minute = new Date(Math.floor(now.getTime() / 60_000) * 60_000);
  return tx.query<MinuteRow>(
    `WITH m AS (
       SELECT * FROM flow_metric_minute WHERE minute > $1::timestamptz - interval '60 minutes' AND minute <= $1::timestamptz)
     SELECT m.flow_id::text AS flow_id, max(m.minute) AS last_minute,
         coalesce(sum(m.delivered) FILTER (WHERE m.minute > $1::timestamptz - interval '5 minutes'), 0)::float8 AS d5,
         coalesce(sum(m.failed) FILTER (WHERE m.minute > $1::timestamptz - interval '5 minutes'), 0)::float8 AS f5,
         coalesce(sum(m.delivered) FILTER (WHERE m.minute > $1::timestamptz - interval '30 minutes'), 0)::float8 AS d30m,
         coalesce(sum(m.failed) FILTER (WHERE m.minute > $1::timestamptz - interval '30 minutes'), 0)::float8 AS f30m,
         sum(m.delivered)::float8 AS d1h, sum(m.failed)::float8 AS f1h,
         coalesce(sum(m.delivered) FILTER (WHERE m.minute >= $3::timestamptz), 0)::float8 AS dcur,
         coalesce(sum(m.failed) FILTER (WHERE m.minute >= $3::timestamptz), 0)::float8 AS fcur,
         max(m.latency_p95) FILTER (WHERE m.minute > $1::timestamptz - interval '5 minutes') AS p95,
         max(m.latency_p99) FILTER (WHERE m.minute > $1::timestamptz - interval '5 minutes') AS p99,
         (sum(m.delivered + m.failed) FILTER (WHERE m.minute >= $2::timestamptz - interval '5 minutes' AND m.minute < $2::timestamptz))::float8 / 5 AS vol5,
         (array_agg(m.lag_seconds ORDER BY m.minute DESC) FILTER (WHERE m.lag_seconds IS NOT NULL))[1] AS lag,
         max(m.last_delivered_at) AS newest,
         (array_agg(array_to_string(m.not_measured, ',') ORDER BY m.minute DESC))[1] AS not_measured,
         array_agg((extract(epoch FROM m.minute) * 1000)::float8 ORDER BY m.minute) AS mins,
         array_agg((m.delivered + m.failed)::float8 ORDER BY m.minute) AS vols,
         array_agg(m.failed::float8 ORDER BY m.minute) AS fails,
         array_agg(m.latency_p95 ORDER BY m.minute) AS p95s
     FROM m GROUP BY m.flow_id`,
    [now.toISOString(), minute.toISOString(), hourStart(now).toISOString()],
  );
}

async function evaluateAll(tx: Tx, now: Date, hourly: HourlySums, phases: Record<string, number>) {
  let mark = performance.now();
  const phase = (name: string) => {
    const at = performance.now();
    phases[name] = Math.round(at - mark);
    mark = at;
  };
  const flows = await tx.query<{ id: string; name: string; sla: unknown }>(
    `WITH active AS (
       SELECT DISTINCT ON (interface_id) interface_id, sla FROM data_contract WHERE status = 'ACTIVE' ORDER BY interface_id, updated_at DESC)
     SELECT f.id::text AS id, f.name, a.sla FROM flow f LEFT JOIN active a ON a.interface_id = f.interface_id`,
  );
  phase("flows");
  const minutes = new Map((await minuteAggregates(tx, now)).map((r) => [r.flow_id, r]));
  phase("aggregates");
  const previous = new Map(
    (
      await tx.query<{ flow_id: string; status: HealthStatusValue; since: Date | string; newest_delivered_at: Date | string | null; model: SeasonalModel | null; anomaly_state: Partial<AnomalyState> }>(
        `SELECT flow_id::text AS flow_id, status::text AS status, since, newest_delivered_at, model, anomaly_state FROM flow_health`,
      )
    ).map((r) => [r.flow_id, r]),
  );
  const judged = lastCompleteMinute(now);
  const staleAfterSeconds = silentAfterSeconds();

  phase("state");
  const slaCache = new Map<string, { sla: Sla; source: "contract" | "defaults" }>();
  const verdicts: FlowVerdict[] = [];
  const counts: Record<HealthStatusValue, number> = { OK: 0, AT_RISK: 0, BREACHED: 0, NO_DATA: 0 };
  const writes: HealthWrite[] = [];
  const changed: string[] = [];
  for (const flow of flows) {
    const key = JSON.stringify(flow.sla ?? {});
    let sla = slaCache.get(key);
    if (!sla) slaCache.set(key, (sla = readSla(flow.sla)));
    const m = minutes.get(flow.id);
    const h = hourly.get(flow.id);
    const before = previous.get(flow.id);
    const points = completeMinutes(m, judged);
    const priorState = before?.anomaly_state?.minute ? (before.anomaly_state as AnomalyState) : undefined;
    // First-day models follow the last hour; while their incident is open they stay as they were before the fault.
    let model = before?.model ?? null;
    if (points.length && (!model || (model.kind === "recent" && !priorState?.open))) {
      model = fitSeasonalModel([], points.slice(-60).map((p) => p.volume), now.getTime()) ?? model;
    }
    const newestSeen = [before?.newest_delivered_at, m?.newest].filter((v) => v).map((v) => new Date(v!).getTime());
    const newest = newestSeen.length ? new Date(Math.max(...newestSeen)) : null;
    const rhythm = expectedRhythm({
      contractIntervalSeconds: sla.sla.expectedIntervalSeconds,
      contractMinPerMinute: sla.sla.volumePerMinute.min,
      expectedPerMinute: model ? expectedPerMinute(model, now.getTime()) : null,
      tolerance: model?.tolerance,
    });
    const evaluation = evaluateFlow(
      {
        lastMinute: m?.last_minute ? new Date(m.last_minute) : null,
        windows: {
          "5m": { good: m?.d5 ?? 0, bad: m?.f5 ?? 0 },
          "30m": { good: m?.d30m ?? 0, bad: m?.f30m ?? 0 },
          "1h": { good: m?.d1h ?? 0, bad: m?.f1h ?? 0 },
          "6h": { good: (h?.d6 ?? 0) + (m?.dcur ?? 0), bad: (h?.f6 ?? 0) + (m?.fcur ?? 0) },
          "3d": { good: (h?.d3d ?? 0) + (m?.dcur ?? 0), bad: (h?.f3d ?? 0) + (m?.fcur ?? 0) },
        },
        budget: { good: (h?.d30 ?? 0) + (m?.dcur ?? 0), bad: (h?.f30 ?? 0) + (m?.fcur ?? 0) },
        // Hours of the SLO window with data: the rolled-up ones, plus the last hour of minutes when there are any.
        budgetCoverageHours: (h?.hours ?? 0) + (m ? 1 : 0),
        lagSeconds: m?.lag ?? null,
        p95Ms: m?.p95 ?? null,
        p99Ms: m?.p99 ?? null,
        volumePerMinute: m?.vol5 ?? null,
        newestDeliveredAt: newest,
        notMeasured: m?.not_measured ? m.not_measured.split(",") : [],
        rhythm,
        staleAfterSeconds,
      },
      sla.sla,
      now,
    );
    counts[evaluation.status] += 1;
    const statusChanged = (before?.status ?? "NO_DATA") !== evaluation.status;
    if (statusChanged) changed.push(flow.id);
    let anomalies: AnomalyFinding[] = [];
    let state = priorState;
    if (model && points.length && evaluation.status !== "NO_DATA") {
      anomalies = detectAnomalies(model, points);
      state = stepHysteresis(priorState, judged, anomalies.length > 0);
    }
    if (evaluation.status !== "NO_DATA" || statusChanged || m || before?.anomaly_state?.open) {
      writes.push({
        id: flow.id,
        status: evaluation.status,
        since: statusChanged || !before ? now.toISOString() : new Date(before.since).toISOString(),
        reasons: evaluation.reasons,
        sli: evaluation.sli,
        burn: evaluation.burnRates,
        budget: evaluation.budget,
        newest: newest?.toISOString() ?? null,
        model,
        anomaly: state ?? {},
      });
    }
    verdicts.push({ flowId: flow.id, name: flow.name, evaluation, anomalies, anomalyOpen: state?.open ?? false });
  }
  phase("rules");
  if (writes.length) await writeHealth(tx, writes, now);
  phase("write");
  const incidents = await reconcileIncidents(tx, verdicts, now);
  phase("incidents");
  return {
    changed,
    summary: {
      evaluatedAt: now.toISOString(),
      flows: flows.length,
      counts,
      changed: changed.length,
      incidentsOpened: incidents.opened,
      incidentsResolved: incidents.resolved,
    },
  };
}

/** One statement for every row: the rows travel as a single JSON document (cheaper than arrays of jsonb). */
async function writeHealth(tx: Tx, rows: HealthWrite[], now: Date) {
  await tx.query(
    `INSERT INTO flow_health AS h (flow_id, status, since, reasons, sli, burn_rates, budget, evaluated_at, newest_delivered_at, model, anomaly_state)
     SELECT r.id, r.status::"HealthStatus", r.since, ARRAY(SELECT jsonb_array_elements_text(r.reasons)), r.sli, r.burn, r.budget, $2::timestamptz,
            r.newest, r.model, r.anomaly
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status text, since timestamptz, reasons jsonb, sli jsonb, burn jsonb, budget jsonb,
                                            newest timestamptz, model jsonb, anomaly jsonb)
     ON CONFLICT (flow_id) DO UPDATE SET status = excluded.status, since = excluded.since, reasons = excluded.reasons,
       sli = excluded.sli, burn_rates = excluded.burn_rates, budget = excluded.budget, evaluated_at = excluded.evaluated_at,
       newest_delivered_at = excluded.newest_delivered_at, model = excluded.model, anomaly_state = excluded.anomaly_state`,
    [JSON.stringify(rows), now.toISOString()],
  );
}
