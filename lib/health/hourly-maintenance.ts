import "server-only";
import type { EvaluatorState } from "./evaluator-state";
import { HOUR_MS, KEPT_MINUTES_MS, MINUTE_MS, rollUpBoundary } from "./health-timing";
import { applyRollUp, slide, slideHours, SLO_HOURS, type FlowSums, type HourRow, type HourlySums } from "./hourly-sums";
import { applyRetention, downsample, fitModels, REFIT_AFTER_MS, takeLateHours, writeHourRollUps } from "./maintenance";
import { rollUpHour, type HourRollUp } from "./minute-window";
import type { SeasonalModel } from "./seasonal";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

// Maintenance (roll-ups, late hours, retention, model refits) runs once an hour can be rolled up, and every 10 minutes
// for late telemetry and the next models due.
const MAINTENANCE_EVERY_MS = 10 * 60_000;
// When the hour boundary jumped further than this (an instance that was not evaluating), the sums are read afresh.
const MAX_SLIDE_MS = 24 * HOUR_MS;

/**
 * Runs maintenance when due and keeps the evaluator's hourly sums current. Incremental: it rolls up the hours that
 * completed since its last run and the flows' hours with late telemetry, changes the sums by what those roll-ups
 * changed and by the hours entering and leaving each window, and refits the models most overdue. Afresh (first cycle,
 * forced), it rolls up the last two hours and reads the sums over 30 days. Returns whether it ran.
 */
export async function maintain(tx: Tx, state: EvaluatorState, now: Date, afresh: boolean): Promise<boolean> {
  const boundary = rollUpBoundary(now);
  const due = afresh || !state.sums || state.rolledUntil === null || boundary > state.rolledUntil || now.getTime() - state.maintainedAt >= MAINTENANCE_EVERY_MS;
  if (!due) return false;
  const from = state.rolledUntil ?? boundary - 2 * HOUR_MS;
  const newHours: number[] = [];
  for (let h = Math.max(from, boundary - 2 * HOUR_MS); h < boundary; h += HOUR_MS) newHours.push(h);
  const late = await takeLateHours(tx);
  const incremental = !afresh && state.sums !== null && boundary - state.sums.boundary <= MAX_SLIDE_MS;
  const before = incremental ? await readRolledUp(tx, newHours, late) : [];
  for (const h of newHours) {
    // The evaluator holds every minute of an hour that ended within its kept span: rolled up from memory, not re-read.
    if (h >= now.getTime() - KEPT_MINUTES_MS + MINUTE_MS) await writeHourRollUps(tx, new Date(h), rollUpsFromMemory(state, h));
    else await downsample(tx, new Date(h), new Date(h + HOUR_MS));
  }
  for (const [h, flowIds] of late) await downsample(tx, new Date(h), new Date(h + HOUR_MS), flowIds);
  if (incremental) {
    const sums = state.sums!;
    applyRollUp(sums, before, await readRolledUp(tx, newHours, late));
    if (boundary > sums.boundary) slide(sums, boundary, await readHours(tx, slideHours(sums.boundary, boundary)));
  } else {
    state.sums = await readSums(tx, boundary);
  }
  state.rolledUntil = boundary;
  state.maintainedAt = now.getTime();
  await applyRetention(tx, now);
  const fitted = await fitModels(tx, now, modelsDue(state, now.getTime()));
  for (const [flowId, model] of fitted) {
    const entry = state.flows.get(flowId);
    if (entry) entry.model = model;
  }
  return true;
}

function rollUpsFromMemory(state: EvaluatorState, hour: number): { flowId: string; r: HourRollUp }[] {
  const rows: { flowId: string; r: HourRollUp }[] = [];
  for (const [flowId, series] of state.series) {
    const r = rollUpHour(series.rows, hour);
    if (r) rows.push({ flowId, r });
  }
  return rows;
}

/** Flows whose model is due for a refit, most overdue first: none yet or a first-day one, then the oldest fitted. */
export function modelsDue(state: EvaluatorState, now: number): string[] {
  const due: { id: string; at: number }[] = [];
  for (const [id, entry] of state.flows) {
    const model: SeasonalModel | null = entry.model;
    if (!model || model.kind === "recent") due.push({ id, at: 0 });
    else if (model.fittedAt <= now - REFIT_AFTER_MS) due.push({ id, at: model.fittedAt });
  }
  for (const id of state.series.keys()) if (!state.flows.has(id)) due.push({ id, at: 0 });
  return due.sort((a, b) => a.at - b.at).map((d) => d.id);
}

const HOUR_COLUMNS = `flow_id::text AS flow_id, (extract(epoch FROM hour) * 1000)::float8 AS hour, delivered::float8 AS delivered, failed::float8 AS failed`;
type RawHour = { flow_id: string; hour: number; delivered: number; failed: number };
const toRows = (rows: RawHour[]): HourRow[] => rows.map((r) => ({ flowId: r.flow_id, hour: r.hour, delivered: r.delivered, failed: r.failed }));

async function readHours(tx: Tx, hours: readonly number[]): Promise<HourRow[]> {
  if (!hours.length) return [];
  return toRows(await tx.query<RawHour>(`SELECT ${HOUR_COLUMNS} FROM flow_metric_hour WHERE hour = ANY($1::timestamptz[])`, [hours.map((h) => new Date(h).toISOString())]));
}

/** The hour rows a roll-up rewrites: every flow's row of the new hours, and the late flows' rows of their hours. */
async function readRolledUp(tx: Tx, newHours: readonly number[], late: ReadonlyMap<number, string[]>): Promise<HourRow[]> {
  const rows = await readHours(tx, newHours);
  const pairs = [...late].flatMap(([h, ids]) => (newHours.includes(h) ? [] : ids.map((id) => [new Date(h).toISOString(), id] as const)));
  if (pairs.length) {
    rows.push(
      ...toRows(
        await tx.query<RawHour>(
          `SELECT h.flow_id::text AS flow_id, (extract(epoch FROM h.hour) * 1000)::float8 AS hour, h.delivered::float8 AS delivered,
                  h.failed::float8 AS failed FROM unnest($1::timestamptz[], $2::uuid[]) AS l(hour, flow_id)
           JOIN flow_metric_hour h ON h.hour = l.hour AND h.flow_id = l.flow_id`,
          [pairs.map((p) => p[0]), pairs.map((p) => p[1])],
        ),
      ),
    );
  }
  return rows;
}

async function readSums(tx: Tx, boundary: number): Promise<HourlySums> {
  const rows = await tx.query<FlowSums & { flow_id: string }>(
    `SELECT flow_id::text AS flow_id,
            coalesce(sum(delivered) FILTER (WHERE hour >= $1::timestamptz - interval '6 hours'), 0)::float8 AS d6,
            coalesce(sum(failed) FILTER (WHERE hour >= $1::timestamptz - interval '6 hours'), 0)::float8 AS f6,
            coalesce(sum(delivered) FILTER (WHERE hour >= $1::timestamptz - interval '3 days'), 0)::float8 AS d3d,
            coalesce(sum(failed) FILTER (WHERE hour >= $1::timestamptz - interval '3 days'), 0)::float8 AS f3d,
            sum(delivered)::float8 AS d30, sum(failed)::float8 AS f30, count(*)::int AS hours
     FROM flow_metric_hour WHERE hour >= $1::timestamptz - make_interval(hours => $2::int) AND hour < $1::timestamptz
     GROUP BY flow_id`,
    [new Date(boundary).toISOString(), SLO_HOURS],
  );
  return { boundary, byFlow: new Map(rows.map(({ flow_id, ...sums }) => [flow_id, sums])) };
}
