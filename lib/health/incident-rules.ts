import "server-only";
import { randomUUID } from "node:crypto";
import { silentAfterSeconds } from "@/lib/agents/silence";
import type { AnomalyFinding } from "./anomaly";
import { rank, suspectsOf, type Affected, type Candidate } from "./diagnosis";
import type { SuspectedCause } from "./schemas";
import type { Evaluation } from "./sla";
import { upstreamOf, type FlowEnds } from "./upstream";

type Tx = { query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]> };

/** anomalyOpen is the hysteresis verdict (detect.ts): one incident per fault, not one per anomalous minute. */
export type FlowVerdict = { flowId: string; name: string; evaluation: Evaluation; anomalies: AnomalyFinding[]; anomalyOpen?: boolean };

type OpenIncident = { id: string; kind: string; flow_id: string | null; agent_id: string | null; evidence: Record<string, unknown>; suspected_causes: SuspectedCause[] };

// How far upstream (in flows) a shared cause is looked for.
const ROOT_CAUSE_DEPTH = 6;

type Opened = { id: string; kind: string; flowId: string | null; agentId: string | null; title: string; severity: string; evidence: unknown; causes: unknown };
type TimelineEvent = { incidentId: string; type: string; message: string; data: unknown };

/**
 * What one reconciliation writes, gathered and written at the end in one statement per kind: incidents opened, resolved,
 * their timeline events (in the order they happened), and the evidence and suspected causes that changed.
 */
type IncidentWrites = { opened: Opened[]; resolved: string[]; events: TimelineEvent[]; evidence: { id: string; value: unknown }[]; causes: { id: string; value: unknown }[] };

function open(writes: IncidentWrites, row: { kind: string; flowId?: string; agentId?: string; title: string; severity: string; evidence: unknown; causes?: unknown }, message: string) {
  const id = randomUUID();
  writes.opened.push({ id, kind: row.kind, flowId: row.flowId ?? null, agentId: row.agentId ?? null, title: row.title, severity: row.severity, evidence: row.evidence, causes: row.causes ?? [] });
  event(writes, id, "opened", message, row.evidence);
}

function event(writes: IncidentWrites, incidentId: string, type: string, message: string, data?: unknown) {
  writes.events.push({ incidentId, type, message, data: data ?? null });
}

function resolve(writes: IncidentWrites, incidentId: string, message: string) {
  writes.resolved.push(incidentId);
  event(writes, incidentId, "resolved", message);
}

/** Every write of the reconciliation: the rows travel as JSON documents, one statement each. */
async function applyWrites(tx: Tx, writes: IncidentWrites, now: Date) {
  const at = now.toISOString();
  if (writes.opened.length) {
    await tx.query(
      `INSERT INTO incident (id, kind, flow_id, agent_id, title, severity, evidence, suspected_causes, opened_at)
       SELECT r.id, r.kind::"IncidentKind", r."flowId", r."agentId", r.title, r.severity, r.evidence, r.causes, $2::timestamptz
       FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, kind text, "flowId" uuid, "agentId" uuid, title text, severity text, evidence jsonb, causes jsonb)`,
      [JSON.stringify(writes.opened), at],
    );
  }
  if (writes.resolved.length) {
    await tx.query(`UPDATE incident SET state = 'RESOLVED', resolved_at = $2::timestamptz WHERE id = ANY($1::uuid[])`, [writes.resolved, at]);
  }
  for (const [column, updates] of [["evidence", writes.evidence], ["suspected_causes", writes.causes]] as const) {
    if (!updates.length) continue;
    await tx.query(`UPDATE incident i SET ${column} = u.value FROM jsonb_to_recordset($1::jsonb) AS u(id uuid, value jsonb) WHERE i.id = u.id`, [JSON.stringify(updates)]);
  }
  if (writes.events.length) {
    // In the order they happened: the ids (and so the timeline's order within one moment) follow the ordinality.
    await tx.query(
      `INSERT INTO incident_event (incident_id, at, type, message, data)
       SELECT e."incidentId", $2::timestamptz, e.type, e.message, e.data
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS ("incidentId" uuid, type text, message text, data jsonb)) WITH ORDINALITY AS e("incidentId", type, message, data, n)
       ORDER BY n`,
      [JSON.stringify(writes.events), at],
    );
  }
}

const sameList = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
// What a list of reasons says apart from its figures ("lag 2600 s is over the SLA's 900 s" -> "lag # s is over ...").
const reasonShapes = (reasons: unknown) => (Array.isArray(reasons) ? reasons.map((r) => String(r).replace(/\d[\d.,]*/g, "#")) : reasons);

/** Opens, updates and resolves incidents from this evaluation's verdicts; every step goes on the incident's timeline. */
export async function reconcileIncidents(tx: Tx, verdicts: FlowVerdict[], lineage: readonly FlowEnds[], now: Date): Promise<{ opened: number; resolved: number }> {
  const openRows = await tx.query<OpenIncident>(
    `SELECT id::text AS id, kind::text AS kind, flow_id::text AS flow_id, agent_id::text AS agent_id, evidence, suspected_causes FROM incident WHERE state = 'OPEN'`,
  );
  const openBy = new Map(openRows.map((r) => [`${r.kind}:${r.flow_id ?? r.agent_id}`, r]));

  const causes = await suspectedCauses(tx, verdicts, lineage, now);
  const writes: IncidentWrites = { opened: [], resolved: [], events: [], evidence: [], causes: [] };

  for (const v of verdicts) {
    const { status, reasons, sli, burnRates } = v.evaluation;
    const breach = openBy.get(`SLA_BREACH:${v.flowId}`);
    const flowCauses = causes.get(v.flowId) ?? [];
    if (status === "BREACHED") {
      // An anomaly on a breaching flow is the same fault: it goes into the breach's evidence, not a second incident.
      const evidence = v.anomalyOpen && v.anomalies.length ? { reasons, sli, burnRates, anomalies: v.anomalies } : { reasons, sli, burnRates };
      if (!breach) {
        open(writes, { kind: "SLA_BREACH", flowId: v.flowId, title: `${v.name}: SLA breached`, severity: "critical", evidence, causes: flowCauses }, reasons.join("; "));
      } else {
        const before = (breach.evidence as { reasons?: unknown }).reasons;
        if (!sameList(before, reasons)) {
          // The evidence keeps the latest figures; the timeline records only a change in what breaches.
          writes.evidence.push({ id: breach.id, value: evidence });
          if (!sameList(reasonShapes(before), reasonShapes(reasons))) event(writes, breach.id, "updated", reasons.join("; "), evidence);
        }
        if (!sameList(breach.suspected_causes.map((c) => c.flowId), flowCauses.map((c) => c.flowId))) {
          writes.causes.push({ id: breach.id, value: flowCauses });
          if (flowCauses.length) event(writes, breach.id, "suspected-cause", causeMessage(flowCauses), flowCauses);
        }
      }
    } else if (breach && (status === "OK" || status === "AT_RISK")) {
      resolve(writes, breach.id, `back within the SLA (status ${status})`);
    }

    // Ticket tiers: 6x over 6 h or 1x over 3 days open a ticket-level incident while the flow does not breach.
    const burning = openBy.get(`BUDGET_BURN:${v.flowId}`);
    const isBurning = status !== "BREACHED" && status !== "NO_DATA" && (burnRates.slowBurn || burnRates.steadyBurn);
    if (isBurning && !burning) {
      const what = reasons.filter((r) => r.includes("error budget burning")).join("; ");
      open(writes, { kind: "BUDGET_BURN", flowId: v.flowId, title: `${v.name}: error budget burning`, severity: "ticket", evidence: { reasons, burnRates } }, what);
    } else if (burning && !isBurning && status !== "NO_DATA") {
      resolve(writes, burning.id, status === "BREACHED" ? "now an SLA breach (see that incident)" : "the error budget no longer burns above the ticket tiers");
    }

    const anomaly = openBy.get(`ANOMALY:${v.flowId}`);
    const anomalyOpen = v.anomalyOpen ?? v.anomalies.length > 0;
    if (anomalyOpen && v.anomalies.length) {
      const evidence = { anomalies: v.anomalies };
      const what = v.anomalies.map((a) => `${a.metric.replace("_", " ")} ${a.direction} (${round(a.value)} vs expected ${round(a.median)}, z ${a.z})`).join("; ");
      if (!anomaly && status !== "BREACHED") {
        open(writes, { kind: "ANOMALY", flowId: v.flowId, title: `${v.name}: unusual ${v.anomalies.map((a) => a.metric.replace("_", " ")).join(", ")}`, severity: "warning", evidence, causes: flowCauses }, what);
      } else if (anomaly && !sameList(((anomaly.evidence as { anomalies?: AnomalyFinding[] }).anomalies ?? []).map((a) => a.metric), v.anomalies.map((a) => a.metric))) {
        writes.evidence.push({ id: anomaly.id, value: evidence });
        event(writes, anomaly.id, "updated", what, evidence);
      }
      if (anomaly && !sameList(anomaly.suspected_causes.map((c) => c.flowId), flowCauses.map((c) => c.flowId))) {
        writes.causes.push({ id: anomaly.id, value: flowCauses });
        if (flowCauses.length) event(writes, anomaly.id, "suspected-cause", causeMessage(flowCauses), flowCauses);
      }
    } else if (anomaly && !anomalyOpen && status !== "NO_DATA") {
      resolve(writes, anomaly.id, "back within the seasonal baseline");
    }
  }


  const silentAfter = silentAfterSeconds();
  const agents = await tx.query<{ id: string; name: string; last_seen_at: Date | string }>(
    `SELECT id::text AS id, name, last_seen_at FROM agent WHERE revoked_at IS NULL AND last_seen_at IS NOT NULL`,
  );
  for (const agent of agents) {
    const lastSeen = new Date(agent.last_seen_at);
    const silent = now.getTime() - lastSeen.getTime() > silentAfter * 1000;
    const incident = openBy.get(`SILENT_AGENT:${agent.id}`);
    if (silent && !incident) {
      const evidence = { lastSeenAt: lastSeen.toISOString(), silentAfterSeconds: silentAfter };
      open(writes, { kind: "SILENT_AGENT", agentId: agent.id, title: `Agent ${agent.name} is silent`, severity: "critical", evidence }, `no heartbeat or telemetry since ${lastSeen.toISOString()}`);
    } else if (!silent && incident) {
      resolve(writes, incident.id, `heard from again at ${lastSeen.toISOString()}`);
    }
  }
  await applyWrites(tx, writes, now);
  return { opened: writes.opened.length, resolved: writes.resolved.length };
}

const round = (n: number) => (Math.abs(n) >= 10 ? Math.round(n) : Math.round(n * 1000) / 1000);

function causeMessage(causes: SuspectedCause[]): string {
  const [first] = causes;
  const tied = causes.filter((c) => c.score === first.score);
  if (tied.length > 1) return `suspected causes tied: ${tied.map((c) => c.name).join(" and ")} (the evidence does not separate them)`;
  return `suspected cause: ${first.name} (${first.explanation ?? `covers ${first.covers} of ${first.of}`})`;
}

/**
 * The diagnosis (diagnosis.ts) over every flow in trouble now (breaching, or with an anomaly incident standing): flows
 * grouped into problems along lineage, and each affected flow's suspected causes: its problem's ranked candidates that
 * lie upstream of it. The lineage walk uses the flow list the evaluation already holds (no query per flow).
 */
async function suspectedCauses(tx: Tx, all: FlowVerdict[], lineage: readonly FlowEnds[], now: Date): Promise<Map<string, SuspectedCause[]>> {
  const result = new Map<string, SuspectedCause[]>();
  const troubled = all.filter((v) => v.evaluation.status === "BREACHED" || v.anomalyOpen);
  if (troubled.length < 2) return result;
  const onsets = await tx.query<{ flow_id: string; opened_at: Date | string }>(
    `SELECT flow_id::text AS flow_id, min(opened_at) AS opened_at FROM incident WHERE state = 'OPEN' AND flow_id = ANY($1::uuid[]) GROUP BY flow_id`,
    [troubled.map((b) => b.flowId)],
  );
  const onsetOf = new Map(onsets.map((r) => [r.flow_id, new Date(r.opened_at).getTime()]));
  const affected = new Map<string, Affected>(
    troubled.map((v) => [v.flowId, { onset: onsetOf.get(v.flowId) ?? now.getTime(), what: v.evaluation.status === "BREACHED" ? "SLA breach" : "anomaly" }]),
  );
  // The same flows in trouble since the same moments over the same lineage: the diagnosis is the last cycle's.
  const key = JSON.stringify([...affected].map(([id, a]) => [id, a.onset, a.what]));
  const last = lastDiagnosis.get(lineage);
  const suspectsNow = last?.key === key ? last.suspects : null;
  if (suspectsNow) return toCauses(suspectsNow, all);
  const upstream = upstreamOf(lineage, troubled.map((v) => v.flowId), ROOT_CAUSE_DEPTH);
  const byId = new Map(all.map((v) => [v.flowId, v]));
  const name = (id: string) => byId.get(id)?.name ?? id;
  const suspects = suspectsOf(rank(upstream, affected), upstream, name);
  lastDiagnosis.set(lineage, { key, suspects });
  return toCauses(suspects, all);
}

// The last diagnosis per lineage (the evaluator keeps one lineage list while the catalog's flows stay the same).
const lastDiagnosis = new WeakMap<readonly FlowEnds[], { key: string; suspects: Map<string, Candidate[]> }>();

function toCauses(suspects: Map<string, Candidate[]>, all: FlowVerdict[]): Map<string, SuspectedCause[]> {
  const result = new Map<string, SuspectedCause[]>();
  const byId = new Map(all.map((v) => [v.flowId, v]));
  for (const [flowId, candidates] of suspects) {
    if (!candidates.length) continue;
    result.set(
      flowId,
      candidates.map((c) => ({
        flowId: c.flowId,
        name: byId.get(c.flowId)?.name ?? c.flowId,
        covers: c.covers,
        of: c.of,
        hops: c.hops,
        status: byId.get(c.flowId)?.evaluation.status ?? null,
        score: c.score,
        affected: c.affected,
        leads: c.leads,
        tie: c.tie,
        explanation: c.explanation,
      })),
    );
  }
  return result;
}
