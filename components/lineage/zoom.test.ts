import { describe, expect, it } from "vitest";
import type { ViewGraph, ViewNode } from "./model";
import { DOM_BUDGET, labelScale, splitByLevel } from "./zoom";

const node = (id: string, kind: ViewNode["kind"]): ViewNode => ({ id, kind, name: id, team: null, domainId: null, classification: null, contracts: 0, violations: 0 });
const edge = (source: string, target: string) => ({ id: `${source}>${target}`, source, target, kind: "flow" as const, styles: [], protocols: [], patterns: [], count: 1, flowIds: [], mappedFields: 0 });

describe("splitByLevel", () => {
  it("draws a graph within the DOM budget wholly in the DOM, whatever the zoom", () => {
    const graph: ViewGraph = { nodes: [node("d", "domain"), node("s", "system"), node("i", "interface")], edges: [edge("i", "s")] };
    expect(splitByLevel(graph, 0)).toEqual({ dom: graph, canvas: { nodes: [], edges: [] } });
  });

  it("paints the nodes below the zoom's level on the canvas when a graph is over the budget, with the edges touching them", () => {
    const nodes = [node("d", "domain"), ...Array.from({ length: DOM_BUDGET }, (_, k) => node(`s${k}`, k % 2 ? "system" : "interface"))];
    const graph: ViewGraph = { nodes, edges: [edge("s1", "d"), edge("s0", "s1")] };
    const overview = splitByLevel(graph, 0);
    expect(overview.dom.nodes.map((n) => n.id)).toEqual(["d"]);
    expect(overview.canvas.nodes).toHaveLength(DOM_BUDGET);
    expect(overview.canvas.edges).toHaveLength(2);
    const systems = splitByLevel(graph, 1);
    expect(systems.dom.nodes.every((n) => n.kind !== "interface")).toBe(true);
    expect(systems.dom.edges.map((e) => e.id)).toEqual(["s1>d"]);
    expect(splitByLevel(graph, 2).canvas.nodes).toHaveLength(0);
  });
});

describe("labelScale", () => {
  it("keeps a label at least the minimum size on screen, in steps, within its bounds", () => {
    expect(labelScale(1, 12, 11)).toBe(1);
    for (const zoom of [0.5, 0.2, 0.05, 0.013]) expect(12 * zoom * labelScale(zoom, 12, 11)).toBeGreaterThanOrEqual(11);
    expect(labelScale(0.05, 12, 11, 3)).toBe(3);
    // Zooming a little does not change the step (nodes are not re-rendered on every wheel notch).
    expect(labelScale(0.2, 12, 11)).toBe(labelScale(0.21, 12, 11));
  });
});
