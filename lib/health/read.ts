import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database, db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { silentAfterSeconds } from "@/lib/agents/silence";
import { hourStart } from "./maintenance";
import { type FlowHealthDto, type HealthStatusValue, type IncidentDto, type IncidentQuery, SuspectedCause } from "./schemas";
import { readSla } from "./sla";

const incidentInclude = {
  flow: { select: { id: true, name: true } },
  agent: { select: { id: true, name: true } },
  events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
} satisfies Prisma.IncidentInclude;
type IncidentRow = Prisma.IncidentGetPayload<{ include: typeof incidentInclude }>;

function toIncident(row: IncidentRow): IncidentDto {
  const causes = SuspectedCause.array().safeParse(row.suspectedCauses);
  return {
    id: row.id,
    kind: row.kind,
    state: row.state,
    title: row.title,
    severity: row.severity,
    flow: row.flow,
    agent: row.agent,
    evidence: (row.evidence ?? {}) as Record<string, unknown>,
    suspectedCauses: causes.success ? causes.data : [],
    openedAt: row.openedAt.toISOString(),
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    timeline: row.events.map((e) => ({ at: e.at.toISOString(), type: e.type, message: e.message, data: e.data ?? undefined })),
  };
}

/** GET /api/v1/incidents: open ones first, then the most recent. */
export async function listIncidents(ctx: Ctx, query: IncidentQuery): Promise<IncidentDto[]> {
  requirePermission(ctx, "health.read");
  const rows = await db().incident.findMany({
    where: { flowId: query.flowId, kind: query.kind, state: query.state === "ALL" ? undefined : query.state },
    include: incidentInclude,
    orderBy: [{ state: "asc" }, { openedAt: "desc" }],
    take: query.limit,
  });
  return rows.map(toIncident);
}

export async function getIncident(ctx: Ctx, id: string): Promise<IncidentDto> {
  requirePermission(ctx, "health.read");
  const row = await db().incident.findUnique({ where: { id }, include: incidentInclude });
  if (!row) throw notFound("Incident");
  return toIncident(row);
}

/** GET /api/v1/flows/:id/health: the latest evaluation, or NO_DATA since the flow exists. */
export async function getFlowHealth(ctx: Ctx, flowId: string): Promise<FlowHealthDto> {
  requirePermission(ctx, "health.read");
  const flow = await db().flow.findUnique({ where: { id: flowId }, select: { id: true, createdAt: true, health: true, interfaceId: true } });
  if (!flow) throw notFound("Flow");
  const contract = await db().dataContract.findFirst({ where: { interfaceId: flow.interfaceId, status: "ACTIVE" }, orderBy: { updatedAt: "desc" }, select: { sla: true } });
  const { sla, source } = readSla(contract?.sla);
  const h = flow.health;
  if (!h) {
    return {
      flowId,
      status: "NO_DATA",
      since: flow.createdAt.toISOString(),
      evaluatedAt: null,
      reasons: ["no telemetry received"],
      sla,
      slaSource: source,
      sli: {},
      burnRates: {},
      budget: {},
    };
  }
  return {
    flowId,
    status: h.status,
    since: h.since.toISOString(),
    evaluatedAt: h.evaluatedAt.toISOString(),
    reasons: h.reasons,
    sla,
    slaSource: source,
    sli: h.sli as Record<string, unknown>,
    burnRates: h.burnRates as Record<string, unknown>,
    budget: h.budget as Record<string, unknown>,
  };
}

export type SeriesPoint = { t: string; delivered: number; failed: number; successPct: number | null; p95: number | null; p99: number | null; lag: number | null };
export type FlowSeries = {
  flowId: string;
  resolution: "minute" | "hour";
  from: string;
  to: string;
  points: SeriesPoint[];
  anomalies: { id: string; from: string; to: string | null; title: string }[];
  breaches: { id: string; from: string; to: string | null; title: string }[];
};

/** The flow's time series for charts: minute points up to two days back, hourly beyond. */
export async function flowSeries(ctx: Ctx, flowId: string, hours: number, now = new Date()): Promise<FlowSeries> {
  requirePermission(ctx, "health.read");
  const flow = await db().flow.findUnique({ where: { id: flowId }, select: { id: true } });
  if (!flow) throw notFound("Flow");
  const resolution = hours <= 48 ? "minute" : "hour";
  const from = new Date(now.getTime() - hours * 3_600_000);
  const table = resolution === "minute" ? "flow_metric_minute" : "flow_metric_hour";
  const column = resolution === "minute" ? "minute" : "hour";
  const rows = await database().driver.query<{ t: Date | string; delivered: number; failed: number; p95: number | null; p99: number | null; lag: number | null }>(
    `SELECT ${column} AS t, delivered::float8 AS delivered, failed::float8 AS failed, latency_p95 AS p95, latency_p99 AS p99, lag_seconds AS lag
     FROM ${table} WHERE flow_id = $1::uuid AND ${column} >= $2::timestamptz ORDER BY ${column}`,
    [flowId, (resolution === "hour" ? hourStart(from) : from).toISOString()],
  );
  const incidents = await db().incident.findMany({
    where: { flowId, kind: { in: ["ANOMALY", "SLA_BREACH"] }, OR: [{ resolvedAt: null }, { resolvedAt: { gte: from } }] },
    orderBy: { openedAt: "asc" },
  });
  const span = (i: (typeof incidents)[number]) => ({ id: i.id, from: i.openedAt.toISOString(), to: i.resolvedAt?.toISOString() ?? null, title: i.title });
  return {
    flowId,
    resolution,
    from: from.toISOString(),
    to: now.toISOString(),
    points: rows.map((r) => ({
      t: new Date(r.t).toISOString(),
      delivered: r.delivered,
      failed: r.failed,
      successPct: r.delivered + r.failed > 0 ? Math.round((r.delivered / (r.delivered + r.failed)) * 100_000) / 1000 : null,
      p95: r.p95,
      p99: r.p99,
      lag: r.lag,
    })),
    anomalies: incidents.filter((i) => i.kind === "ANOMALY").map(span),
    breaches: incidents.filter((i) => i.kind === "SLA_BREACH").map(span),
  };
}

const SEVERITY: Record<HealthStatusValue, number> = { BREACHED: 0, AT_RISK: 1, NO_DATA: 2, OK: 3 };
// A board tile lists the flows that need attention first; a very large domain is cut off after this many.
const FLOWS_PER_TILE = 60;

export type BoardFlow = { id: string; name: string; status: HealthStatusValue; since: string | null; reasons: string[] };
export type BoardDomain = { id: string | null; name: string; worst: HealthStatusValue; counts: Record<HealthStatusValue, number>; total: number; flows: BoardFlow[] };
export type HealthBoard = {
  counts: Record<HealthStatusValue, number>;
  domains: BoardDomain[];
  openIncidents: IncidentDto[];
  agents: { total: number; online: number; silent: number };
  lastTelemetryAt: string | null;
};

const zero = (): Record<HealthStatusValue, number> => ({ OK: 0, AT_RISK: 0, BREACHED: 0, NO_DATA: 0 });

/** The estate board: every flow's status grouped by domain (the interface's, else its system's), worst first. */
export async function healthBoard(ctx: Ctx): Promise<HealthBoard> {
  requirePermission(ctx, "health.read");
  const rows = await database().driver.query<{ id: string; name: string; status: HealthStatusValue | null; since: Date | string | null; reasons: string[] | null; domain_id: string | null; domain_name: string | null }>(
    `SELECT f.id::text AS id, f.name, h.status::text AS status, h.since, h.reasons, d.id::text AS domain_id, d.name AS domain_name
     FROM flow f JOIN interface i ON i.id = f.interface_id JOIN system s ON s.id = i.system_id
     LEFT JOIN domain d ON d.id = COALESCE(i.domain_id, s.domain_id)
     LEFT JOIN flow_health h ON h.flow_id = f.id`,
  );
  const counts = zero();
  const domains = new Map<string, BoardDomain>();
  for (const r of rows) {
    const status = r.status ?? "NO_DATA";
    counts[status] += 1;
    const key = r.domain_id ?? "none";
    const domain = domains.get(key) ?? { id: r.domain_id, name: r.domain_name ?? "No domain", worst: "OK", counts: zero(), total: 0, flows: [] };
    domain.counts[status] += 1;
    domain.total += 1;
    domain.flows.push({ id: r.id, name: r.name, status, since: r.since ? new Date(r.since).toISOString() : null, reasons: r.reasons ?? [] });
    domains.set(key, domain);
  }
  for (const d of domains.values()) {
    d.flows.sort((a, b) => SEVERITY[a.status] - SEVERITY[b.status] || a.name.localeCompare(b.name));
    d.worst = d.flows[0]?.status ?? "NO_DATA";
    d.flows = d.flows.slice(0, FLOWS_PER_TILE);
  }
  const sorted = [...domains.values()].sort(
    (a, b) => SEVERITY[a.worst] - SEVERITY[b.worst] || b.counts.BREACHED - a.counts.BREACHED || b.counts.AT_RISK - a.counts.AT_RISK || a.name.localeCompare(b.name),
  );
  const [openIncidents, agents, [latest]] = await Promise.all([
    listIncidents(ctx, { state: "OPEN", limit: 50 }),
    db().agent.findMany({ where: { revokedAt: null }, select: { lastSeenAt: true } }),
    database().driver.query<{ at: Date | string | null }>(`SELECT max(minute) AS at FROM flow_metric_minute`),
  ]);
  const silentBefore = Date.now() - silentAfterSeconds() * 1000;
  return {
    counts,
    domains: sorted,
    openIncidents,
    agents: {
      total: agents.length,
      online: agents.filter((a) => a.lastSeenAt && a.lastSeenAt.getTime() >= silentBefore).length,
      silent: agents.filter((a) => a.lastSeenAt && a.lastSeenAt.getTime() < silentBefore).length,
    },
    lastTelemetryAt: latest?.at ? new Date(latest.at).toISOString() : null,
  };
}
