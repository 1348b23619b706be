import { describe, expect, it } from "vitest";
import { diagnose, summarise, type Affected, type UpstreamMap } from "./diagnosis";

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
