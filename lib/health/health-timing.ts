// When telemetry counts as late, shared by ingest (which marks it) and the evaluator and maintenance (which read it
// incrementally). Pure.

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const hourStart = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

// Maintenance rolls an hour up once it ended this long ago, so the agents' last windows of the hour are in.
export const ROLLUP_GRACE_MS = 2 * MINUTE_MS;
// Ingest marks an hour late a minute before maintenance may roll it up, so a write in flight between the two is
// never missed (it is at worst rolled up twice).
export const LATE_MARK_GRACE_MS = MINUTE_MS;

/** Whether the hour starting at `hour` is (or may already be) rolled up at `now`, allowing `grace` after it ends. */
export function hourRolledUp(hour: number, now: number, grace = ROLLUP_GRACE_MS): boolean {
  return now >= hour + HOUR_MS + grace;
}

/** The first hour maintenance may not roll up yet at `now`: every hour before it is rolled up. */
export function rollUpBoundary(now: Date): number {
  return Math.floor((now.getTime() - ROLLUP_GRACE_MS) / HOUR_MS) * HOUR_MS;
}

// The evaluator re-reads every minute row from this long before its previous cycle's minute; ingest marks minutes
// older than NEW_MINUTE_MS (at its own clock) as late. The difference covers an ingest transaction up to a minute long.
export const EVALUATOR_LOOKBACK_MS = 3 * MINUTE_MS;
const NEW_MINUTE_MS = 2 * MINUTE_MS;

// The evaluator keeps a flow's minutes this far back: the hour it judges, and the whole hour maintenance rolls up next
// (from memory), with room for a maintenance run that comes a few cycles late.
export const KEPT_MINUTES_MS = HOUR_MS + 10 * MINUTE_MS;

/** Whether a minute written at `now` is one the evaluator's look-back would miss (and that it still keeps). */
export function minuteLateForEvaluator(minute: number, now: number): boolean {
  return minute < Math.floor(now / MINUTE_MS) * MINUTE_MS - NEW_MINUTE_MS && minute > now - KEPT_MINUTES_MS;
}
