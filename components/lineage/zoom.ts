import type { ReactFlowState } from "@xyflow/react";
import type { NodeKind, ViewEdge, ViewGraph, ViewNode } from "./model";

/**
 * Semantic zoom: below ZOOM_LEVELS[1] the overview draws domains, from there their systems, from ZOOM_LEVELS[2] the
 * systems' interfaces. Chosen so a level appears when its boxes are large enough on screen for their labels
 * (a system box is 220 map units wide: 88 px at 0.4).
 */
export const ZOOM_LEVELS = [0, 0.4, 0.7] as const;
export type ZoomLevel = 0 | 1 | 2;
/** A number, so a component re-renders when the zoom crosses a level, not on every zoom step. */
export const zoomLevelSelector = (s: ReactFlowState): ZoomLevel => (s.transform[2] >= ZOOM_LEVELS[2] ? 2 : s.transform[2] >= ZOOM_LEVELS[1] ? 1 : 0);

/** The kinds drawn as DOM nodes at each level when a graph is larger than the DOM budget. */
const DOM_KINDS: Record<ZoomLevel, NodeKind[]> = { 0: ["domain"], 1: ["domain", "system"], 2: ["domain", "system", "interface"] };
/**
 * Up to this many nodes a graph is drawn in the DOM whatever the zoom (React Flow still puts only the visible ones
 * in the page). Beyond it, nodes below the zoom's level (an estate expanded at overview zoom) go on the canvas.
 */
export const DOM_BUDGET = 1000;

export type Split = { dom: ViewGraph; canvas: ViewGraph };

/** Which nodes and edges React Flow draws and which the canvas layer paints, at a zoom level. */
export function splitByLevel(graph: ViewGraph, level: ZoomLevel): Split {
  if (graph.nodes.length <= DOM_BUDGET) return { dom: graph, canvas: { nodes: [], edges: [] } };
  const kinds = DOM_KINDS[level];
  const dom: ViewNode[] = [];
  const painted: ViewNode[] = [];
  for (const n of graph.nodes) (kinds.includes(n.kind) ? dom : painted).push(n);
  const inDom = new Set(dom.map((n) => n.id));
  const domEdges: ViewEdge[] = [];
  const paintedEdges: ViewEdge[] = [];
  for (const e of graph.edges) (inDom.has(e.source) && inDom.has(e.target) ? domEdges : paintedEdges).push(e);
  return { dom: { nodes: dom, edges: domEdges }, canvas: { nodes: painted, edges: paintedEdges } };
}

/**
 * How much a label's font is scaled up so it is at least `minPx` high on screen at this zoom, in steps of a quarter
 * octave (a node re-renders when its step changes, not on every zoom step), never below 1 nor above `max`.
 */
export function labelScale(zoom: number, basePx: number, minPx: number, max = Infinity): number {
  const needed = minPx / (basePx * zoom);
  if (needed <= 1) return 1;
  return Math.min(max, 2 ** (Math.ceil(Math.log2(needed) * 4) / 4));
}
