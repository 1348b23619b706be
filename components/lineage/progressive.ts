import type { Rect } from "./viewport";

// Handing React Flow a new set of nodes over several frames (a semantic-zoom level crossing mounts hundreds at once,
// and a frame that mounts them all took a quarter of a second): the view's part first, nearest its centre, while what
// was drawn before stays on screen; the rest of the region after, once the view's part is shown.

/** A node as React Flow takes it: placed at a corner with a size. */
export type Placed = { id: string; position: { x: number; y: number }; width?: number; height?: number };
/** An edge as React Flow takes it. */
export type Linked = { id: string; source: string; target: string };
export type Drawing<N, E> = { nodes: N[]; edges: E[] };
/** What React Flow is handed, and which of those nodes and edges are mounted but not shown yet. */
export type Handed<N, E> = Drawing<N, E> & { hiddenNodes: Set<string>; hiddenEdges: Set<string> };

export type Progress<N extends Placed, E extends Linked> = {
  target: Drawing<N, E>;
  /**
   * What the user saw when the target arrived, drawn as it was until the target's nodes in view are mounted (so a
   * level crossing never shows a half-built view); null once the target is shown.
   */
  kept: Drawing<N, E> | null;
  /** Ids of the target's nodes handed over (mounted, or drawn by a kept node of the same id that they replace). */
  mounted: Set<string>;
  /** The target's nodes still to hand over, in order. */
  queue: N[];
  /** The target is shown (kept dropped) once the queue is down to this many: the nodes away from the view. */
  showAt: number;
  /** The size of the last chunk handed over; 0 before the first. */
  chunk: number;
};

/** Nodes handed over in the first frame of a change; a change this small is handed over at once. */
export const FIRST_CHUNK = 24;
const MIN_CHUNK = 4;
const MAX_CHUNK = 400;
/** A frame taking longer than this (ms, from one step to the next) makes the next chunk smaller. */
export const FRAME_BUDGET_MS = 20;

/** The next chunk's size after a step's frame took `frameMs`: larger while frames keep within budget, smaller when not. */
export function nextChunk(size: number, frameMs: number): number {
  if (frameMs > 2 * FRAME_BUDGET_MS) return Math.max(MIN_CHUNK, Math.floor(size / 2));
  if (frameMs > FRAME_BUDGET_MS) return Math.max(MIN_CHUNK, Math.floor(size * 0.75));
  return Math.min(MAX_CHUNK, Math.ceil(size * 1.5));
}

const EMPTY: Handed<never, never> = { nodes: [], edges: [], hiddenNodes: new Set(), hiddenEdges: new Set() };

/**
 * The order new nodes are handed over in, and how many of them the view needs: first the nodes whose boxes meet the
 * view (the ones needed), then those joined by an edge to a node in view (the edge crosses the view), each nearest the
 * view's centre first; then the rest (the margin around the view, drawn only when panned to). `nodes` are the new
 * ones; `all` the whole target, for the edges' other ends. The far ends are not waited for: at interface zoom they
 * are hundreds, and a user zooming on would see the previous level for many frames.
 */
export function mountOrder<N extends Placed, E extends Linked>(nodes: N[], all: Drawing<N, E>, view: Rect): { order: N[]; needed: number } {
  const cx = (view.x0 + view.x1) / 2;
  const cy = (view.y0 + view.y1) / 2;
  const meets = (n: Placed) => n.position.x < view.x1 && n.position.x + (n.width ?? 0) > view.x0 && n.position.y < view.y1 && n.position.y + (n.height ?? 0) > view.y0;
  const inView = new Set(all.nodes.filter(meets).map((n) => n.id));
  const crossing = new Set<string>();
  for (const e of all.edges) {
    if (inView.has(e.source)) crossing.add(e.target);
    if (inView.has(e.target)) crossing.add(e.source);
  }
  const tier = (n: N) => (inView.has(n.id) ? 0 : crossing.has(n.id) ? 1 : 2);
  const distance = (n: N) => (n.position.x + (n.width ?? 0) / 2 - cx) ** 2 + (n.position.y + (n.height ?? 0) / 2 - cy) ** 2;
  const ranked = nodes.map((n) => ({ n, tier: tier(n), distance: distance(n) }));
  ranked.sort((a, b) => a.tier - b.tier || a.distance - b.distance);
  return { order: ranked.map((r) => r.n), needed: ranked.filter((r) => r.tier === 0).length };
}

/**
 * A new target: what is drawn now stays drawn (the shown part of `previous`; what it had mounted but not shown yet,
 * and the target still holds, stays mounted), and the target's other nodes queue in mounting order. A target with at
 * most FIRST_CHUNK new nodes is handed over at once.
 */
export function startProgress<N extends Placed, E extends Linked>(previous: Progress<N, E> | null, target: Drawing<N, E>, view: Rect): Progress<N, E> {
  const drawn: Handed<N, E> = previous ? handedOf(previous) : EMPTY;
  const kept: Drawing<N, E> = { nodes: drawn.nodes.filter((n) => !drawn.hiddenNodes.has(n.id)), edges: drawn.edges.filter((e) => !drawn.hiddenEdges.has(e.id)) };
  const keptIds = new Set(kept.nodes.map((n) => n.id));
  const mountedHidden = new Set(drawn.nodes.filter((n) => drawn.hiddenNodes.has(n.id)));
  const mounted = new Set<string>();
  const fresh: N[] = [];
  for (const n of target.nodes) {
    if (keptIds.has(n.id) || mountedHidden.has(n)) mounted.add(n.id);
    else fresh.push(n);
  }
  if (fresh.length <= FIRST_CHUNK) return { target, kept: null, mounted: new Set(target.nodes.map((n) => n.id)), queue: [], showAt: 0, chunk: 0 };
  const { order, needed } = mountOrder(fresh, target, view);
  const progress = { target, kept, mounted, queue: order, showAt: order.length - needed, chunk: 0 };
  return progress.queue.length <= progress.showAt ? { ...progress, kept: null } : progress;
}

/** The progress after `count` more nodes are handed over; the target is shown once the view's part is mounted. */
export function advance<N extends Placed, E extends Linked>(progress: Progress<N, E>, count: number): Progress<N, E> {
  const mounted = new Set(progress.mounted);
  for (const n of progress.queue.slice(0, count)) mounted.add(n.id);
  const queue = progress.queue.slice(count);
  return { ...progress, mounted, queue, kept: queue.length <= progress.showAt ? null : progress.kept };
}

/**
 * One frame's step: a chunk sized from the last one and the time since the last step (what that chunk cost the frame:
 * render, layout, paint). A new target starts again from FIRST_CHUNK, however large the margin's chunks had grown.
 */
export function step<N extends Placed, E extends Linked>(progress: Progress<N, E>, frameMs: number): Progress<N, E> {
  const chunk = progress.chunk ? nextChunk(progress.chunk, frameMs) : FIRST_CHUNK;
  return { ...advance(progress, chunk), chunk };
}

/**
 * What React Flow is handed at a point of the progress. Shown: the target's mounted nodes and the edges between them.
 * Before that: what was kept, as it was, with the target's mounted nodes it does not hold and their edges, hidden.
 * Nodes and edges keep the target's order (React Flow paints in it).
 */
export function handedOf<N extends Placed, E extends Linked>(progress: Progress<N, E>): Handed<N, E> {
  const { target, kept, mounted } = progress;
  if (!kept) {
    return {
      nodes: target.nodes.filter((n) => mounted.has(n.id)),
      edges: target.edges.filter((e) => mounted.has(e.source) && mounted.has(e.target)),
      hiddenNodes: new Set(),
      hiddenEdges: new Set(),
    };
  }
  const keptIds = new Set(kept.nodes.map((n) => n.id));
  const keptEdgeIds = new Set(kept.edges.map((e) => e.id));
  const added = target.nodes.filter((n) => mounted.has(n.id) && !keptIds.has(n.id));
  const addedEdges = target.edges.filter((e) => !keptEdgeIds.has(e.id) && mounted.has(e.source) && mounted.has(e.target));
  return {
    nodes: [...kept.nodes, ...added],
    edges: [...kept.edges, ...addedEdges],
    hiddenNodes: new Set(added.map((n) => n.id)),
    hiddenEdges: new Set(addedEdges.map((e) => e.id)),
  };
}
