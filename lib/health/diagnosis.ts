// Root cause as a diagnosis: flows in trouble at the same time are grouped into one problem along lineage, and the
// candidates are ranked by evidence (how many affected flows each explains, which changed first, whether the trouble
// moved downstream from it), each ranking explained in words and ties reported as ties. Pure.

/** For each affected flow, the flows upstream of it (and itself at hop 0), with their distance in flows. */
export type UpstreamMap = Map<string, Map<string, number>>;

/** A flow in trouble: when it started (the incident or breach opening) and what is wrong. */
export type Affected = { onset: number; what: string };

export type Candidate = {
  flowId: string;
  /** Affected flows it is, or is upstream of. */
  covers: number;
  of: number;
  hops: number;
  affected: boolean;
  onset: number | null;
  /** Of the other affected flows it explains, the share that started no earlier than it did. */
  leads: number;
  score: number;
  tie: boolean;
  explanation: string;
};

export type Problem = { flowIds: string[]; candidates: Candidate[] };

// Onsets this close count as simultaneous (evaluations run every 30 s and report windows last a minute).
const SAME_TIME_MS = 60_000;

function groups(upstream: UpstreamMap): string[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    const p = parent.get(x) ?? x;
    if (p === x) return x;
    const root = find(p);
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  // Two affected flows belong together when they share a flow upstream (or one feeds the other).
  const owner = new Map<string, string>();
  for (const [flowId, ups] of upstream) {
    parent.set(flowId, find(flowId));
    for (const up of ups.keys()) {
      const seen = owner.get(up);
      if (seen) union(flowId, seen);
      else owner.set(up, flowId);
    }
  }
  const out = new Map<string, string[]>();
  for (const flowId of upstream.keys()) {
    const root = find(flowId);
    out.set(root, [...(out.get(root) ?? []), flowId]);
  }
  return [...out.values()];
}

const minutes = (ms: number) => Math.round(ms / 60_000);

function explain(c: Scored, name: (id: string) => string, firstOnset: number): string {
  const parts = [`${name(c.flowId)} is or feeds ${c.covers} of the ${c.of} affected flows`];
  if (!c.affected) parts.push("it is not in trouble itself (not measured, or hiding the fault)");
  else if (c.onset !== null && c.onset - firstOnset < SAME_TIME_MS) parts.push("it was among the first to change");
  else if (c.onset !== null) parts.push(`it changed ${minutes(c.onset - firstOnset)} min after the first`);
  if (c.covers > 1 && c.affected) parts.push(`${Math.round(c.leads * 100)} % of the flows it feeds went wrong after it (trouble moving downstream)`);
  return parts.join("; ");
}

type Scored = Omit<Candidate, "explanation" | "tie">;
/** A problem with every candidate scored, best first, not yet explained. */
export type RankedProblem = { flowIds: string[]; firstOnset: number; scored: Scored[] };

/**
 * Groups the affected flows into problems and ranks each problem's candidates: the affected flows and the flows
 * upstream of at least two of them. Score = share of the problem explained + 0.5 when itself affected + 0.25 x the
 * share of the flows it explains that started after it - 0.01 per hop.
 */
export function rank(upstream: UpstreamMap, affected: ReadonlyMap<string, Affected>): RankedProblem[] {
  const problems: RankedProblem[] = [];
  for (const flowIds of groups(upstream)) {
    const n = flowIds.length;
    const firstOnset = Math.min(...flowIds.map((id) => affected.get(id)?.onset ?? Infinity));
    const coverage = new Map<string, { covered: string[]; hopSum: number }>();
    for (const flowId of flowIds) {
      for (const [candidate, hops] of upstream.get(flowId)!) {
        const entry = coverage.get(candidate) ?? { covered: [], hopSum: 0 };
        entry.covered.push(flowId);
        entry.hopSum += hops;
        coverage.set(candidate, entry);
      }
    }
    const scored: Scored[] = [];
    for (const [flowId, { covered, hopSum }] of coverage) {
      const isAffected = affected.has(flowId);
      if (!isAffected && (covered.length < 2 || n < 2)) continue;
      const onset = affected.get(flowId)?.onset ?? null;
      const others = covered.filter((id) => id !== flowId);
      const leads = onset === null || !others.length ? 0 : others.filter((id) => (affected.get(id)?.onset ?? Infinity) >= onset - SAME_TIME_MS / 2).length / others.length;
      const hops = hopSum / covered.length;
      const score = covered.length / n + (isAffected ? 0.5 : 0) + 0.25 * leads - 0.01 * hops;
      scored.push({ flowId, covers: covered.length, of: n, hops: Math.round(hops * 100) / 100, affected: isAffected, onset, leads: Math.round(leads * 100) / 100, score: Math.round(score * 1000) / 1000 });
    }
    scored.sort((a, b) => b.score - a.score || a.flowId.localeCompare(b.flowId));
    if (scored.length) problems.push({ flowIds: flowIds.sort(), firstOnset, scored });
  }
  return problems;
}

/** The problems with their best `limit` candidates explained in words; equal scores are ties. */
export function diagnose(upstream: UpstreamMap, affected: ReadonlyMap<string, Affected>, name: (id: string) => string = (id) => id, limit = 5): Problem[] {
  return rank(upstream, affected).map(({ flowIds, firstOnset, scored }) => ({
    flowIds,
    candidates: scored.slice(0, limit).map((c) => ({ ...c, tie: scored.filter((o) => o.score === c.score).length > 1, explanation: explain(c, name, firstOnset) })),
  }));
}

/**
 * Each affected flow's suspected causes: its problem's candidates that lie upstream of it in the lineage, best first,
 * with their distance from it. Never the flow itself, never a sibling or another affected flow it does not receive
 * data from; ties are judged among the candidates listed for it.
 */
export function suspectsOf(problems: readonly RankedProblem[], upstream: UpstreamMap, name: (id: string) => string = (id) => id, limit = 5): Map<string, Candidate[]> {
  const result = new Map<string, Candidate[]>();
  for (const problem of problems) {
    for (const flowId of problem.flowIds) {
      const ups = upstream.get(flowId)!;
      const mine: Scored[] = [];
      for (const c of problem.scored) {
        if (mine.length >= limit) break;
        if (c.flowId !== flowId && ups.has(c.flowId)) mine.push(c);
      }
      result.set(flowId, mine.map((c) => ({ ...c, hops: ups.get(c.flowId)!, tie: mine.filter((o) => o.score === c.score).length > 1, explanation: explain(c, name, problem.firstOnset) })));
    }
  }
  return result;
}

/** The words for a problem's ranking, naming ties as ties. */
export function summarise(problem: Problem, name: (id: string) => string = (id) => id): string {
  const [first] = problem.candidates;
  if (!first) return "no candidate cause";
  const tied = problem.candidates.filter((c) => c.score === first.score);
  if (tied.length > 1) return `tie between ${tied.map((c) => name(c.flowId)).join(" and ")}: the evidence does not separate them`;
  return `most likely ${name(first.flowId)}: ${first.explanation}`;
}
