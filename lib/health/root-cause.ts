// Ranks suspected root causes when several flows breach together: the upstream flows they share. Pure.

/** For each breaching flow, the flows upstream of it (and itself at hop 0), with their distance in flows. */
export type UpstreamMap = Map<string, Map<string, number>>;

export type RankedCause = { flowId: string; covers: number; of: number; hops: number; score: number };

/**
 * A candidate covers a breaching flow when it is that flow or upstream of it. Candidates covering at least two
 * breaching flows are ranked by how many they cover, then by being unhealthy themselves, then by closeness.
 */
export function rankRootCauses(upstream: UpstreamMap, unhealthy: ReadonlySet<string>, limit = 5): RankedCause[] {
  const breaching = [...upstream.keys()];
  if (breaching.length < 2) return [];
  const coverage = new Map<string, { covers: number; hopSum: number }>();
  for (const flowId of breaching) {
    for (const [candidate, hops] of upstream.get(flowId)!) {
      const entry = coverage.get(candidate) ?? { covers: 0, hopSum: 0 };
      entry.covers += 1;
      entry.hopSum += hops;
      coverage.set(candidate, entry);
    }
  }
  const ranked: RankedCause[] = [];
  for (const [flowId, { covers, hopSum }] of coverage) {
    if (covers < 2) continue;
    const hops = hopSum / covers;
    // Coverage dominates; being unhealthy itself is strong evidence; nearer beats farther.
    const score = covers / breaching.length + (unhealthy.has(flowId) ? 0.5 : 0) - hops * 0.01;
    ranked.push({ flowId, covers, of: breaching.length, hops: Math.round(hops * 100) / 100, score: Math.round(score * 1000) / 1000 });
  }
  return ranked.sort((a, b) => b.score - a.score || a.flowId.localeCompare(b.flowId)).slice(0, limit);
}
