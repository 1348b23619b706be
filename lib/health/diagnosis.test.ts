import { describe, expect, it } from "vitest";
import { diagnose, rank, summarise, suspectsOf, type Affected, type UpstreamMap } from "./diagnosis";
import { upstreamOf, type FlowEnds } from "./upstream";

const upstream = (entries: Record<string, Record<string, number>>): UpstreamMap =>
  new Map(Object.entries(entries).map(([k, v]) => [k, new Map(Object.entries(v))]));
const at = (onsets: Record<string, number>) => new Map<string, Affected>(Object.entries(onsets).map(([k, minute]) => [k, { onset: minute * 60_000, what: "anomaly" }]));

describe("root-cause diagnosis", () => {
  it("groups a cascade into one problem and ranks the upstream flow that changed first, explaining why", () => {
    // A -> B -> C and A -> B -> D, all in trouble; A first.
    const map = upstream({ A: { A: 0 }, B: { B: 0, A: 1 }, C: { C: 0, B: 1, A: 2 }, D: { D: 0, B: 1, A: 2 } });
    const [problem, ...rest] = diagnose(map, at({ A: 0, B: 2, C: 4, D: 4 }));
    expect(rest).toEqual([]);
    expect(problem.flowIds).toEqual(["A", "B", "C", "D"]);
    expect(problem.candidates.map((c) => c.flowId).slice(0, 2)).toEqual(["A", "B"]);
    expect(problem.candidates[0]).toMatchObject({ covers: 4, of: 4, affected: true, leads: 1, tie: false });
    expect(summarise(problem)).toMatch(/most likely A: A is or feeds 4 of the 4 affected flows; it was among the first to change/);
  });

  it("names a shared upstream flow that is not in trouble itself when two siblings are", () => {
    const [problem] = diagnose(upstream({ C: { C: 0, B: 1, A: 2 }, D: { D: 0, B: 1, A: 2, X: 1 } }), at({ C: 0, D: 0 }));
    expect(problem.candidates.find((c) => c.flowId === "B")).toMatchObject({ covers: 2, affected: false });
  });

  it("reports candidates the evidence cannot separate as a tie", () => {
    const [problem] = diagnose(upstream({ C: { C: 0, P: 1 }, D: { D: 0, P: 1 } }), at({ C: 0, D: 0 }));
    expect(problem.candidates.slice(0, 2).every((c) => c.tie)).toBe(true);
    expect(summarise(problem)).toMatch(/^tie between C and D/);
  });

  it("keeps unrelated troubles in separate problems", () => {
    const problems = diagnose(upstream({ C: { C: 0, B: 1 }, D: { D: 0, X: 1 } }), at({ C: 0, D: 5 }));
    expect(problems.map((p) => p.flowIds)).toEqual([["C"], ["D"]]);
  });
});

describe("suspected causes of each affected flow", () => {
  // A flow "P>X" is produced by system P and delivered to system X.
  const lineage = (...names: string[]): FlowEnds[] => names.map((n) => ({ id: n, providerSystemId: n.split(">")[0], consumerSystemId: n.split(">")[1] }));
  const named = (flows: FlowEnds[], onsets: Record<string, number>) => {
    const up = upstreamOf(flows, Object.keys(onsets), 6);
    const suspects = suspectsOf(rank(up, at(onsets)), up);
    return Object.fromEntries(Object.keys(onsets).map((id) => [id, (suspects.get(id) ?? []).map((c) => c.flowId)]));
  };

  it("names the shared upstream flow for two siblings, never the sibling nor the flow itself", () => {
    // U>P feeds system P, which produces P>X and P>Y: siblings, both breaching.
    expect(named(lineage("U>P", "P>X", "P>Y"), { "P>X": 0, "P>Y": 0 })).toEqual({ "P>X": ["U>P"], "P>Y": ["U>P"] });
  });

  it("names the upstream breaching flow for its downstream flows, and nothing for the flow at the top", () => {
    expect(named(lineage("U>P", "P>X", "P>Y"), { "U>P": 0, "P>X": 2, "P>Y": 2 })).toEqual({ "U>P": [], "P>X": ["U>P"], "P>Y": ["U>P"] });
  });

  it("in a cycle, names the other flows of the cycle by lineage distance, never the flow itself", () => {
    const flows = lineage("A>B", "B>C", "C>A");
    const result = named(flows, { "A>B": 0, "B>C": 0, "C>A": 0 });
    expect(result["A>B"].sort()).toEqual(["B>C", "C>A"]);
    expect(result["B>C"].sort()).toEqual(["A>B", "C>A"]);
    const up = upstreamOf(flows, ["A>B"], 6).get("A>B")!;
    expect([...up]).toEqual([["A>B", 0], ["C>A", 1], ["B>C", 2]]);
  });

  it("never names a stale feed elsewhere, even when it shares an upstream flow with the breaching flows", () => {
    // T>U feeds U, whose U>P feeds P (P>X and P>Y breach) and whose U>Q feeds a batch feed Q>W that went stale.
    const flows = lineage("T>U", "U>P", "U>Q", "P>X", "P>Y", "Q>W");
    const result = named(flows, { "P>X": 0, "P>Y": 0, "Q>W": 0 });
    expect(result).toEqual({ "P>X": ["T>U", "U>P"], "P>Y": ["T>U", "U>P"], "Q>W": ["T>U"] });
    // Ranked over the whole problem, the stale feed is a candidate: the old hint named it for P>X.
    const up = upstreamOf(flows, ["P>X", "P>Y", "Q>W"], 6);
    expect(rank(up, at({ "P>X": 0, "P>Y": 0, "Q>W": 0 }))[0].scored.map((c) => c.flowId)).toContain("Q>W");
  });

  it("names nothing for a flow in trouble alone", () => {
    expect(named(lineage("U>P", "P>X", "R>S"), { "P>X": 0, "R>S": 0 })).toEqual({ "P>X": [], "R>S": [] });
  });
});
