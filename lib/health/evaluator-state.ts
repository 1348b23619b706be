import "server-only";
import { randomUUID } from "node:crypto";
import type { Database } from "@/lib/db/client";
import type { AnomalyState } from "./detect";
import { FlowMinutes } from "./flow-minutes";
import { EVALUATOR_LOOKBACK_MS, KEPT_MINUTES_MS, MINUTE_MS } from "./health-timing";
import type { HourlySums } from "./hourly-sums";
import type { FlowVerdict } from "./incident-rules";
import type { MinuteRow } from "./minute-window";
import type { HealthStatusValue } from "./schemas";
import type { SeasonalModel } from "./seasonal";
import type { FlowEnds } from "./upstream";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

/** A flow_health row's status, start and reasons as last written. */
export type WrittenVerdict = { status: string; since: string; reasons: readonly string[] };

/** What the evaluator remembers of one flow between cycles. */
export type FlowState = {
  status: HealthStatusValue;
  since: string | null;
  newest: number | null;
  model: SeasonalModel | null;
  anomaly: AnomalyState | Record<string, never>;
  /** The last verdict, reused while nothing the verdict depends on changed. */
  verdict: FlowVerdict | null;
  /** The status, reasons and since last written, the figures last written, and when: unchanged rows are not written. */
  written: WrittenVerdict | null;
  writtenFigures: string | null;
  writtenAt: number;
  slaKey: string | null;
  minuteOfNow: number;
  judged: number;
  /** When the verdict may change with no new telemetry (its silence or staleness deadline). */
  dueAt: number;
};

/**
 * The evaluator's memory, per database: each flow's minute roll-ups of the last hour, its state, the hourly sums.
 * Valid only while this instance ran every cycle since it was filled (health_evaluator records the last cycle's
 * owner); otherwise, after a failed cycle, when time goes backwards, or on a forced maintenance, it is read afresh.
 */
export type EvaluatorState = {
  owner: string;
  cycle: number | null;
  lastNow: number;
  series: Map<string, FlowMinutes>;
  flows: Map<string, FlowState>;
  sums: HourlySums | null;
  /** The flows' ends as the last cycle read them (the lineage the diagnosis walks). */
  lineage: readonly FlowEnds[];
  /** The first hour not rolled up yet by this instance's maintenance, and when maintenance last ran. */
  rolledUntil: number | null;
  maintainedAt: number;
  /** The oldest transaction still running when the last cycle read the minutes: row versions older than it were read. */
  minutesMark: string | null;
};

const holder = globalThis as typeof globalThis & { __interchangeEvaluatorStates?: WeakMap<Database, EvaluatorState> };

export function evaluatorState(database: Database): EvaluatorState {
  holder.__interchangeEvaluatorStates ??= new WeakMap();
  let state = holder.__interchangeEvaluatorStates.get(database);
  if (!state) holder.__interchangeEvaluatorStates.set(database, (state = emptyState()));
  return state;
}

function emptyState(): EvaluatorState {
  return { owner: randomUUID(), cycle: null, lastNow: 0, series: new Map(), flows: new Map(), lineage: [], sums: null, rolledUntil: null, maintainedAt: 0, minutesMark: null };
}

/** Forgets everything: the next cycle reads the minutes, the flows' states and the hourly sums from the database. */
export function forget(state: EvaluatorState): void {
  Object.assign(state, { ...emptyState(), owner: state.owner });
}

/** Whether this instance's memory is that of the last cycle, recorded in health_evaluator. */
export async function isCurrent(tx: Tx, state: EvaluatorState, now: Date): Promise<boolean> {
  const [row] = await tx.query<{ owner: string | null; cycle: string | number }>(`SELECT owner, cycle FROM health_evaluator WHERE id = 1`);
  return state.cycle !== null && row?.owner === state.owner && Number(row.cycle) === state.cycle && now.getTime() >= state.lastNow;
}

/** Records this cycle as this instance's. */
export async function recordCycle(tx: Tx, state: EvaluatorState, now: Date): Promise<void> {
  const [row] = await tx.query<{ cycle: string | number }>(
    `INSERT INTO health_evaluator (id, owner, cycle, at) VALUES (1, $1, 1, $2::timestamptz)
     ON CONFLICT (id) DO UPDATE SET owner = excluded.owner, cycle = health_evaluator.cycle + 1, at = excluded.at RETURNING cycle`,
    [state.owner, now.toISOString()],
  );
  state.cycle = Number(row.cycle);
  state.lastNow = now.getTime();
}

/** Every flow's stored state, when the memory was forgotten. */
export async function loadFlowStates(tx: Tx, state: EvaluatorState): Promise<void> {
  const rows = await tx.query<{ flow_id: string; status: HealthStatusValue; since: Date | string; newest_delivered_at: Date | string | null; model: SeasonalModel | null; anomaly_state: AnomalyState | Record<string, never> }>(
    `SELECT flow_id::text AS flow_id, status::text AS status, since, newest_delivered_at, model, anomaly_state FROM flow_health`,
  );
  for (const r of rows) {
    state.flows.set(r.flow_id, {
      status: r.status,
      since: new Date(r.since).toISOString(),
      newest: r.newest_delivered_at ? new Date(r.newest_delivered_at).getTime() : null,
      model: r.model,
      anomaly: r.anomaly_state ?? {},
      verdict: null,
      written: null,
      writtenFigures: null,
      writtenAt: 0,
      slaKey: null,
      minuteOfNow: 0,
      judged: 0,
      dueAt: 0,
    });
  }
}

export type RawMinute = {
  flow_id: string; minute: number; delivered: number; failed: number; p95: number | null; p99: number | null; lag: number | null;
  last_delivered_at: number | null; not_measured: string; reports: number; p50: number | null; retried: number; dead: number; bytes: number;
};
const COLUMNS = `m.flow_id::text AS flow_id, (extract(epoch FROM m.minute) * 1000)::float8 AS minute, m.delivered::float8 AS delivered,
  m.failed::float8 AS failed, m.latency_p95 AS p95, m.latency_p99 AS p99, m.lag_seconds AS lag,
  (extract(epoch FROM m.last_delivered_at) * 1000)::float8 AS last_delivered_at, array_to_string(m.not_measured, ',') AS not_measured, m.reports,
  m.latency_p50 AS p50, m.retried::float8 AS retried, m.dead_lettered::float8 AS dead, m.bytes::float8 AS bytes`;

/** A minute row as read into the kept row. */
export function keptRow(r: RawMinute): MinuteRow {
  return {
    minute: r.minute, delivered: r.delivered, failed: r.failed, p95: r.p95, p99: r.p99, lag: r.lag,
    lastDeliveredAt: r.last_delivered_at, notMeasured: r.not_measured ?? "", reports: r.reports,
    p50: r.p50, retried: r.retried, deadLettered: r.dead, bytes: r.bytes,
  };
}

/** Whether a kept row holds every figure of the row read again (compared in place: most rows read are unchanged). */
export function sameAsRead(kept: MinuteRow, r: RawMinute): boolean {
  return kept.reports === r.reports && kept.delivered === r.delivered && kept.failed === r.failed &&
    kept.p95 === r.p95 && kept.p99 === r.p99 && kept.lag === r.lag && kept.lastDeliveredAt === r.last_delivered_at &&
    kept.notMeasured === (r.not_measured ?? "") && kept.p50 === r.p50 && kept.retried === r.retried && kept.deadLettered === r.dead && kept.bytes === r.bytes;
}

/**
 * Brings the kept minutes up to `now` and returns the flows whose minutes changed. Afresh: every minute of the kept
 * span. Otherwise only the minutes from shortly before the last cycle on (where new telemetry lands) and the minutes
 * ingest marked late (health_late_minute), so a cycle reads what arrived since the last one, not the whole hour.
 * Returns, per flow whose minutes changed, the earliest minute that changed.
 */
export async function refreshMinutes(tx: Tx, state: EvaluatorState, now: Date, afresh: boolean): Promise<Map<string, number>> {
  const from = afresh ? now.getTime() - KEPT_MINUTES_MS : Math.floor(state.lastNow / MINUTE_MS) * MINUTE_MS - EVALUATOR_LOOKBACK_MS;
  const late = await tx.query<{ flow_id: string; minute: Date | string }>(`DELETE FROM health_late_minute RETURNING flow_id::text AS flow_id, minute`);
  // Row versions written by transactions that had not ended when this snapshot was taken are the only ones the next
  // cycle can find new: its read skips the older ones (age compares transaction ids across wraparound), except for
  // minutes after this cycle's `now`, which this read did not take.
  const [{ mark }] = await tx.query<{ mark: string }>(`SELECT (pg_snapshot_xmin(pg_current_snapshot())::text::bigint % 4294967296)::text AS mark`);
  const rows = await tx.query<RawMinute>(
    afresh || state.minutesMark === null
      ? `SELECT ${COLUMNS} FROM flow_metric_minute m WHERE m.minute > $1::timestamptz AND m.minute <= $2::timestamptz`
      : `SELECT ${COLUMNS} FROM flow_metric_minute m WHERE m.minute > $1::timestamptz AND m.minute <= $2::timestamptz
           AND (m.minute > $3::timestamptz OR age(m.xmin) <= age($4::xid))`,
    afresh || state.minutesMark === null
      ? [new Date(from).toISOString(), now.toISOString()]
      : [new Date(from).toISOString(), now.toISOString(), new Date(state.lastNow).toISOString(), state.minutesMark],
  );
  state.minutesMark = mark;
  const lateRows = afresh
    ? []
    : late.filter((l) => new Date(l.minute).getTime() <= from);
  if (lateRows.length) {
    rows.push(
      ...(await tx.query<RawMinute>(
        `SELECT ${COLUMNS} FROM unnest($1::uuid[], $2::timestamptz[]) AS l(flow_id, minute)
         JOIN flow_metric_minute m ON m.flow_id = l.flow_id AND m.minute = l.minute`,
        [lateRows.map((l) => l.flow_id), lateRows.map((l) => new Date(l.minute).toISOString())],
      )),
    );
  }
  const changed = new Map<string, number>();
  const keepFrom = now.getTime() - KEPT_MINUTES_MS;
  for (const r of rows) {
    if (r.minute <= keepFrom) continue;
    let series = state.series.get(r.flow_id);
    if (!series) state.series.set(r.flow_id, (series = new FlowMinutes()));
    // Most rows read again are the ones already kept: only a changed row is made into a new one.
    const before = series.rows.get(r.minute);
    if (before && sameAsRead(before, r)) continue;
    series.set(keptRow(r));
    changed.set(r.flow_id, Math.min(changed.get(r.flow_id) ?? Infinity, r.minute));
  }
  // Minutes leave the kept span only when the minute turns. Every kept minute came in after the kept span of its
  // cycle, so after a short step only the minutes between the last cycle's span and this one's can be due to leave.
  if (!afresh && Math.floor(now.getTime() / MINUTE_MS) !== Math.floor(state.lastNow / MINUTE_MS)) {
    const lastKeepFrom = state.lastNow - KEPT_MINUTES_MS;
    const leaving: number[] = [];
    for (let minute = Math.floor(lastKeepFrom / MINUTE_MS) * MINUTE_MS; minute <= keepFrom && leaving.length <= 10; minute += MINUTE_MS) leaving.push(minute);
    for (const [flowId, series] of state.series) {
      if (leaving.length <= 10) for (const minute of leaving) series.delete(minute);
      else for (const minute of series.rows.keys()) if (minute <= keepFrom) series.delete(minute);
      if (!series.size) state.series.delete(flowId);
    }
  }
  return changed;
}
