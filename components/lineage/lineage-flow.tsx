"use client";

import "@xyflow/react/dist/style.css";
import {
  Controls,
  MiniMap,
  Position,
  ReactFlow,
  ReactFlowProvider,
  ViewportPortal,
  getViewportForBounds,
  useReactFlow,
  useStore,
  type NodeHandle,
  type ReactFlowState,
} from "@xyflow/react";
import { useTheme } from "next-themes";
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type KeyboardEvent, type Ref } from "react";
import { memoized } from "@/lib/utils/memo";
import { DetailCanvas } from "./detail-canvas";
import { arrowOf, ArrowMarkers, COUNT_LABEL_MAX_EDGES, edgeTypes, type MapEdgeData, type MapFlowEdge } from "./edges";
import { exportView } from "./export-image";
import { domainNodeId, type NodeKind, type ViewEdge, type ViewGraph, type ViewNode } from "./model";
import { nodeLabel, nodeTypes, type MapFlowNode } from "./nodes";
import type { Box, Boxes } from "./regions";
import { SettledZoomProvider, useSettledZoom } from "./settled-zoom";
import { useProgressive } from "./use-progressive";
import { useZoomStyles, useViewRegion, useWholeInView } from "./use-view";
import { boundsOf, indexViewport, selectInRegion } from "./viewport";
import { DOM_BUDGET, splitByLevel, ZOOM_LEVELS, zoomLevelSelector, type ZoomLevel } from "./zoom";

export type Highlight = { nodes: Set<string>; flowIds: Set<string> } | null;
export type CanvasHandle = { centerOn(id: string): void; fit(): void; exportImage(format: "svg" | "png"): Promise<void> };

const MIN_ZOOM = 0.01;
const MAX_ZOOM = 2;
const MINIMAP_COLOR: Record<NodeKind, string> = { domain: "var(--primary)", system: "var(--muted-foreground)", interface: "var(--border)" };
/**
 * Painting order: domain boxes, then edges, then system boxes (see-through when open, so the flows leaving their
 * interfaces show), then interfaces. Edges under the systems leave a system's box to its own clicks.
 */
const Z: Record<NodeKind, number> = { domain: 0, system: 1, interface: 3 };
const EDGE_Z = 1;
// A folded domain is drawn over the edges, so on the overview edges run between the boxes, never across their labels.
const FOLDED_DOMAIN_Z = 2;

/** Marks a node or edge mounted ahead of being shown (globals.css hides it). */
const MOUNTING = "lineage-mounting";
const mountingCopies = new WeakMap<MapFlowNode | MapFlowEdge, MapFlowNode | MapFlowEdge>();
/** A node or edge marked as mounting: one copy per object, so React Flow keeps it as it is from frame to frame. */
function mounting<T extends MapFlowNode | MapFlowEdge>(item: T): T {
  let copy = mountingCopies.get(item);
  if (!copy) mountingCopies.set(item, (copy = { ...item, className: item.className ? `${item.className} ${MOUNTING}` : MOUNTING }));
  return copy as T;
}

const foldedDomain = (node: ViewNode | undefined) => node?.kind === "domain" && !!node.collapsed;

/** Handles at fixed places (left and right middle), so React Flow draws edges and culls nodes before measuring them. */
const handlesOf = (box: Box): NodeHandle[] => [
  { type: "target", position: Position.Left, x: 0, y: box.h / 2, width: 1, height: 1 },
  { type: "source", position: Position.Right, x: box.w - 1, y: box.h / 2, width: 1, height: 1 },
];

const EMPTY_GRAPH: ViewGraph = { nodes: [], edges: [] };

/** A view node as React Flow's node at its box: a focusable button labelled for screen readers, not draggable. */
const flowNode = (n: ViewNode, box: Box): MapFlowNode => ({
  id: n.id,
  type: n.kind,
  position: { x: box.x, y: box.y },
  width: box.w,
  height: box.h,
  zIndex: n.kind === "domain" && n.collapsed ? FOLDED_DOMAIN_Z : Z[n.kind],
  handles: handlesOf(box),
  data: { node: n, w: box.w, h: box.h, selected: false, highlighted: false, dimmed: false },
  ariaRole: "button",
  ariaLabel: nodeLabel(n),
  domAttributes: { "aria-pressed": false },
  className: "rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring",
});

/** A view edge as React Flow's edge; `between` holds both boxes when it joins two folded domains. */
const flowEdge = (e: ViewEdge, labelled: boolean, between: MapEdgeData["between"]): MapFlowEdge => ({
  id: e.id,
  source: e.source,
  target: e.target,
  type: "lineage" as const,
  zIndex: EDGE_Z,
  data: { edge: e, lit: false, labelled, between },
  markerEnd: e.kind === "flow" ? arrowOf(e) : undefined,
  focusable: false,
});

/**
 * What a level draws, apart from what the view picks: the split of its graph between the DOM and the canvas, the index
 * of its nodes' boxes and its edge objects. Made once per level (and graph and layout), so zooming back and forth
 * across a level reuses them, and made for the other levels while the browser is idle.
 */
function drawnAtLevel(graph: ViewGraph, level: ZoomLevel, boxes: Boxes) {
  const split = splitByLevel(graph, level);
  const nodeById = new Map(graph.nodes.map((n) => [n.id, n]));
  // Whether edges show their flow counts depends on how many the level draws, not on how many are near the view.
  const labelled = split.dom.edges.length <= COUNT_LABEL_MAX_EDGES;
  const edgeFor = memoized((e: ViewEdge) => {
    const between = foldedDomain(nodeById.get(e.source)) && foldedDomain(nodeById.get(e.target)) ? { source: boxes[e.source], target: boxes[e.target] } : undefined;
    return flowEdge(e, labelled, between);
  });
  const index = split.dom.nodes.length > DOM_BUDGET ? indexViewport(split.dom, boxes) : null;
  return { split, nodeById, index, edgeFor };
}

/** Makes the other levels (the nearest first) while the browser is idle, one a task, so a crossing finds them made. */
function usePrepareLevels(levelAt: (level: ZoomLevel) => unknown, level: ZoomLevel) {
  useEffect(() => {
    const next = ([level + 1, level - 1, level + 2, level - 2] as ZoomLevel[]).filter((l) => l >= 0 && l <= 2);
    const idle = window.requestIdleCallback ?? ((run: () => void) => window.setTimeout(run, 100));
    const cancel = window.cancelIdleCallback ?? window.clearTimeout;
    let handle = 0;
    const prepare = () => {
      const at = next.shift();
      if (at === undefined) return;
      levelAt(at);
      handle = idle(prepare);
    };
    handle = idle(prepare);
    return () => cancel(handle);
  }, [levelAt, level]);
}

/** React Flow can fit or centre only once its pane is measured and its pan/zoom is set up (a cached layout is ready sooner). */
const paneReadySelector = (s: ReactFlowState) => s.width > 0 && s.height > 0 && !!s.panZoom;

type Props = {
  /** The graph to draw at a level of the semantic zoom (see zoom.ts); a focus draws one graph at every level. */
  graphAt(level: ZoomLevel): ViewGraph;
  /** Every node's box, drawn or not (a folded node's contents have boxes too, so the view can go to them). */
  boxes: Boxes;
  /** Nodes by id, drawn or not, to find what a folded node holds. */
  lookup: Map<string, ViewNode>;
  ready: boolean;
  selectedId: string | null;
  highlight: Highlight;
  onSelect(id: string | null): void;
  /** Enter or double click on a node; `folded` when it is drawn folded at the current zoom. */
  onActivate(id: string, folded: boolean): void;
  label: string;
  ref?: Ref<CanvasHandle>;
};

/**
 * The map's drawing surface: React Flow renders the view graph at the boxes the layout computed (it lays nothing
 * out itself). The zoom picks the level of detail (domains, systems, interfaces); a level larger than the DOM budget
 * is handed to React Flow only around the view (the domains always, so the minimap outlines the estate), only the
 * nodes and edges in the viewport are in the DOM, and when an expansion asks for more nodes than the DOM can keep up
 * with, the ones below the zoom's level are painted on a canvas underneath instead. Keyboard navigation, fitting and
 * centring work on the whole level. Nodes cannot be dragged; the selection, keyboard
 * navigation and field highlight are the map's own (URL state), painted through node data.
 */
export function LineageFlow(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ graphAt, boxes, lookup, ready, selectedId, highlight, onSelect, onActivate, label, ref }: Props) {
  const flow = useReactFlow<MapFlowNode, MapFlowEdge>();
  const rootRef = useRef<HTMLDivElement>(null);
  const paneReady = useStore(paneReadySelector);
  const markersRef = useZoomStyles(rootRef);
  const { settled, onMoveStart, onMoveEnd } = useSettledZoom();
  const level = useStore(zoomLevelSelector);
  // React Flow's own parts (minimap, controls, edge labels) follow the app's light or dark theme.
  const { resolvedTheme } = useTheme();
  const levelAt = useMemo(() => memoized((at: ZoomLevel) => drawnAtLevel(graphAt(at), at, boxes)), [graphAt, boxes]);
  const { split, nodeById, index, edgeFor } = levelAt(level);
  usePrepareLevels(levelAt, level);
  /** The drawn node that stands for a node: itself, or the folded system or domain holding it. */
  const drawnFor = useCallback(
    (id: string): string | null => {
      if (nodeById.has(id)) return id;
      const node = lookup.get(id);
      if (node?.systemId && nodeById.has(node.systemId)) return node.systemId;
      const domain = node?.domainId ? domainNodeId(node.domainId) : null;
      return domain && nodeById.has(domain) ? domain : null;
    },
    [nodeById, lookup],
  );
  const lit = useMemo(() => {
    if (!highlight) return null;
    const drawn = new Set<string>();
    for (const id of highlight.nodes) {
      const rep = drawnFor(id);
      if (rep) drawn.add(rep);
    }
    return drawn;
  }, [highlight, drawnFor]);

  // What React Flow is handed: a large graph only around the view (see viewport.ts), since React Flow adopts and
  // scans every node and edge it holds on each change and each pan, drawn or not.
  const region = useViewRegion();
  const shown = useMemo(() => (!index ? split.dom : region ? selectInRegion(index, boxes, region) : EMPTY_GRAPH), [index, split, boxes, region]);

  // Node and edge objects per graph, made when first handed over and kept, so React Flow keeps a node it already
  // holds as it is when the view moves; selection and highlight replace only the objects they change.
  const nodeFor = useMemo(() => memoized((n: ViewNode) => flowNode(n, boxes[n.id])), [boxes]);
  const baseNodes = useMemo<MapFlowNode[]>(() => shown.nodes.flatMap((n) => (boxes[n.id] ? [nodeFor(n)] : [])), [shown, boxes, nodeFor]);
  const baseEdges = useMemo<MapFlowEdge[]>(() => shown.edges.flatMap((e) => (boxes[e.source] && boxes[e.target] ? [edgeFor(e)] : [])), [shown, boxes, edgeFor]);
  // Many new nodes (a level crossing) are handed over a chunk a frame, what was drawn staying on screen until the
  // view's part is mounted (mounted hidden till then).
  const handed = useProgressive(useMemo(() => ({ nodes: baseNodes, edges: baseEdges }), [baseNodes, baseEdges]));
  const nodes = useMemo(
    () =>
      handed.nodes.map((handedNode) => {
        const n = handed.hiddenNodes.has(handedNode.id) ? mounting(handedNode) : handedNode;
        const selected = n.id === selectedId;
        const highlighted = !!lit?.has(n.id);
        const dimmed = !!lit && !highlighted;
        if (!selected && !highlighted && !dimmed) return n;
        return { ...n, data: { ...n.data, selected, highlighted, dimmed }, domAttributes: { "aria-pressed": selected } };
      }),
    [handed, selectedId, lit],
  );
  const edges = useMemo(
    () =>
      handed.edges.map((handedEdge) => {
        const e = handed.hiddenEdges.has(handedEdge.id) ? mounting(handedEdge) : handedEdge;
        return highlight && e.data!.edge.flowIds.some((id) => highlight.flowIds.has(id)) ? { ...e, data: { ...e.data!, lit: true }, zIndex: EDGE_Z + 1 } : e;
      }),
    [handed, highlight],
  );

  // Straight to the pan/zoom (not fitView's queue, which a cached layout can reach before the pane is ready). The
  // whole map fits: at that zoom the overview draws domains only, with labels sized to stay readable.
  const fitToView = useCallback(() => {
    const root = rootRef.current;
    const all = Object.values(boxes);
    if (!root || all.length === 0) return;
    const bounds = boundsOf(all);
    void flow.setViewport(getViewportForBounds(bounds, root.clientWidth, root.clientHeight, MIN_ZOOM, MAX_ZOOM, 0.05));
  }, [flow, boxes]);

  // A node is shown at the zoom where its own level is drawn (a system's interfaces are drawn from ZOOM_LEVELS[2]).
  const centerOn = useCallback(
    (id: string) => {
      const box = boxes[id];
      const node = lookup.get(id);
      if (!box || !node) return;
      const root = rootRef.current;
      const fits = root ? Math.min(root.clientWidth / box.w, root.clientHeight / box.h) * 0.9 : 1;
      const zoom = node.kind === "domain" ? Math.min(fits, ZOOM_LEVELS[1] * 0.99) : Math.max(flow.getZoom(), node.kind === "interface" ? ZOOM_LEVELS[2] : ZOOM_LEVELS[1], 0.8);
      void flow.setCenter(box.x + box.w / 2, box.y + box.h / 2, { zoom: Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom)) });
    },
    [flow, boxes, lookup],
  );

  useImperativeHandle(
    ref,
    () => ({
      centerOn,
      fit: fitToView,
      exportImage: async (format) => {
        const root = rootRef.current;
        const viewport = root?.querySelector<HTMLElement>(".react-flow__viewport");
        if (!root || !viewport) return;
        await exportView(viewport, { width: root.clientWidth, height: root.clientHeight, viewport: flow.getViewport() }, format, "lineage");
      },
    }),
    [centerOn, fitToView, flow],
  );

  // A new layout (other filters, a focus) fits itself to the view: a focus fits its whole neighbourhood. Expanding or
  // folding keeps the boxes, so it moves nothing.
  const fitted = useRef<Boxes | null>(null);
  useEffect(() => {
    if (!ready || !paneReady || fitted.current === boxes) return;
    fitted.current = boxes;
    fitToView();
  }, [ready, paneReady, boxes, fitToView]);

  // Keep the selected node in view; after keyboard navigation give it focus (React Flow nodes are focusable).
  const keyboardMove = useRef(false);
  useEffect(() => {
    if (!selectedId || !ready || !paneReady) return;
    const root = rootRef.current;
    const box = boxes[selectedId];
    if (!root || !box) return;
    const { x, y, zoom } = flow.getViewport();
    const sx = box.x * zoom + x;
    const sy = box.y * zoom + y;
    if (sx + box.w * zoom < 0 || sy + box.h * zoom < 0 || sx > root.clientWidth || sy > root.clientHeight) centerOn(selectedId);
    if (!keyboardMove.current) return;
    // The node may enter the DOM a few frames later (after the view moved to it), and this effect may run again
    // before then: the request stands until the node has focus.
    // A node re-rendered for its new selection can lose the focus again: it must keep it for a few frames.
    let frame = 0;
    let tries = 0;
    let held = 0;
    const focusNode = () => {
      const element = root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(selectedId)}"]`);
      if (element && document.activeElement === element) held++;
      else if (element) element.focus({ preventScroll: true });
      if (held >= 3) keyboardMove.current = false;
      else if (++tries < 60) frame = requestAnimationFrame(focusNode);
    };
    frame = requestAnimationFrame(focusNode);
    return () => cancelAnimationFrame(frame);
  }, [selectedId, ready, paneReady, boxes, centerOn, flow]);

  /** Arrow keys move the selection to the nearest node in that direction; Enter focuses it; +, - and 0 zoom. */
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const key = event.key;
    if (key === "+" || key === "=") return void flow.zoomTo(Math.min(MAX_ZOOM, flow.getZoom() * 1.25));
    if (key === "-") return void flow.zoomTo(Math.max(MIN_ZOOM, flow.getZoom() * 0.8));
    if (key === "0") return fitToView();
    if (key === "Escape") return onSelect(null);
    // A node reached with Tab is the current one, else the selection.
    const focused = (event.target as HTMLElement).closest<HTMLElement>(".react-flow__node")?.dataset.id;
    const current = focused && nodeById.has(focused) ? focused : selectedId;
    if (key === "Enter" && current) return onActivate(current, !!nodeById.get(current)?.collapsed);
    const dirs: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    const dir = dirs[key];
    if (!dir) return;
    event.preventDefault();
    keyboardMove.current = true;
    const from = current ? boxes[current] : null;
    if (!from) {
      const first = split.dom.nodes.find((n) => boxes[n.id]);
      if (first) onSelect(first.id);
      return;
    }
    let best: string | null = null;
    let bestScore = Infinity;
    for (const n of split.dom.nodes) {
      const p = boxes[n.id];
      // An open domain is a frame around its systems: the keys move between what it holds.
      if (!p || n.id === current || (n.kind === "domain" && !n.collapsed)) continue;
      const dx = p.x - from.x;
      const dy = p.y - from.y;
      const along = dx * dir[0] + dy * dir[1];
      if (along <= 0) continue;
      const across = Math.abs(dx * dir[1] - dy * dir[0]);
      const score = along + across * 2;
      if (score < bestScore) {
        bestScore = score;
        best = n.id;
      }
    }
    if (best) onSelect(best);
  };

  // The minimap shows where the view is when the map is larger than it; with the whole estate in view it would only
  // cover part of it.
  const wholeInView = useWholeInView(boxes);

  const selected = selectedId ? nodeById.get(selectedId) : undefined;
  // The settled zoom reaches the nodes through context: React Flow renders them beside its children, not inside.
  return (
    <SettledZoomProvider value={settled}>
      <ReactFlow<MapFlowNode, MapFlowEdge>
        ref={rootRef}
        aria-label={label}
        aria-roledescription="graph"
        tabIndex={0}
        data-ready={ready ? "true" : "false"}
        data-testid="lineage-canvas"
        className="bg-background outline-none focus-visible:ring-2 focus-visible:ring-ring lineage-canvas"
        onKeyDown={onKeyDown}
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        colorMode={resolvedTheme === "dark" ? "dark" : "light"}
        onlyRenderVisibleElements
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        nodesFocusable
        edgesFocusable={false}
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        zoomOnDoubleClick={false}
        minZoom={MIN_ZOOM}
        maxZoom={MAX_ZOOM}
        // While the view moves, its layer is composited: a pan or zoom frame then moves pixels already drawn instead of
        // painting every visible node and edge again. Off again when it stops, so the browser redraws text sharply.
        // A user's zoom (an input event) holds the nodes' label scale and detail until it ends (settled-zoom.ts).
        onMoveStart={(event) => {
          rootRef.current?.classList.add("is-moving");
          onMoveStart(event);
        }}
        onMoveEnd={() => {
          rootRef.current?.classList.remove("is-moving");
          onMoveEnd();
        }}
        onNodeClick={(_, node) => onSelect(node.id)}
        // An edge with a click handler takes pointer events (React Flow makes edges inert otherwise, and then the hover
        // label never shows): clicking a flow edge selects the system it delivers to.
        onEdgeClick={(_, edge) => onSelect(edge.target)}
        onNodeDoubleClick={(_, node) => onActivate(node.id, !!node.data.node.collapsed)}
        onPaneClick={() => onSelect(null)}
      >
        <ViewportPortal>
          <ArrowMarkers ref={markersRef} />
        </ViewportPortal>
        <DetailCanvas nodes={split.canvas.nodes} edges={split.canvas.edges} boxes={boxes} />
        {wholeInView ? null : (
          <MiniMap<MapFlowNode> pannable zoomable ariaLabel="Minimap; drag or click to move the view" nodeColor={(n) => MINIMAP_COLOR[n.data.node.kind]} nodeStrokeWidth={0} />
        )}
        <Controls showInteractive={false} />
        {selected ? (
          <p className="sr-only" aria-live="polite">
            Selected {nodeLabel(selected)}
          </p>
        ) : null}
      </ReactFlow>
    </SettledZoomProvider>
  );
}
