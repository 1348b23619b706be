// Silence is a fault: every flow has an expected rhythm, from its contract or learnt from its history, and a producer
// that stops (no delivered message for longer than the rhythm allows) breaches freshness even when nothing waits. Pure.

// A Poisson stream at the expected rate leaves a gap this long with probability 1e-6: ln(1e6) mean gaps.
const GAP_MEAN_GAPS = Math.log(1e6);
// Telemetry arrives in agent windows (15 s by default) and minute roll-ups: a shorter allowance cannot be judged.
export const MIN_INTERVAL_SECONDS = 60;
// A flow expected to carry less than this is idle (a quiet night): silence is not judged.
const IDLE_PER_MINUTE = 0.05;

export type RhythmInput = {
  /** The contract's own allowance (SLA `expectedIntervalSeconds`), used as given. */
  contractIntervalSeconds?: number | null;
  /** The contract's minimum volume per minute. */
  contractMinPerMinute: number | null;
  /** The learnt expectation now (seasonal model, or the last hour's median), per minute. */
  expectedPerMinute: number | null;
  /** The model's relative tolerance: the rate is judged at its low edge. */
  tolerance?: number;
};

export type Rhythm = { seconds: number; source: "contract" | "learnt" };

/** How long this flow may go without a delivered message, or null when its rhythm allows any silence. */
export function expectedRhythm(input: RhythmInput): Rhythm | null {
  if (input.contractIntervalSeconds && input.contractIntervalSeconds > 0) return { seconds: Math.max(MIN_INTERVAL_SECONDS, input.contractIntervalSeconds), source: "contract" };
  const learnt = input.expectedPerMinute === null ? null : input.expectedPerMinute * (1 - (input.tolerance ?? 0));
  const contract = input.contractMinPerMinute;
  const rate = contract !== null && contract > 0 ? contract : learnt;
  if (rate === null || rate < IDLE_PER_MINUTE) return null;
  return { seconds: Math.max(MIN_INTERVAL_SECONDS, Math.round((GAP_MEAN_GAPS / rate) * 60)), source: contract !== null && contract > 0 ? "contract" : "learnt" };
}

/** Seconds of the rhythm, for callers that only need the number. */
export function expectedIntervalSeconds(input: RhythmInput): number | null {
  return expectedRhythm(input)?.seconds ?? null;
}

/** Whether the newest delivered message is older than the rhythm allows. */
export function silenceVerdict(now: number, newestDeliveredAt: number | null, intervalSeconds: number | null): { silent: boolean; ageSeconds: number | null } {
  const ageSeconds = newestDeliveredAt === null ? null : Math.max(0, Math.round((now - newestDeliveredAt) / 1000));
  return { silent: ageSeconds !== null && intervalSeconds !== null && ageSeconds > intervalSeconds, ageSeconds };
}
