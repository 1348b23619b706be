import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database, db } from "@/lib/db/client";
import { silentAfterSeconds } from "@/lib/agents/silence";
import type { AnomalyFinding } from "./anomaly";
import { detectAnomalies, JUDGED_MINUTES, stepHysteresis, type AnomalyState } from "./detect";
import { evaluatorState, forget, isCurrent, loadFlowStates, recordCycle, refreshMinutes, type EvaluatorState, type FlowState, type WrittenVerdict } from "./evaluator-state";
import { publishHealthEvent } from "./events";
import { MINUTE_MS } from "./health-timing";
import { reconcileIncidents, type FlowVerdict } from "./incident-rules";
import { maintain } from "./hourly-maintenance";
import { WINDOW_MS } from "./minute-window";
import { expectedRhythm } from "./rhythm";
import type { EvaluationResult, HealthStatusValue } from "./schemas";
import { expectedPerMinute, fitSeasonalModel, type SeasonalModel } from "./seasonal";
import { evaluateFlow, readSla, type Sla } from "./sla";
import type { FlowEnds } from "./upstream";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

// One evaluator at a time across server instances; the scheduler skips a cycle when another instance holds it.
export const EVALUATION_LOCK_KEY = 7_142_020_006;

type HealthWrite = { id: string; status: string; since: string; reasons: string[]; sli: object; burn: object; budget: object; newest: string | null };
type ModelWrite = { id: string; model: SeasonalModel | null; anomaly: AnomalyState | Record<string, never> };
// The SLA comes as its jsonb text: equal SLAs have equal text, so it is the cache key as it is, parsed once per cycle.
type FlowRow = { id: string; name: string; sla: string | null; provider_system_id: string; consumer_system_id: string };

// A minute is judged once its reports are in: agents send 15 s windows a few seconds after they close.
const ARRIVAL_GRACE_MS = 30_000;

/** Start of the newest minute whose telemetry is complete at `now`; later minutes are still arriving. */
export function lastCompleteMinute(now: Date): number {
  return Math.floor((now.getTime() - ARRIVAL_GRACE_MS) / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
}

/**
 * Evaluates every flow against its SLA at `now`: status, SLIs, burn rates and error budget into flow_health, and
 * incidents opened, updated and resolved (SLA breaches with suspected upstream causes, anomalies against the seasonal
 * baseline, silent agents). Incremental: it reads only the telemetry that arrived since the last cycle and judges again
 * only the flows whose figures can have changed (new telemetry, a minute passed, a silence or staleness deadline, new
 * hourly sums or SLA), writing only rows that changed. Returns null when `skipIfBusy` and another evaluation holds
 * the lock. `forceMaintenance`, and any evaluation not run by the scheduler (an admin's), read everything afresh.
 */
export async function evaluateHealth(ctx: Ctx, now = new Date(), options: { skipIfBusy?: boolean; forceMaintenance?: boolean } = {}): Promise<EvaluationResult | null> {
  requirePermission(ctx, "health.evaluate");
  const started = performance.now();
  const current = database();
  const state = evaluatorState(current);
  let outcome;
  try {
    outcome = await current.driver.transaction(async (tx) => {
      const [{ locked }] = await tx.query<{ locked: boolean }>(
        options.skipIfBusy ? `SELECT pg_try_advisory_xact_lock($1::bigint) AS locked` : `SELECT pg_advisory_xact_lock($1::bigint) IS NOT NULL AS locked`,
        [EVALUATION_LOCK_KEY],
      );
      if (!locked) return null;
      const phases: Record<string, number> = {};
      let mark = performance.now();
      const phase = (name: string) => {
        const at = performance.now();
        phases[name] = Math.round(at - mark);
        mark = at;
      };
      // An evaluation someone asked for (not the scheduler's) trusts no memory either.
      const afresh = options.forceMaintenance || ctx.via !== "system" || !(await isCurrent(tx, state, now));
      if (afresh) {
        forget(state);
        await loadFlowStates(tx, state);
      }
      phase("state");
      const changedMinutes = await refreshMinutes(tx, state, now, afresh);
      phase("minutes");
      const maintained = await maintain(tx, state, now, afresh);
      phase("maintenance");
      const result = await evaluateAll(tx, state, now, { afresh, maintained, changedMinutes }, phase);
      await recordCycle(tx, state, now);
      return { ...result, summary: { ...result.summary, phases } };
    });
  } catch (error) {
    forget(state);
    throw error;
  }
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

type CycleFacts = { afresh: boolean; maintained: boolean; changedMinutes: Map<string, number> };

// A row whose status, reasons and start stay the same is written again with its new figures (success rates, burn rates,
// budget...) once they are this old, at most REFRESHES_PER_CYCLE a cycle (the oldest first), so that an estate whose
// every flow reports between two cycles does not rewrite every row every cycle. Status changes are written at once.
const FIGURES_REFRESH_MS = 60_000;
const refreshesPerCycle = (flows: number) => Math.max(500, Math.ceil(flows / 4));

async function evaluateAll(tx: Tx, state: EvaluatorState, now: Date, facts: CycleFacts, phase: (name: string) => void) {
  const flows = await tx.query<FlowRow>(
    `WITH active AS (
       SELECT DISTINCT ON (interface_id) interface_id, sla FROM data_contract WHERE status = 'ACTIVE' ORDER BY interface_id, updated_at DESC)
     SELECT f.id::text AS id, f.name, a.sla::text AS sla, i.system_id::text AS provider_system_id, f.consumer_system_id::text AS consumer_system_id
     FROM flow f JOIN interface i ON i.id = f.interface_id LEFT JOIN active a ON a.interface_id = f.interface_id`,
  );
  phase("flows");
  const judged = lastCompleteMinute(now);
  const minuteOfNow = Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS;
  const staleAfterSeconds = silentAfterSeconds();
  const slaCache = new Map<string, Sla>();
  const verdicts: FlowVerdict[] = [];
  const counts: Record<HealthStatusValue, number> = { OK: 0, AT_RISK: 0, BREACHED: 0, NO_DATA: 0 };
  const writes: HealthWrite[] = [];
  const modelWrites: ModelWrite[] = [];
  const changed: string[] = [];
  let judgedFlows = 0;
  const stale: { entry: FlowState; write: HealthWrite }[] = [];
  const sums = state.sums!;
  for (const flow of flows) {
    const slaKey = flow.sla ?? "";
    let entry = state.flows.get(flow.id);
    if (!entry) {
      entry = { status: "NO_DATA", since: null, newest: null, model: null, anomaly: {}, verdict: null, written: null, writtenFigures: null, writtenAt: 0, slaKey: null, minuteOfNow: 0, judged: 0, dueAt: 0 };
      state.flows.set(flow.id, entry);
    }
    const series = state.series.get(flow.id);
    const minutePassed = !!series && (entry.minuteOfNow !== minuteOfNow || entry.judged !== judged);
    const due = facts.afresh || facts.maintained || facts.changedMinutes.has(flow.id) || entry.verdict === null || entry.slaKey !== slaKey || minutePassed || now.getTime() >= entry.dueAt;
    if (!due) {
      verdicts.push(entry.verdict!);
      counts[entry.verdict!.evaluation.status] += 1;
      continue;
    }
    judgedFlows += 1;
    let sla = slaCache.get(slaKey);
    if (!sla) slaCache.set(slaKey, (sla = readSla(flow.sla === null ? null : JSON.parse(flow.sla)).sla));
    const m = series ? series.figures(now.getTime(), sums.boundary) : null;
    const h = sums.byFlow.get(flow.id);
    const priorState = (entry.anomaly as Partial<AnomalyState>).minute ? (entry.anomaly as AnomalyState) : undefined;
    // First-day models follow the last hour; while their incident is open they stay as they were before the fault.
    let model = entry.model;
    // The judged minutes change when a minute completes or telemetry arrives for a complete one (late data); only then
    // are they laid out again for the anomaly rules.
    const pointsChanged = facts.afresh || entry.judged !== judged || (facts.changedMinutes.get(flow.id) ?? Infinity) <= judged;
    // A first-day model is fitted to the whole hour; the rules judge the last JUDGED_MINUTES.
    const refit = !model || (model.kind === "recent" && !priorState?.open);
    const points = pointsChanged && series && m ? series.points(now.getTime(), judged, refit ? WINDOW_MS / MINUTE_MS : JUDGED_MINUTES) : [];
    if (points.length && refit) model = fitSeasonalModel([], points.map((p) => p.volume), now.getTime()) ?? model;
    const newest = Math.max(entry.newest ?? -Infinity, m?.newest ?? -Infinity);
    const newestAt = Number.isFinite(newest) ? new Date(newest) : null;
    const rhythm = expectedRhythm({
      contractIntervalSeconds: sla.expectedIntervalSeconds,
      contractMinPerMinute: sla.volumePerMinute.min,
      expectedPerMinute: model ? expectedPerMinute(model, now.getTime()) : null,
      tolerance: model?.tolerance,
    });
    const inHour = m;
    const evaluation = evaluateFlow(
      {
        lastMinute: inHour ? new Date(inHour.lastMinute!) : null,
        windows: {
          "5m": { good: inHour?.d5 ?? 0, bad: inHour?.f5 ?? 0 },
          "30m": { good: inHour?.d30m ?? 0, bad: inHour?.f30m ?? 0 },
          "1h": { good: inHour?.d1h ?? 0, bad: inHour?.f1h ?? 0 },
          "6h": { good: (h?.d6 ?? 0) + (m?.dcur ?? 0), bad: (h?.f6 ?? 0) + (m?.fcur ?? 0) },
          "3d": { good: (h?.d3d ?? 0) + (m?.dcur ?? 0), bad: (h?.f3d ?? 0) + (m?.fcur ?? 0) },
        },
        budget: { good: (h?.d30 ?? 0) + (m?.dcur ?? 0), bad: (h?.f30 ?? 0) + (m?.fcur ?? 0) },
        // Hours of the SLO window with data: the rolled-up ones, plus the last hour of minutes when there are any.
        budgetCoverageHours: (h?.hours ?? 0) + (inHour ? 1 : 0),
        lagSeconds: inHour?.lag ?? null,
        p95Ms: inHour?.p95 ?? null,
        p99Ms: inHour?.p99 ?? null,
        volumePerMinute: inHour?.vol5 ?? null,
        newestDeliveredAt: newestAt,
        notMeasured: inHour?.notMeasured ? inHour.notMeasured.split(",") : [],
        rhythm,
        staleAfterSeconds,
      },
      sla,
      now,
    );
    counts[evaluation.status] += 1;
    const statusChanged = entry.status !== evaluation.status;
    if (statusChanged) changed.push(flow.id);
    // Between two judged minutes the findings and the hysteresis stay as they were.
    let anomalies: AnomalyFinding[] = evaluation.status === "NO_DATA" ? [] : (entry.verdict?.anomalies ?? []);
    let anomaly = priorState;
    if (model && points.length && evaluation.status !== "NO_DATA") {
      anomalies = detectAnomalies(model, points);
      anomaly = stepHysteresis(priorState, judged, anomalies.length > 0);
    }
    const since = statusChanged || !entry.since ? now.toISOString() : entry.since;
    const anomalyOpen = anomaly?.open ?? false;
    if (evaluation.status !== "NO_DATA" || statusChanged || m || priorState?.open) {
      const write = { id: flow.id, status: evaluation.status, since, reasons: evaluation.reasons, sli: evaluation.sli, burn: evaluation.burnRates, budget: evaluation.budget, newest: newestAt?.toISOString() ?? null };
      if (!sameVerdictWritten(entry.written, write)) {
        writes.push(write);
        entry.written = { status: write.status, since: write.since, reasons: write.reasons };
        entry.writtenFigures = figuresOf(write);
        entry.writtenAt = now.getTime();
      } else stale.push({ entry, write });
      if (model !== entry.model || anomalyWorthWriting(priorState, anomaly)) modelWrites.push({ id: flow.id, model, anomaly: anomaly ?? {} });
    }
    entry.status = evaluation.status;
    entry.since = since;
    entry.newest = newestAt?.getTime() ?? null;
    entry.model = model;
    entry.anomaly = anomaly ?? {};
    entry.slaKey = slaKey;
    entry.minuteOfNow = minuteOfNow;
    entry.judged = judged;
    entry.dueAt = deadline(evaluation.status, inHour?.lastMinute ?? null, newest, rhythm?.seconds ?? null, staleAfterSeconds, now.getTime());
    entry.verdict = { flowId: flow.id, name: flow.name, evaluation, anomalies, anomalyOpen };
    verdicts.push(entry.verdict);
  }
  refreshFigures(stale, writes, now.getTime(), refreshesPerCycle(flows.length));
  phase("rules");
  if (writes.length) await writeHealth(tx, writes, now);
  if (modelWrites.length) await writeModels(tx, modelWrites);
  phase("write");
  const lineage = sameLineage(state.lineage, flows) ? state.lineage : flows.map((f) => ({ id: f.id, providerSystemId: f.provider_system_id, consumerSystemId: f.consumer_system_id }));
  state.lineage = lineage;
  const incidents = await reconcileIncidents(tx, verdicts, lineage, now);
  phase("incidents");
  return {
    changed,
    summary: {
      evaluatedAt: now.toISOString(),
      flows: flows.length,
      judged: judgedFlows,
      written: writes.length,
      counts,
      changed: changed.length,
      incidentsOpened: incidents.opened,
      incidentsResolved: incidents.resolved,
    },
  };
}

/** Whether the status, start and reasons last written are these (then only the figures may be due). */
function sameVerdictWritten(written: WrittenVerdict | null, write: HealthWrite): boolean {
  if (!written || written.status !== write.status || written.since !== write.since || written.reasons.length !== write.reasons.length) return false;
  return written.reasons.every((reason, i) => reason === write.reasons[i]);
}

// The newest message's age grows every second; it alone is no reason to write.
const figuresOf = (write: HealthWrite) => JSON.stringify([{ ...write.sli, newestMessageAgeSeconds: null }, write.burn, write.budget, write.newest]);

/** Adds the rows whose figures changed and were last written FIGURES_REFRESH_MS ago, oldest first, up to `limit`. */
function refreshFigures(candidates: { entry: FlowState; write: HealthWrite }[], writes: HealthWrite[], now: number, limit: number) {
  const old = candidates.filter((c) => now - c.entry.writtenAt >= FIGURES_REFRESH_MS).sort((a, b) => a.entry.writtenAt - b.entry.writtenAt);
  let added = 0;
  for (const { entry, write } of old) {
    if (added >= limit) break;
    const figures = figuresOf(write);
    if (figures === entry.writtenFigures) continue;
    writes.push(write);
    entry.writtenFigures = figures;
    entry.writtenAt = now;
    added += 1;
  }
}

/**
 * Whether the hysteresis moved in a way a restart must not lose: an incident opening or closing, a streak of anomalous
 * minutes, or the calm minutes counted while one is open. A calm flow's count of calm minutes matters to nobody.
 */
function anomalyWorthWriting(before: AnomalyState | undefined, after: AnomalyState | undefined): boolean {
  if (before === after || !after) return false;
  return !before || before.open !== after.open || before.streak !== after.streak || after.open;
}

/** Whether the flows still have the ends they had: the diagnosis of the last cycle then still holds (incident-rules.ts). */
function sameLineage(lineage: readonly FlowEnds[], flows: readonly FlowRow[]): boolean {
  if (lineage.length !== flows.length) return false;
  return flows.every((f, i) => lineage[i].id === f.id && lineage[i].providerSystemId === f.provider_system_id && lineage[i].consumerSystemId === f.consumer_system_id);
}

/** The next moment the verdict can change with no new telemetry: the flow goes stale, or its silence breaches. */
function deadline(status: HealthStatusValue, lastMinute: number | null, newest: number, rhythmSeconds: number | null, staleAfterSeconds: number, now: number): number {
  let next = Infinity;
  const stale = status !== "NO_DATA" && lastMinute !== null ? lastMinute + MINUTE_MS + staleAfterSeconds * 1000 + 1 : null;
  if (stale !== null && stale > now) next = Math.min(next, stale);
  const silent = rhythmSeconds !== null && Number.isFinite(newest) ? newest + rhythmSeconds * 1000 + 1000 : null;
  if (silent !== null && silent > now) next = Math.min(next, silent);
  return next;
}

/** One statement for every changed row: the rows travel as a single JSON document (cheaper than arrays of jsonb). */
async function writeHealth(tx: Tx, rows: HealthWrite[], now: Date) {
  await tx.query(
    `INSERT INTO flow_health AS h (flow_id, status, since, reasons, sli, burn_rates, budget, evaluated_at, newest_delivered_at)
     SELECT r.id, r.status::"HealthStatus", r.since, ARRAY(SELECT jsonb_array_elements_text(r.reasons)), r.sli, r.burn, r.budget, $2::timestamptz, r.newest
     FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, status text, since timestamptz, reasons jsonb, sli jsonb, burn jsonb, budget jsonb, newest timestamptz)
     ON CONFLICT (flow_id) DO UPDATE SET status = excluded.status, since = excluded.since, reasons = excluded.reasons,
       sli = excluded.sli, burn_rates = excluded.burn_rates, budget = excluded.budget, evaluated_at = excluded.evaluated_at,
       newest_delivered_at = excluded.newest_delivered_at`,
    [JSON.stringify(rows), now.toISOString()],
  );
}

/** The models and anomaly states that changed (a first-day model refitted, a minute judged). */
async function writeModels(tx: Tx, rows: ModelWrite[]) {
  await tx.query(
    `INSERT INTO flow_health AS h (flow_id, model, anomaly_state)
     SELECT r.id, r.model, coalesce(r.anomaly, '{}'::jsonb) FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, model jsonb, anomaly jsonb)
     ON CONFLICT (flow_id) DO UPDATE SET model = excluded.model, anomaly_state = excluded.anomaly_state`,
    [JSON.stringify(rows)],
  );
}

