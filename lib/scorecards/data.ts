import "server-only";
import { notFound } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import type { Prisma } from "@/lib/db/generated/client";
import type { LeaderboardDto, ScorecardDto, ScorecardsQuery, ScoreSubject, TrendPoint } from "./schemas";
import { PARTS, scorecardOf, type InterfaceFacts, type Parts } from "./score";

type Ref = { id: string; name: string };

type FactRow = {
  id: string;
  name: string;
  system_id: string;
  system_name: string;
  team_id: string | null;
  team_name: string | null;
  domain_id: string | null;
  domain_name: string | null;
  lint_errors: number | null;
  lint_warnings: number | null;
  governed: boolean;
  flow_health: InterfaceFacts["flowHealth"] | null;
  open_violations: number;
};

/**
 * What every scorecard is computed from: the live, non-retired interfaces of the estate. One statement, aggregated
 * in the database: loading relations per interface sent every interface id as a parameter, past PostgreSQL's
 * 32,767 at estate scale.
 */
async function loadFacts(client: Prisma.TransactionClient = db()): Promise<InterfaceFacts[]> {
  const rows = await client.$queryRaw<FactRow[]>`
    WITH latest AS (
      SELECT DISTINCT ON (v.interface_id) v.interface_id, g.errors, g.warnings
      FROM interface_version v LEFT JOIN governance_run g ON g.interface_version_id = v.id
      ORDER BY v.interface_id, v.created_at DESC, v.id DESC),
    flow_violations AS (SELECT flow_id, count(*)::int AS n FROM policy_violation WHERE flow_id IS NOT NULL GROUP BY flow_id),
    flows AS (
      SELECT f.interface_id, array_agg(h.status::text) FILTER (WHERE h.status <> 'NO_DATA') AS health, sum(coalesce(fv.n, 0))::int AS violations
      FROM flow f LEFT JOIN flow_health h ON h.flow_id = f.id LEFT JOIN flow_violations fv ON fv.flow_id = f.id
      GROUP BY f.interface_id),
    interface_violations AS (SELECT interface_id, count(*)::int AS n FROM policy_violation WHERE interface_id IS NOT NULL GROUP BY interface_id)
    SELECT i.id, i.name, s.id AS system_id, s.name AS system_name, t.id AS team_id, t.name AS team_name, d.id AS domain_id, d.name AS domain_name,
           l.errors AS lint_errors, l.warnings AS lint_warnings,
           EXISTS (SELECT 1 FROM data_contract c WHERE c.interface_id = i.id AND c.status IN ('APPROVED', 'ACTIVE')) AS governed,
           fl.health AS flow_health, coalesce(iv.n, 0) + coalesce(fl.violations, 0) AS open_violations
    FROM interface i JOIN system s ON s.id = i.system_id
    LEFT JOIN team t ON t.id = coalesce(i.owner_team_id, s.owner_team_id)
    LEFT JOIN domain d ON d.id = coalesce(i.domain_id, s.domain_id)
    LEFT JOIN latest l ON l.interface_id = i.id
    LEFT JOIN flows fl ON fl.interface_id = i.id
    LEFT JOIN interface_violations iv ON iv.interface_id = i.id
    WHERE i.lifecycle <> 'RETIRED'`;
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    system: { id: r.system_id, name: r.system_name },
    team: r.team_id ? { id: r.team_id, name: r.team_name! } : null,
    domain: r.domain_id ? { id: r.domain_id, name: r.domain_name! } : null,
    lint: r.lint_errors === null ? null : { errors: r.lint_errors, warnings: r.lint_warnings ?? 0 },
    governedByContract: r.governed,
    flowHealth: r.flow_health ?? [],
    openViolations: r.open_violations,
  }));
}

type Grouping = { subject: ScoreSubject; key: (f: InterfaceFacts) => Ref | null };
const GROUPINGS: Record<ScoreSubject, Grouping> = {
  INTERFACE: { subject: "INTERFACE", key: (f) => ({ id: f.id, name: f.name }) },
  SYSTEM: { subject: "SYSTEM", key: (f) => f.system },
  TEAM: { subject: "TEAM", key: (f) => f.team },
  DOMAIN: { subject: "DOMAIN", key: (f) => f.domain },
};

function scorecards(facts: readonly InterfaceFacts[], subject: ScoreSubject): ScorecardDto[] {
  const groups = new Map<string, { ref: Ref; members: InterfaceFacts[] }>();
  for (const f of facts) {
    const ref = GROUPINGS[subject].key(f);
    if (!ref) continue;
    const group = groups.get(ref.id) ?? { ref, members: [] };
    group.members.push(f);
    groups.set(ref.id, group);
  }
  return [...groups.values()].map(({ ref, members }) => {
    const domains = new Set(members.map((m) => m.domain?.id ?? null));
    const domain = subject === "DOMAIN" ? ref : domains.size === 1 ? members[0].domain : null;
    return { subject, id: ref.id, name: ref.name, domain, ...scorecardOf(members) };
  });
}

// Worst first: the point of a scorecard list is to show where the standards are not followed.
const worstFirst = (a: ScorecardDto, b: ScorecardDto) => (a.score ?? 101) - (b.score ?? 101) || a.name.localeCompare(b.name);

/** Scorecards of one kind of subject, worst first, optionally only those with interfaces in one domain. */
export async function listScorecards(ctx: Ctx, query: ScorecardsQuery): Promise<ScorecardDto[]> {
  requirePermission(ctx, "catalog.read");
  const facts = (await loadFacts()).filter((f) => !query.domain || f.domain?.id === query.domain);
  return scorecards(facts, query.subject).sort(worstFirst);
}

/** Per domain, its teams ranked by how their interfaces in that domain score, best first. */
export async function domainLeaderboards(ctx: Ctx): Promise<LeaderboardDto[]> {
  requirePermission(ctx, "catalog.read");
  const facts = await loadFacts();
  return scorecards(facts, "DOMAIN")
    .map((domain) => ({
      domain: { id: domain.id, name: domain.name },
      score: domain.score,
      teams: scorecards(facts.filter((f) => f.domain?.id === domain.id), "TEAM").sort((a, b) => (b.score ?? -1) - (a.score ?? -1) || a.name.localeCompare(b.name)),
    }))
    .sort((a, b) => a.domain.name.localeCompare(b.domain.name));
}

/** One subject's score over time, oldest first: one point per change of its score or parts. */
export async function scoreTrend(ctx: Ctx, subject: ScoreSubject, id: string, days: number, now = new Date()): Promise<TrendPoint[]> {
  requirePermission(ctx, "catalog.read");
  const rows = await db().scoreSnapshot.findMany({
    where: { subjectType: subject, subjectId: id, takenAt: { gte: new Date(now.getTime() - days * 86_400_000) } },
    orderBy: { takenAt: "asc" },
    select: { takenAt: true, score: true, parts: true },
  });
  return rows.map((r) => ({ at: r.takenAt.toISOString(), score: r.score, parts: r.parts as Parts }));
}

// jsonb reorders keys, so parts are compared one by one.
const sameParts = (a: Prisma.JsonValue, b: Parts) => PARTS.every((p) => (a as Parts | null)?.[p] === b[p]);

/**
 * Appends a snapshot for every subject whose score or parts changed since its last one: the trend's points.
 * Runs after governance runs and rule changes; a snapshot is derived data, so it is not audited.
 */
export async function snapshotScores(now = new Date(), client: Prisma.TransactionClient = db()): Promise<number> {
  const facts = await loadFacts(client);
  const current = (Object.keys(GROUPINGS) as ScoreSubject[]).flatMap((s) => scorecards(facts, s)).filter((c) => c.score !== null);
  const latest = await client.$queryRaw<{ subject_type: ScoreSubject; subject_id: string; score: number; parts: Prisma.JsonValue }[]>`
    SELECT DISTINCT ON (subject_type, subject_id) subject_type, subject_id, score, parts
    FROM score_snapshot ORDER BY subject_type, subject_id, taken_at DESC`;
  const previous = new Map(latest.map((r) => [`${r.subject_type}:${r.subject_id}`, r]));
  const changed = current.filter((c) => {
    const before = previous.get(`${c.subject}:${c.id}`);
    return !before || before.score !== c.score || !sameParts(before.parts, c.parts);
  });
  if (changed.length === 0) return 0;
  // One statement with the rows as one JSON parameter: the whole estate's points would be tens of thousands of rows.
  const rows = changed.map((c) => ({ subject_type: c.subject, subject_id: c.id, name: c.name, domain_id: c.domain?.id ?? null, score: c.score, parts: c.parts }));
  await client.$executeRaw`
    INSERT INTO score_snapshot (id, subject_type, subject_id, name, domain_id, score, parts, taken_at)
    SELECT gen_random_uuid(), r.subject_type::"ScoreSubject", r.subject_id, r.name, r.domain_id, r.score, r.parts, ${now}
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(subject_type text, subject_id uuid, name text, domain_id uuid, score int, parts jsonb)`;
  return changed.length;
}

let pending: NodeJS.Timeout | null = null;

/**
 * Snapshots soon, once for a burst of requests: a folder import asks after every file, and each snapshot reads
 * the whole estate. Live scorecards never wait for it; only the trend does.
 */
export function requestScoreSnapshot(delayMs = 2000): void {
  if (pending) return;
  pending = setTimeout(() => {
    pending = null;
    snapshotScores().catch((error: unknown) => logger.error({ err: error }, "scorecard snapshot failed"));
  }, delayMs);
  pending.unref?.();
}

export const SNAPSHOT_LOCK_KEY = 7_142_020_016;
const SNAPSHOT_INTERVAL_MS = 60 * 60 * 1000;

/**
 * The periodic snapshot: SLA health changes without any import or rule change, so the trend gets a point for it at
 * most hourly. The advisory lock lets one instance snapshot at a time; another that finds it held skips the tick.
 * Returns the number of points written, or null when another instance held the lock.
 */
export async function snapshotScoresExclusively(now = new Date()): Promise<number | null> {
  return db().$transaction(
    async (tx) => {
      const [{ locked }] = await tx.$queryRaw<{ locked: boolean }[]>`SELECT pg_try_advisory_xact_lock(${SNAPSHOT_LOCK_KEY}::bigint) AS locked`;
      return locked ? snapshotScores(now, tx) : null;
    },
    { timeout: 60_000 },
  );
}

const holder = globalThis as unknown as { __interchangeScoreSnapshots?: NodeJS.Timeout };

/** Starts the hourly snapshot once per process (SCORE_SNAPSHOT_INTERVAL_MINUTES, at least 60; "off" disables it). */
export function startScoreSnapshots(env: NodeJS.ProcessEnv = process.env): void {
  if (holder.__interchangeScoreSnapshots || (env.SCORE_SNAPSHOT_INTERVAL_MINUTES ?? "").toLowerCase() === "off") return;
  const minutes = Number(env.SCORE_SNAPSHOT_INTERVAL_MINUTES);
  const interval = Number.isFinite(minutes) && minutes >= 60 ? minutes * 60_000 : SNAPSHOT_INTERVAL_MS;
  holder.__interchangeScoreSnapshots = setInterval(() => {
    snapshotScoresExclusively().catch((error: unknown) => logger.error({ err: error }, "periodic scorecard snapshot failed"));
  }, interval);
  holder.__interchangeScoreSnapshots.unref?.();
}

/** One subject's scorecard, live; not found when it has no live interfaces. */
export async function getScorecard(ctx: Ctx, subject: ScoreSubject, id: string): Promise<ScorecardDto> {
  const card = (await listScorecards(ctx, { subject })).find((c) => c.id === id);
  if (!card) throw notFound("Scorecard");
  return card;
}
