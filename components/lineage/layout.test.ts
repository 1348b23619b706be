import { describe, expect, it } from "vitest";
import { elkGraph, graphSignature, layerLayout, type LayoutEdge, type LayoutNode } from "./layout";

const nodes = (ids: string[]): LayoutNode[] => ids.map((id) => ({ id, w: 100, h: 40 }));
const edge = (source: string, target: string): LayoutEdge => ({ id: `${source}>${target}`, source, target });

describe("layerLayout", () => {
  it("puts each node one column right of its furthest predecessor", () => {
    const p = layerLayout({ nodes: nodes(["a", "b", "c", "d"]), edges: [edge("a", "b"), edge("b", "c"), edge("a", "c"), edge("d", "c")] });
    expect(p.a.x).toBe(p.d.x);
    expect(p.b.x).toBeGreaterThan(p.a.x);
    expect(p.c.x).toBeGreaterThan(p.b.x);
    // Nodes sharing a column do not overlap.
    expect(Math.abs(p.a.y - p.d.y)).toBeGreaterThanOrEqual(40);
  });

  it("lays out cycles and self-loops without hanging, every node placed once", () => {
    const p = layerLayout({ nodes: nodes(["a", "b", "c"]), edges: [edge("a", "b"), edge("b", "c"), edge("c", "a"), edge("b", "b"), edge("a", "missing")] });
    expect(Object.keys(p).sort()).toEqual(["a", "b", "c"]);
    expect(new Set(Object.values(p).map((q) => `${q.x},${q.y}`)).size).toBe(3);
  });

  it("wraps a tall column so a large flat estate stays roughly square", () => {
    const many = nodes(Array.from({ length: 5000 }, (_, i) => `n${i}`));
    const edges = Array.from({ length: 8000 }, (_, i) => edge(`n${i % 5000}`, `n${(i * 7919 + 13) % 5000}`));
    const p = layerLayout({ nodes: many, edges });
    expect(Object.keys(p)).toHaveLength(5000);
    const xs = Object.values(p).map((q) => q.x);
    const ys = Object.values(p).map((q) => q.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeGreaterThan(0.2);
    expect(width / height).toBeLessThan(20);
    const seen = new Set(Object.values(p).map((q) => `${q.x},${q.y}`));
    expect(seen.size).toBe(5000);
  });
});

describe("elkGraph and graphSignature", () => {
  it("builds a layered ELK graph without dangling edges or self-loops", () => {
    const graph = elkGraph({ nodes: nodes(["a", "b"]), edges: [edge("a", "b"), edge("a", "x"), edge("b", "b")] });
    expect(graph.layoutOptions["elk.algorithm"]).toBe("layered");
    expect(graph.edges).toEqual([{ id: "a>b", sources: ["a"], targets: ["b"] }]);
  });

  it("changes when the graph's shape does", () => {
    const one = graphSignature({ nodes: nodes(["a", "b"]), edges: [edge("a", "b")] });
    expect(graphSignature({ nodes: nodes(["a", "b"]), edges: [edge("a", "b")] })).toBe(one);
    expect(graphSignature({ nodes: nodes(["a", "b"]), edges: [edge("b", "a")] })).not.toBe(one);
  });
});

describe("layerLayout on a long chain", () => {
  it("folds the layers into bands instead of one thin strip", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `c${i}`);
    const p = layerLayout({ nodes: nodes(ids), edges: ids.slice(1).map((id, i) => edge(ids[i], id)) });
    const xs = Object.values(p).map((q) => q.x);
    const ys = Object.values(p).map((q) => q.y);
    const width = Math.max(...xs) - Math.min(...xs);
    const height = Math.max(...ys) - Math.min(...ys);
    expect(width / height).toBeLessThan(3);
    expect(new Set(Object.values(p).map((q) => `${q.x},${q.y}`)).size).toBe(200);
  });
});
