/** Node positions (top-left corners) by node id. */
export type Positions = Record<string, { x: number; y: number }>;
export type LayoutNode = { id: string; w: number; h: number };
export type LayoutEdge = { id: string; source: string; target: string };
export type LayoutRequest = { nodes: LayoutNode[]; edges: LayoutEdge[] };
export type LayoutResult = { positions: Positions; algorithm: "elk" | "layers"; ms: number };

/** Above this many nodes ELK's layered layout takes seconds even in a worker; the layer layout takes milliseconds. */
export const ELK_NODE_CAP = 500;
const COLUMN_GAP = 120;
const ROW_GAP = 24;

/**
 * Layers: each node goes one column right of its furthest predecessor (longest path from a source), after cycles
 * are broken by dropping the edges a depth-first search finds going back. Within a column nodes are ordered by the
 * mean row of their predecessors (one barycentre pass, to cut crossings) and a tall column wraps into several
 * sub-columns so the picture stays roughly as wide as it is high. O(nodes + edges).
 */
export function layerLayout({ nodes, edges }: LayoutRequest): Positions {
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out: number[][] = nodes.map(() => []);
  for (const e of edges) {
    const s = index.get(e.source);
    const t = index.get(e.target);
    if (s !== undefined && t !== undefined && s !== t) out[s].push(t);
  }
  // Iterative DFS: an edge to a node still on the stack closes a cycle and is ignored for layering.
  const state = new Uint8Array(nodes.length); // 0 new, 1 on stack, 2 done
  const dag: number[][] = nodes.map(() => []);
  for (let root = 0; root < nodes.length; root++) {
    if (state[root]) continue;
    const stack: [number, number][] = [[root, 0]];
    state[root] = 1;
    while (stack.length) {
      const top = stack[stack.length - 1];
      const [v, i] = top;
      if (i >= out[v].length) {
        state[v] = 2;
        stack.pop();
        continue;
      }
      top[1] = i + 1;
      const w = out[v][i];
      if (state[w] === 1) continue;
      dag[v].push(w);
      if (state[w] === 0) {
        state[w] = 1;
        stack.push([w, 0]);
      }
    }
  }
  // Longest path layering by Kahn's algorithm over the acyclic edges.
  const indegree = new Int32Array(nodes.length);
  for (const targets of dag) for (const t of targets) indegree[t]++;
  const layer = new Int32Array(nodes.length);
  const queue: number[] = [];
  for (let v = 0; v < nodes.length; v++) if (indegree[v] === 0) queue.push(v);
  for (let head = 0; head < queue.length; head++) {
    const v = queue[head];
    for (const t of dag[v]) {
      layer[t] = Math.max(layer[t], layer[v] + 1);
      if (--indegree[t] === 0) queue.push(t);
    }
  }
  const layers: number[][] = [];
  for (const v of queue) (layers[layer[v]] ??= []).push(v);

  const preds: number[][] = nodes.map(() => []);
  for (let v = 0; v < nodes.length; v++) for (const t of dag[v]) preds[t].push(v);
  const row = new Float64Array(nodes.length);
  const perColumn = Math.max(8, Math.ceil(Math.sqrt(nodes.length * 2.5)));
  const positions: Positions = {};
  let x = 0;
  for (const members of layers) {
    if (!members) continue;
    const weight = (v: number) => (preds[v].length ? preds[v].reduce((sum, p) => sum + row[p], 0) / preds[v].length : row[v]);
    const ordered = members.map((v) => [v, weight(v)] as const).sort((a, b) => a[1] - b[1] || a[0] - b[0]);
    let y = 0;
    let columnWidth = 0;
    let count = 0;
    for (const [v] of ordered) {
      if (count === perColumn) {
        x += columnWidth + COLUMN_GAP / 2;
        y = 0;
        columnWidth = 0;
        count = 0;
      }
      const node = nodes[v];
      positions[node.id] = { x, y };
      row[v] = count;
      y += node.h + ROW_GAP;
      columnWidth = Math.max(columnWidth, node.w);
      count++;
    }
    x += columnWidth + COLUMN_GAP;
  }
  return foldIntoBands(positions, nodes);
}

/** A long chain of layers is folded into bands stacked top to bottom, so the picture is not a thin strip. */
function foldIntoBands(positions: Positions, nodes: LayoutNode[]): Positions {
  let width = 0;
  let height = 0;
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    width = Math.max(width, p.x + n.w);
    height = Math.max(height, p.y + n.h);
  }
  if (nodes.length < 60 || width <= height * 3) return positions;
  const bandWidth = Math.max(Math.sqrt(width * height * 2), 1);
  const bandHeight = height + COLUMN_GAP * 2;
  const folded: Positions = {};
  for (const n of nodes) {
    const p = positions[n.id];
    if (!p) continue;
    const band = Math.floor(p.x / bandWidth);
    folded[n.id] = { x: p.x - band * bandWidth, y: p.y + band * bandHeight };
  }
  return folded;
}

/** The ELK graph for a layered, left-to-right layout (elkjs's JSON format). */
export function elkGraph({ nodes, edges }: LayoutRequest) {
  const ids = new Set(nodes.map((n) => n.id));
  return {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
      "elk.spacing.nodeNode": "24",
      "elk.separateConnectedComponents": "true",
    },
    children: nodes.map((n) => ({ id: n.id, width: n.w, height: n.h })),
    edges: edges.filter((e) => ids.has(e.source) && ids.has(e.target) && e.source !== e.target).map((e) => ({ id: e.id, sources: [e.source], targets: [e.target] })),
  };
}

/** A short, stable fingerprint of a graph's shape, for the layout cache key. FNV-1a over ids. */
export function graphSignature({ nodes, edges }: LayoutRequest): string {
  let hash = 0x811c9dc5;
  const add = (text: string) => {
    for (let i = 0; i < text.length; i++) {
      hash ^= text.charCodeAt(i);
      hash = Math.imul(hash, 0x01000193);
    }
  };
  for (const n of nodes) add(n.id);
  for (const e of edges) add(e.id);
  return `${nodes.length}.${edges.length}.${(hash >>> 0).toString(36)}`;
}
