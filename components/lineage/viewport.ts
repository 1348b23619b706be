import type { ViewEdge, ViewGraph, ViewNode } from "./model";
import type { Box, Boxes } from "./regions";

/** A rectangle in map units: left, top, right, bottom. */
export type Rect = { x0: number; y0: number; x1: number; y1: number };

/**
 * A graph's nodes bucketed by the grid cells their boxes cover, built once per graph and layout, so the nodes near
 * the view are found without scanning them all.
 */
export type ViewportIndex = {
  graph: ViewGraph;
  cell: number;
  /** Node indexes (into graph.nodes) by cell key. */
  buckets: Map<number, number[]>;
  /** Boxes spanning more than MAX_CELLS cells (an open domain's frame), checked one by one on every query. */
  large: number[];
  /** Nodes kept whatever the view: the domains, so the minimap still outlines the whole estate. */
  anchors: number[];
  /** Node indexes by id. */
  position: Map<string, number>;
};

/** Above this many cells a box is not bucketed but checked on every query: there are few such boxes (domains). */
const MAX_CELLS = 64;
/** Cell keys pack a column and a row into one number; the offset keeps negative coordinates apart. */
const KEY_SPAN = 1 << 20;
const cellKey = (column: number, row: number) => (column + KEY_SPAN / 2) * KEY_SPAN + (row + KEY_SPAN / 2);

const intersects = (a: Rect, x0: number, y0: number, x1: number, y1: number) => x0 < a.x1 && x1 > a.x0 && y0 < a.y1 && y1 > a.y0;

/** The index of a graph's nodes (those with a box) and edges at the layout's boxes. Linear in the graph. */
export function indexViewport(graph: ViewGraph, boxes: Boxes): ViewportIndex {
  // A cell about twice a typical node's size: a viewport covers tens of cells, a node one to four.
  let widths = 0;
  let count = 0;
  for (const n of graph.nodes) {
    const b = boxes[n.id];
    if (b && n.kind !== "domain") {
      widths += b.w;
      count++;
    }
  }
  const cell = Math.max(100, count ? (2 * widths) / count : 500);
  const buckets = new Map<number, number[]>();
  const large: number[] = [];
  const anchors: number[] = [];
  const position = new Map<string, number>();
  graph.nodes.forEach((n, i) => {
    position.set(n.id, i);
    const b = boxes[n.id];
    if (n.kind === "domain") anchors.push(i);
    if (!b) return;
    const c0 = Math.floor(b.x / cell);
    const c1 = Math.floor((b.x + b.w) / cell);
    const r0 = Math.floor(b.y / cell);
    const r1 = Math.floor((b.y + b.h) / cell);
    if ((c1 - c0 + 1) * (r1 - r0 + 1) > MAX_CELLS) return void large.push(i);
    for (let c = c0; c <= c1; c++)
      for (let r = r0; r <= r1; r++) {
        const key = cellKey(c, r);
        const bucket = buckets.get(key);
        if (bucket) bucket.push(i);
        else buckets.set(key, [i]);
      }
  });
  return { graph, cell, buckets, large, anchors, position };
}

/**
 * What React Flow is handed for a region of the map: the nodes whose boxes meet it, the edges with an end among them,
 * the other end of each of those edges (React Flow draws an edge only between nodes it holds), and the domains.
 * An edge with both ends outside the region is left out even when it crosses it: React Flow would draw every edge
 * whose extent meets the view, and at interface zoom that is well over a thousand long flows passing over it, which
 * made zooming and panning slow to paint. Nodes and edges keep the graph's order, which React Flow paints in.
 */
export function selectInRegion(index: ViewportIndex, boxes: Boxes, region: Rect): ViewGraph {
  const { graph, cell, buckets, large, anchors, position } = index;
  const chosen = new Uint8Array(graph.nodes.length);
  const meets = (i: number) => {
    const b = boxes[graph.nodes[i].id];
    return !!b && intersects(region, b.x, b.y, b.x + b.w, b.y + b.h);
  };
  for (const i of large) if (meets(i)) chosen[i] = 1;
  const c0 = Math.floor(region.x0 / cell);
  const c1 = Math.floor(region.x1 / cell);
  const r0 = Math.floor(region.y0 / cell);
  const r1 = Math.floor(region.y1 / cell);
  for (let c = c0; c <= c1; c++)
    for (let r = r0; r <= r1; r++) for (const i of buckets.get(cellKey(c, r)) ?? []) if (!chosen[i] && meets(i)) chosen[i] = 1;

  // Decided on the nodes in the region before any far end or domain is added, so edges do not pull in edges.
  const inRegion = chosen.slice();
  const edges: ViewEdge[] = [];
  for (const e of graph.edges) {
    const source = position.get(e.source);
    const target = position.get(e.target);
    if (source === undefined || target === undefined || !boxes[e.source] || !boxes[e.target]) continue;
    if (!inRegion[source] && !inRegion[target]) continue;
    edges.push(e);
    chosen[source] = 1;
    chosen[target] = 1;
  }
  for (const i of anchors) chosen[i] = 1;
  const nodes: ViewNode[] = graph.nodes.filter((_, i) => chosen[i]);
  return { nodes, edges };
}

/** The part of the map a view shows (transform as React Flow keeps it: x, y, zoom; size in pixels). */
export function viewRect([x, y, zoom]: readonly [number, number, number], width: number, height: number): Rect {
  return { x0: -x / zoom, y0: -y / zoom, x1: (width - x) / zoom, y1: (height - y) / zoom };
}

/** The region handed to React Flow for a view: the view and half its size again on every side. */
export function regionAround(view: Rect): Rect {
  const mx = (view.x1 - view.x0) / 2;
  const my = (view.y1 - view.y0) / 2;
  return { x0: view.x0 - mx, y0: view.y0 - my, x1: view.x1 + mx, y1: view.y1 + my };
}

/**
 * What a region does for a view: "serves" it (the view is inside, so a pan within the margin keeps the region),
 * "oversized" (the view is inside but zoomed so far in that the region holds many times what is on screen: drawn again
 * around the view once it rests), or "left" (part of the view is outside it: drawn again at once).
 */
export function regionFit(region: Rect, view: Rect): "serves" | "oversized" | "left" {
  const inside = view.x0 >= region.x0 && view.y0 >= region.y0 && view.x1 <= region.x1 && view.y1 <= region.y1;
  const ratio = ((region.x1 - region.x0) * (region.y1 - region.y0)) / Math.max(1e-9, (view.x1 - view.x0) * (view.y1 - view.y0));
  return !inside ? "left" : ratio <= 9 ? "serves" : "oversized";
}

/** The smallest rectangle holding every box, as React Flow takes bounds: corner and size. */
export function boundsOf(boxes: Box[]) {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const b of boxes) {
    x0 = Math.min(x0, b.x);
    y0 = Math.min(y0, b.y);
    x1 = Math.max(x1, b.x + b.w);
    y1 = Math.max(y1, b.y + b.h);
  }
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}
