import { describe, expect, it } from "vitest";
import { rankRootCauses, type UpstreamMap } from "./root-cause";

const upstream = (entries: Record<string, Record<string, number>>): UpstreamMap =>
  new Map(Object.entries(entries).map(([k, v]) => [k, new Map(Object.entries(v))]));

describe("rankRootCauses", () => {
  it("ranks the upstream flow that all breaching flows share first", () => {
    // A -> B -> C and A -> B -> D; X feeds only D.
    const map = upstream({
      C: { C: 0, B: 1, A: 2 },
      D: { D: 0, B: 1, A: 2, X: 1 },
    });
    const ranked = rankRootCauses(map, new Set(["C", "D"]));
    expect(ranked.map((r) => r.flowId)).toEqual(["B", "A"]);
    expect(ranked[0]).toMatchObject({ covers: 2, of: 2, hops: 1 });
  });

  it("prefers a shared upstream flow that is itself unhealthy", () => {
    const map = upstream({ C: { C: 0, B: 1, A: 2 }, D: { D: 0, B: 1, A: 2 } });
    expect(rankRootCauses(map, new Set(["A"]))[0].flowId).toBe("A");
  });

  it("names a breaching flow as the cause when the others are downstream of it", () => {
    const map = upstream({ B: { B: 0, A: 1 }, C: { C: 0, B: 1, A: 2 }, D: { D: 0, B: 1, A: 2 } });
    const ranked = rankRootCauses(map, new Set(["B", "C", "D"]));
    expect(ranked[0]).toMatchObject({ flowId: "B", covers: 3, of: 3 });
  });

  it("finds nothing for a single breach or flows with no common upstream", () => {
    expect(rankRootCauses(upstream({ C: { C: 0, B: 1 } }), new Set())).toEqual([]);
    expect(rankRootCauses(upstream({ C: { C: 0, B: 1 }, D: { D: 0, X: 1 } }), new Set())).toEqual([]);
  });
});
