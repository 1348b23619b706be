import "server-only";
import { AppError } from "@/lib/api/errors";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database } from "@/lib/db/client";
import { lineageVersion } from "@/lib/lineage/adjacency";
import { isUuid } from "@/lib/utils/uuid";
import { publishHealthEvent } from "./events";
import { HOUR_MS, hourRolledUp, LATE_MARK_GRACE_MS, minuteLateForEvaluator } from "./health-timing";
import { retentionConfig } from "./retention-config";
import type { Measurement, TelemetryBatchInput, TelemetryResult } from "./schemas";

// Clocks drift; a window that ends further ahead than this is a clock or unit error, not telemetry.
const MAX_FUTURE_MS = 5 * 60_000;

type FlowEnds = { id: string; provider_system_id: string; consumer_system_id: string };

/**
 * Ingests one telemetry batch from an agent: one transaction that records the batch id (a retry with the same id
 * gets the first answer and counts nothing), adds the accepted measurements to the per-minute roll-ups with one
 * set-based statement, and records flows the catalog does not know as discovered. Items for flows outside the
 * agent's scope are refused one by one; the rest of the batch still counts.
 *
 * Measurements are bucketed by the minute their window starts in (UTC). Counts add up; latency percentiles and
 * lag keep the worst report of the minute (percentiles from different reporters cannot be merged exactly).
 */
export async function ingestTelemetry(ctx: Ctx, input: TelemetryBatchInput, options: { inTransaction?: (tx: Tx) => Promise<void> } = {}): Promise<TelemetryResult> {
  requirePermission(ctx, "telemetry.write");
  const agent = ctx.agent;
  if (!agent) throw new AppError("FORBIDDEN", "Only connector agents send telemetry");
  const { driver } = database();

  const known = await flowEnds(driver, input.measurements.map((m) => m.flowId));
  const result: TelemetryResult = { batchId: input.batchId, duplicate: false, accepted: [], rejected: [], discovered: [] };
  const accepted: Measurement[] = [];
  // The catalog's spelling of each accepted measurement's flow id (agents may send any case).
  const acceptedFlowIds: string[] = [];
  const unknown: { index: number; m: Measurement }[] = [];
  const now = Date.now();
  const oldest = now - retentionConfig().minuteDays * 86_400_000;
  input.measurements.forEach((m, index) => {
    const start = Date.parse(m.windowStart);
    if (Date.parse(m.windowEnd) > now + MAX_FUTURE_MS) {
      result.rejected.push({ index, flowId: m.flowId, reason: "windowEnd is in the future (check the agent's clock)" });
      return;
    }
    if (start < oldest) {
      result.rejected.push({ index, flowId: m.flowId, reason: `windowStart is older than the ${retentionConfig().minuteDays}-day retention of minute data` });
      return;
    }
    const flow = known.get(m.flowId.toLowerCase());
    if (!flow) {
      unknown.push({ index, m });
      return;
    }
    if (!can(ctx, "telemetry.write", { flowId: flow.id, systemIds: [flow.provider_system_id, flow.consumer_system_id] })) {
      result.rejected.push({ index, flowId: m.flowId, reason: `flow ${m.flowId} is outside the scope of agent '${agent.name}'` });
      return;
    }
    accepted.push(m);
    acceptedFlowIds.push(flow.id);
    result.accepted.push({ index, flowId: m.flowId });
  });

  const committed = await driver.transaction(async (tx) => {
    // The answer is known before the writes unless flows are discovered (their ids come from the insert): then it is
    // written with the batch row, one statement fewer per batch.
    const inserted = await tx.query(
      `INSERT INTO telemetry_batch (agent_id, batch_id, response) VALUES ($1::uuid, $2, $3::jsonb) ON CONFLICT DO NOTHING RETURNING batch_id`,
      [agent.id, input.batchId, unknown.length ? "{}" : storedAnswer(result)],
    );
    if (!inserted.length) {
      const [previous] = await tx.query<{ response: StoredAnswer }>(
        `SELECT response FROM telemetry_batch WHERE agent_id = $1::uuid AND batch_id = $2`,
        [agent.id, input.batchId],
      );
      return { ...answerOf(previous.response, input), batchId: input.batchId, duplicate: true } satisfies TelemetryResult;
    }
    if (accepted.length) {
      await upsertMinutes(tx, accepted, acceptedFlowIds);
      await markLate(tx, accepted, acceptedFlowIds);
    }
    await options.inTransaction?.(tx);
    if (unknown.length) {
      const ids = await upsertDiscovered(tx, agent.id, unknown.map((u) => u.m));
      for (const { index, m } of unknown) result.discovered.push({ index, flowId: m.flowId, discoveredFlowId: ids.get(m.flowId)! });
      await tx.query(`UPDATE telemetry_batch SET response = $3::jsonb WHERE agent_id = $1::uuid AND batch_id = $2`, [
        agent.id,
        input.batchId,
        storedAnswer(result),
      ]);
    }
    return result;
  });
  if (!committed.duplicate && accepted.length) publishHealthEvent({ type: "telemetry", flowIds: [...new Set(acceptedFlowIds)].slice(0, 1000) });
  return committed;
}

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

// Each database client's flow ends, tagged with the lineage_version they were read at: triggers bump it with any
// write to flows or to an interface's system, so a batch costs one primary-key read instead of a join over its
// flows. Bounded: past MAX_CACHED_FLOWS entries the cache starts again.
const endsCache = new WeakMap<object, { version: string; ends: Map<string, FlowEnds> }>();
const MAX_CACHED_FLOWS = 600_000;

/** The catalog flows among `flowIds` (any case), keyed by lower-case id, with their provider and consumer systems. */
async function flowEnds(driver: Tx, flowIds: string[]): Promise<Map<string, FlowEnds>> {
  const version = await lineageVersion();
  let cached = endsCache.get(driver);
  if (!cached || cached.version !== version || cached.ends.size > MAX_CACHED_FLOWS) endsCache.set(driver, (cached = { version, ends: new Map() }));
  const ends = cached.ends;
  const missing = [...new Set(flowIds.filter((id) => isUuid(id)).map((id) => id.toLowerCase()))].filter((id) => !ends.has(id));
  if (missing.length) {
    const rows = await driver.query<FlowEnds>(
      `SELECT f.id::text AS id, i.system_id::text AS provider_system_id, f.consumer_system_id::text AS consumer_system_id
       FROM flow f JOIN interface i ON i.id = f.interface_id WHERE f.id = ANY($1::uuid[])`,
      [missing],
    );
    for (const row of rows) ends.set(row.id, row);
  }
  return ends;
}

/**
 * What telemetry_batch keeps of an answer, for a retry to get it again: the accepted items as runs of indexes
 * (their flow ids are the retried batch's own), the rejected and discovered items whole. A batch of 1,000
 * accepted measurements keeps `[[0, 999]]` instead of 1,000 objects.
 */
type StoredAnswer = { acceptedRuns?: [number, number][]; accepted?: TelemetryResult["accepted"]; rejected: TelemetryResult["rejected"]; discovered: TelemetryResult["discovered"] };

function storedAnswer(result: TelemetryResult): string {
  const runs: [number, number][] = [];
  for (const { index } of result.accepted) {
    const last = runs[runs.length - 1];
    if (last && last[1] === index - 1) last[1] = index;
    else runs.push([index, index]);
  }
  return JSON.stringify({ acceptedRuns: runs, rejected: result.rejected, discovered: result.discovered } satisfies StoredAnswer);
}

function answerOf(stored: StoredAnswer, input: TelemetryBatchInput): Omit<TelemetryResult, "batchId" | "duplicate"> {
  // Answers stored before runs were kept hold the accepted items whole.
  const accepted = stored.accepted ?? (stored.acceptedRuns ?? []).flatMap(([from, to]) =>
    Array.from({ length: to - from + 1 }, (_, k) => ({ index: from + k, flowId: input.measurements[from + k]?.flowId ?? "" })),
  );
  return { accepted, rejected: stored.rejected, discovered: stored.discovered };
}

/** One INSERT ... SELECT FROM unnest(...) ON CONFLICT DO UPDATE for the whole batch, rows grouped per flow and minute. */
async function upsertMinutes(tx: Tx, items: Measurement[], flowIds: string[]): Promise<void> {
  const n = items.length;
  const cols = {
    flow: new Array<string>(n),
    start: new Array<string>(n),
    delivered: new Array<number>(n),
    failed: new Array<number>(n),
    retried: new Array<number>(n),
    dead: new Array<number>(n),
    p50: new Array<number | null>(n),
    p95: new Array<number | null>(n),
    p99: new Array<number | null>(n),
    lag: new Array<number | null>(n),
    bytes: new Array<number>(n),
    deliveredAt: new Array<string | null>(n),
    notMeasured: new Array<string>(n),
  };
  items.forEach((m, i) => {
    cols.flow[i] = flowIds[i];
    cols.start[i] = m.windowStart;
    cols.delivered[i] = m.delivered;
    cols.failed[i] = m.failed;
    cols.retried[i] = m.retried ?? 0;
    cols.dead[i] = m.deadLettered ?? 0;
    cols.p50[i] = m.latencyMs?.p50 ?? null;
    cols.p95[i] = m.latencyMs?.p95 ?? null;
    cols.p99[i] = m.latencyMs?.p99 ?? null;
    cols.lag[i] = m.lagSeconds ?? null;
    cols.bytes[i] = m.bytes ?? 0;
    cols.deliveredAt[i] = m.delivered > 0 ? m.windowEnd : null;
    cols.notMeasured[i] = (m.notMeasured ?? []).join(",");
  });
  await tx.query(
    `INSERT INTO flow_metric_minute AS m
       (flow_id, minute, delivered, failed, retried, dead_lettered, latency_p50, latency_p95, latency_p99, lag_seconds, bytes, reports, last_delivered_at, not_measured)
     SELECT t.flow_id, date_trunc('minute', t.ws, 'UTC'), sum(t.delivered), sum(t.failed), sum(t.retried), sum(t.dead),
            max(t.p50), max(t.p95), max(t.p99), max(t.lag), sum(t.bytes), count(*), max(t.delivered_at),
            CASE WHEN max(t.nm) = '' THEN '{}'::text[]
                 ELSE ARRAY(SELECT DISTINCT x FROM unnest(string_to_array(string_agg(t.nm, ','), ',')) x WHERE x <> '' ORDER BY x) END
     FROM unnest($1::uuid[], $2::timestamptz[], $3::bigint[], $4::bigint[], $5::bigint[], $6::bigint[],
                 $7::float8[], $8::float8[], $9::float8[], $10::float8[], $11::bigint[], $12::timestamptz[], $13::text[])
          AS t(flow_id, ws, delivered, failed, retried, dead, p50, p95, p99, lag, bytes, delivered_at, nm)
     GROUP BY 1, 2
     ORDER BY 1, 2
     ON CONFLICT (flow_id, minute) DO UPDATE SET
       delivered = m.delivered + excluded.delivered,
       failed = m.failed + excluded.failed,
       retried = m.retried + excluded.retried,
       dead_lettered = m.dead_lettered + excluded.dead_lettered,
       latency_p50 = GREATEST(m.latency_p50, excluded.latency_p50),
       latency_p95 = GREATEST(m.latency_p95, excluded.latency_p95),
       latency_p99 = GREATEST(m.latency_p99, excluded.latency_p99),
       lag_seconds = GREATEST(m.lag_seconds, excluded.lag_seconds),
       bytes = m.bytes + excluded.bytes,
       reports = m.reports + excluded.reports,
       last_delivered_at = GREATEST(m.last_delivered_at, excluded.last_delivered_at),
       not_measured = CASE WHEN excluded.not_measured = '{}' OR excluded.not_measured = m.not_measured THEN m.not_measured
                           WHEN m.not_measured = '{}' THEN excluded.not_measured
                           ELSE ARRAY(SELECT DISTINCT x FROM unnest(m.not_measured || excluded.not_measured) x ORDER BY x) END`,
    [cols.flow, cols.start, cols.delivered, cols.failed, cols.retried, cols.dead, cols.p50, cols.p95, cols.p99, cols.lag, cols.bytes, cols.deliveredAt, cols.notMeasured],
  );
}

/**
 * Records telemetry that arrives late for what reads it: a flow's hour already rolled up (maintenance rolls an hour up
 * once it ended ROLLUP_GRACE_MS ago; health-timing.ts) goes to health_late_hour for the next maintenance to redo,
 * and a minute older than the evaluator's look-back for new minutes goes to health_late_minute for it to read again.
 */
async function markLate(tx: Tx, items: Measurement[], flowIds: string[]): Promise<void> {
  const now = Date.now();
  const hours = new Map<string, [string, string]>();
  const minutes = new Map<string, [string, string]>();
  items.forEach((m, i) => {
    const flowId = flowIds[i];
    const minute = Math.floor(Date.parse(m.windowStart) / 60_000) * 60_000;
    const hour = Math.floor(minute / HOUR_MS) * HOUR_MS;
    if (hourRolledUp(hour, now, LATE_MARK_GRACE_MS)) hours.set(`${hour}:${flowId}`, [new Date(hour).toISOString(), flowId]);
    if (minuteLateForEvaluator(minute, now)) minutes.set(`${minute}:${flowId}`, [flowId, new Date(minute).toISOString()]);
  });
  if (hours.size) {
    const rows = [...hours.values()].sort();
    await tx.query(
      `INSERT INTO health_late_hour (hour, flow_id) SELECT * FROM unnest($1::timestamptz[], $2::uuid[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
  }
  if (minutes.size) {
    const rows = [...minutes.values()].sort();
    await tx.query(
      `INSERT INTO health_late_minute (flow_id, minute) SELECT * FROM unnest($1::uuid[], $2::timestamptz[]) ON CONFLICT DO NOTHING`,
      [rows.map((r) => r[0]), rows.map((r) => r[1])],
    );
  }
}

/** Flows the catalog does not know, one row per (agent, id it used), with the agent's hint of what it saw. */
async function upsertDiscovered(tx: Tx, agentId: string, items: Measurement[]): Promise<Map<string, string>> {
  const byId = new Map<string, { hint: Measurement["flow"]; count: number; delivered: number; failed: number }>();
  for (const m of items) {
    const entry = byId.get(m.flowId) ?? { hint: m.flow, count: 0, delivered: 0, failed: 0 };
    entry.hint ??= m.flow;
    entry.count += 1;
    entry.delivered += m.delivered;
    entry.failed += m.failed;
    byId.set(m.flowId, entry);
  }
  const ids = [...byId.keys()];
  const entries = ids.map((id) => byId.get(id)!);
  const rows = await tx.query<{ id: string; external_id: string }>(
    `INSERT INTO discovered_flow AS d (id, agent_id, external_id, producer_system, interface_name, consumer_system, measurements, delivered, failed)
     SELECT gen_random_uuid(), $1::uuid, t.ext, t.producer, t.iface, t.consumer, t.n, t.delivered, t.failed
     FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::int[], $7::bigint[], $8::bigint[])
          AS t(ext, producer, iface, consumer, n, delivered, failed)
     ORDER BY t.ext
     ON CONFLICT (agent_id, external_id) DO UPDATE SET
       last_seen_at = now(),
       measurements = d.measurements + excluded.measurements,
       delivered = d.delivered + excluded.delivered,
       failed = d.failed + excluded.failed,
       producer_system = COALESCE(excluded.producer_system, d.producer_system),
       interface_name = COALESCE(excluded.interface_name, d.interface_name),
       consumer_system = COALESCE(excluded.consumer_system, d.consumer_system)
     RETURNING id::text AS id, external_id`,
    [
      agentId,
      ids,
      entries.map((e) => e.hint?.producerSystem ?? null),
      entries.map((e) => e.hint?.interface ?? null),
      entries.map((e) => e.hint?.consumerSystem ?? null),
      entries.map((e) => e.count),
      entries.map((e) => e.delivered),
      entries.map((e) => e.failed),
    ],
  );
  return new Map(rows.map((r) => [r.external_id, r.id]));
}
