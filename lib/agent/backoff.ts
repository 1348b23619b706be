// Exponential backoff with "full jitter" (AWS architecture blog): spreads a fleet of agents that all lost the
// portal at the same moment, so they do not come back in lock-step.
export type BackoffOptions = { baseMs: number; maxMs: number; random?: () => number };

/** Delay before retry number `attempt` (1 = the first retry): uniform in [base/2, min(max, base·2^(attempt-1))]. */
export function backoffDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  const floor = Math.min(baseMs / 2, ceiling);
  return Math.round(floor + random() * (ceiling - floor));
}
