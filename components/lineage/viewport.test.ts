import { describe, expect, it } from "vitest";
import type { ViewEdge, ViewGraph, ViewNode } from "./model";
import type { Boxes } from "./regions";
import { indexViewport, regionAround, regionFit, selectInRegion, viewRect } from "./viewport";

const node = (id: string, kind: ViewNode["kind"] = "system"): ViewNode => ({ id, kind, name: id, team: null, domainId: null, classification: null, contracts: 0, violations: 0 });
const edge = (source: string, target: string): ViewEdge => ({ id: `${source}>${target}`, source, target, kind: "flow", styles: [], protocols: [], patterns: [], count: 1, flowIds: [], mappedFields: 0 });
const ids = (graph: ViewGraph) => ({ nodes: graph.nodes.map((n) => n.id).sort(), edges: graph.edges.map((e) => e.id).sort() });

/** A 100 x 100 grid of 200 x 70 boxes, 300 map units apart: 10,000 nodes spread over 30,000 x 30,000 units. */
function grid() {
  const nodes: ViewNode[] = [];
  const boxes: Boxes = {};
  for (let c = 0; c < 100; c++)
    for (let r = 0; r < 100; r++) {
      const id = `n${c}-${r}`;
      nodes.push(node(id));
      boxes[id] = { x: c * 300, y: r * 300, w: 200, h: 70 };
    }
  return { nodes, boxes };
}

describe("selectInRegion", () => {
  it("hands over exactly the nodes whose boxes meet the region, whatever the grid's cells", () => {
    const { nodes, boxes } = grid();
    const graph = { nodes, edges: [] };
    const index = indexViewport(graph, boxes);
    for (const region of [
      { x0: 0, y0: 0, x1: 1000, y1: 500 },
      { x0: 5150, y0: 2990, x1: 5160, y1: 3001 },
      { x0: -500, y0: -500, x1: 10, y1: 10 },
      { x0: 29_000, y0: 250, x1: 40_000, y1: 12_345 },
    ]) {
      const expected = nodes.filter((n) => {
        const b = boxes[n.id];
        return b.x < region.x1 && b.x + b.w > region.x0 && b.y < region.y1 && b.y + b.h > region.y0;
      });
      expect(ids(selectInRegion(index, boxes, region)).nodes).toEqual(ids({ nodes: expected, edges: [] }).nodes);
    }
  });

  it("keeps both ends of an edge with one end in the region, and drops edges with neither end in it", () => {
    const { nodes, boxes } = grid();
    const graph = {
      nodes,
      edges: [
        edge("n1-1", "n90-90"), // from the region to far away
        edge("n80-2", "n2-0"), // from far away into the region
        edge("n0-50", "n50-0"), // both ends outside: the line between them only passes by
        edge("n60-60", "n70-70"), // nowhere near
        edge("n90-90", "n95-95"), // from a far end kept for another edge: not pulled in by it
      ],
    };
    const region = { x0: 0, y0: 0, x1: 1000, y1: 500 };
    const shown = selectInRegion(indexViewport(graph, boxes), boxes, region);
    expect(ids(shown).edges).toEqual(["n1-1>n90-90", "n80-2>n2-0"]);
    for (const far of ["n90-90", "n80-2"]) expect(ids(shown).nodes).toContain(far);
    for (const away of ["n0-50", "n50-0", "n60-60", "n70-70", "n95-95"]) expect(ids(shown).nodes).not.toContain(away);
    // Every edge handed over has both its ends handed over.
    const held = new Set(shown.nodes.map((n) => n.id));
    for (const e of shown.edges) expect([held.has(e.source), held.has(e.target)]).toEqual([true, true]);
  });

  it("always hands over the domains, and a large box (an open domain) around the region, in the graph's order", () => {
    const domain = node("domain:far", "domain");
    const around = node("domain:around", "domain");
    const inside = node("s-inside");
    const graph = { nodes: [around, domain, inside], edges: [] };
    const boxes: Boxes = { "domain:far": { x: 90_000, y: 90_000, w: 5000, h: 5000 }, "domain:around": { x: -10_000, y: -10_000, w: 40_000, h: 40_000 }, "s-inside": { x: 100, y: 100, w: 200, h: 70 } };
    const shown = selectInRegion(indexViewport(graph, boxes), boxes, { x0: 0, y0: 0, x1: 1000, y1: 1000 });
    expect(shown.nodes.map((n) => n.id)).toEqual(["domain:around", "domain:far", "s-inside"]);
  });

  it("leaves out nodes without a box and edges to them", () => {
    const graph = { nodes: [node("a"), node("b")], edges: [edge("a", "b")] };
    const boxes: Boxes = { a: { x: 0, y: 0, w: 200, h: 70 } };
    expect(ids(selectInRegion(indexViewport(graph, boxes), boxes, { x0: -100, y0: -100, x1: 500, y1: 500 }))).toEqual({ nodes: ["a"], edges: [] });
  });
});

describe("the region around the view", () => {
  it("is the view in map units with half its size again on every side, and serves pans within that margin", () => {
    // React Flow's transform: the map is shifted by (x, y) pixels and scaled by zoom.
    const view = viewRect([-400, -200, 0.5], 1000, 600);
    expect(view).toEqual({ x0: 800, y0: 400, x1: 2800, y1: 1600 });
    const region = regionAround(view);
    expect(region).toEqual({ x0: -200, y0: -200, x1: 3800, y1: 2200 });
    expect(regionFit(region, viewRect([-600, -300, 0.5], 1000, 600))).toBe("serves");
    // Panned past the margin, or zoomed out beyond it: a new region is needed at once.
    expect(regionFit(region, viewRect([-1000, -200, 0.5], 1000, 600))).toBe("left");
    expect(regionFit(region, viewRect([-100, -50, 0.2], 1000, 600))).toBe("left");
    // Zoomed far in, the region would hold many times what is on screen: a new one once the view rests.
    expect(regionFit(region, viewRect([-1600, -800, 1.6], 1000, 600))).toBe("oversized");
  });
});
