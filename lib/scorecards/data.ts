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

/** What every scorecard is computed from: the live, non-retired interfaces of the estate. */
async function loadFacts(client: Prisma.TransactionClient = db()): Promise<InterfaceFacts[]> {
  const rows = await client.interface.findMany({
    where: { lifecycle: { not: "RETIRED" } },
    select: {
      id: true,
      name: true,
      domain: { select: { id: true, name: true } },
      ownerTeam: { select: { id: true, name: true } },
      system: { select: { id: true, name: true, domain: { select: { id: true, name: true } }, ownerTeam: { select: { id: true, name: true } } } },
      versions: { orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 1, select: { governanceRun: { select: { errors: true, warnings: true } } } },
      contracts: { where: { status: { in: ["APPROVED", "ACTIVE"] } }, select: { id: true }, take: 1 },
      flows: { select: { health: { select: { status: true } }, _count: { select: { violations: true } } } },
      _count: { select: { violations: true } },
    },
  });
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    system: { id: r.system.id, name: r.system.name },
    team: r.ownerTeam ?? r.system.ownerTeam,
    domain: r.domain ?? r.system.domain,
    lint: r.versions[0]?.governanceRun ?? null,
    governedByContract: r.contracts.length > 0,
    flowHealth: r.flows.flatMap((f) => (f.health && f.health.status !== "NO_DATA" ? [f.health.status] : [])),
    openViolations: r._count.violations + r.flows.reduce((sum, f) => sum + f._count.violations, 0),
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
  await client.scoreSnapshot.createMany({
    data: changed.map((c) => ({ subjectType: c.subject, subjectId: c.id, name: c.name, domainId: c.domain?.id ?? null, score: c.score!, parts: c.parts, takenAt: now })),
  });
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
