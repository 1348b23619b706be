"use client";

import "@xyflow/react/dist/style.css";
import { Controls, MarkerType, MiniMap, Position, ReactFlow, ReactFlowProvider, getNodesBounds, getViewportForBounds, useReactFlow, useStore, type NodeHandle, type ReactFlowState } from "@xyflow/react";
import { useTheme } from "next-themes";
import { useCallback, useEffect, useImperativeHandle, useMemo, useRef, type KeyboardEvent, type Ref } from "react";
import { edgeTypes, type MapFlowEdge } from "./edges";
import { exportView } from "./export-image";
import type { Positions } from "./layout";
import { NODE_SIZE, type NodeKind, type ViewGraph } from "./model";
import { nodeLabel, nodeTypes, type MapFlowNode } from "./nodes";

export type Highlight = { nodes: Set<string>; flowIds: Set<string> } | null;
export type CanvasHandle = { centerOn(id: string): void; exportImage(format: "svg" | "png"): Promise<void> };

const MIN_ZOOM = 0.02;
const MAX_ZOOM = 2;
/** Above this many nodes the first view is not zoomed out further than this, so it does not put every node in the DOM. */
const LARGE_GRAPH = 1500;
const LARGE_GRAPH_MIN_FIT_ZOOM = 0.2;
const MINIMAP_COLOR: Record<NodeKind, string> = { domain: "var(--primary)", system: "var(--muted-foreground)", interface: "var(--border)" };

/** Handles at fixed places (left and right middle), so React Flow draws edges and culls nodes before measuring them. */
const handlesOf = (kind: NodeKind): NodeHandle[] => [
  { type: "target", position: Position.Left, x: 0, y: NODE_SIZE[kind].h / 2, width: 1, height: 1 },
  { type: "source", position: Position.Right, x: NODE_SIZE[kind].w - 1, y: NODE_SIZE[kind].h / 2, width: 1, height: 1 },
];

/** React Flow can fit or centre only once its pane is measured and its pan/zoom is set up (a cached layout is ready sooner). */
const paneReadySelector = (s: ReactFlowState) => s.width > 0 && s.height > 0 && !!s.panZoom;

type Props = {
  graph: ViewGraph;
  positions: Positions;
  ready: boolean;
  selectedId: string | null;
  highlight: Highlight;
  onSelect(id: string | null): void;
  onActivate(id: string): void;
  label: string;
  ref?: Ref<CanvasHandle>;
};

/**
 * The map's drawing surface: React Flow renders the view graph at the positions the layout worker computed (it lays
 * nothing out itself). Only the nodes and edges in the viewport are in the DOM, nodes cannot be dragged, and the
 * selection, keyboard navigation and field highlight are the map's own (URL state), painted through node data.
 */
export function LineageFlow(props: Props) {
  return (
    <ReactFlowProvider>
      <Canvas {...props} />
    </ReactFlowProvider>
  );
}

function Canvas({ graph, positions, ready, selectedId, highlight, onSelect, onActivate, label, ref }: Props) {
  const flow = useReactFlow<MapFlowNode, MapFlowEdge>();
  const rootRef = useRef<HTMLDivElement>(null);
  const paneReady = useStore(paneReadySelector);
  // React Flow's own parts (minimap, controls, edge labels) follow the app's light or dark theme.
  const { resolvedTheme } = useTheme();
  const nodeById = useMemo(() => new Map(graph.nodes.map((n) => [n.id, n])), [graph]);

  // Node and edge objects per layout; selection and highlight replace only the objects they change, so React Flow
  // keeps every other node as it is.
  const baseNodes = useMemo<MapFlowNode[]>(
    () =>
      graph.nodes.flatMap((n) => {
        const position = positions[n.id];
        if (!position) return [];
        return [
          {
            id: n.id,
            type: n.kind,
            position,
            width: NODE_SIZE[n.kind].w,
            height: NODE_SIZE[n.kind].h,
            handles: handlesOf(n.kind),
            data: { node: n, selected: false, highlighted: false, dimmed: false },
            ariaRole: "button",
            ariaLabel: nodeLabel(n),
            domAttributes: { "aria-pressed": false },
            className: "rounded-md outline-none focus-visible:ring-2 focus-visible:ring-ring",
          },
        ];
      }),
    [graph, positions],
  );
  const nodes = useMemo(
    () =>
      baseNodes.map((n) => {
        const selected = n.id === selectedId;
        const highlighted = !!highlight?.nodes.has(n.id);
        const dimmed = !!highlight && !highlighted;
        if (!selected && !highlighted && !dimmed) return n;
        return { ...n, data: { ...n.data, selected, highlighted, dimmed }, domAttributes: { "aria-pressed": selected } };
      }),
    [baseNodes, selectedId, highlight],
  );
  const baseEdges = useMemo<MapFlowEdge[]>(
    () =>
      graph.edges.flatMap((e) =>
        positions[e.source] && positions[e.target]
          ? [
              {
                id: e.id,
                source: e.source,
                target: e.target,
                type: "lineage" as const,
                data: { edge: e, lit: false },
                markerEnd: e.kind === "flow" ? { type: MarkerType.ArrowClosed, width: 16, height: 16 } : undefined,
                focusable: false,
              },
            ]
          : [],
      ),
    [graph, positions],
  );
  const edges = useMemo(
    () => (highlight ? baseEdges.map((e) => (e.data!.edge.flowIds.some((id) => highlight.flowIds.has(id)) ? { ...e, data: { ...e.data!, lit: true }, zIndex: 1 } : e)) : baseEdges),
    [baseEdges, highlight],
  );

  // Straight to the pan/zoom (not fitView's queue, which a cached layout can reach before the pane is ready).
  // A large graph that does not fit at the smallest first zoom is shown around the node nearest its middle: the
  // middle of the bounds itself can fall between layers or bands, which would open on an empty frame.
  const fitToView = useCallback(() => {
    const root = rootRef.current;
    if (!root || baseNodes.length === 0) return;
    const minZoom = graph.nodes.length > LARGE_GRAPH ? LARGE_GRAPH_MIN_FIT_ZOOM : MIN_ZOOM;
    const bounds = getNodesBounds(baseNodes);
    const viewport = getViewportForBounds(bounds, root.clientWidth, root.clientHeight, minZoom, MAX_ZOOM, 0.05);
    const fitsWhole = bounds.width * viewport.zoom <= root.clientWidth && bounds.height * viewport.zoom <= root.clientHeight;
    if (fitsWhole) return void flow.setViewport(viewport);
    const middle = nearestNode(baseNodes, bounds.x + bounds.width / 2, bounds.y + bounds.height / 2);
    void flow.setCenter(middle.x, middle.y, { zoom: viewport.zoom });
  }, [flow, graph, baseNodes]);

  const centerOn = useCallback(
    (id: string) => {
      const node = nodeById.get(id);
      const p = positions[id];
      if (!node || !p) return;
      const size = NODE_SIZE[node.kind];
      void flow.setCenter(p.x + size.w / 2, p.y + size.h / 2, { zoom: Math.max(flow.getZoom(), 0.8) });
    },
    [flow, nodeById, positions],
  );

  useImperativeHandle(
    ref,
    () => ({
      centerOn,
      exportImage: async (format) => {
        const root = rootRef.current;
        const viewport = root?.querySelector<HTMLElement>(".react-flow__viewport");
        if (!root || !viewport) return;
        await exportView(viewport, { width: root.clientWidth, height: root.clientHeight, viewport: flow.getViewport() }, format, "lineage");
      },
    }),
    [centerOn, flow],
  );

  // A new layout fits itself to the view; a selection made elsewhere (search, URL) brings its node into view.
  const fitted = useRef<Positions | null>(null);
  useEffect(() => {
    if (!ready || !paneReady || fitted.current === positions) return;
    fitted.current = positions;
    if (selectedId && positions[selectedId]) centerOn(selectedId);
    else fitToView();
  }, [ready, paneReady, positions, selectedId, fitToView, centerOn]);

  // Keep the selected node in view; after keyboard navigation give it focus (React Flow nodes are focusable).
  const keyboardMove = useRef(false);
  useEffect(() => {
    if (!selectedId || !ready || !paneReady) return;
    const root = rootRef.current;
    const p = positions[selectedId];
    const node = nodeById.get(selectedId);
    if (!root || !p || !node) return;
    const { x, y, zoom } = flow.getViewport();
    const sx = p.x * zoom + x;
    const sy = p.y * zoom + y;
    if (sx < 0 || sy < 0 || sx + NODE_SIZE[node.kind].w * zoom > root.clientWidth || sy + NODE_SIZE[node.kind].h * zoom > root.clientHeight) centerOn(selectedId);
    if (!keyboardMove.current) return;
    // The node may enter the DOM a few frames later (after the view moved to it), and this effect may run again
    // before then: the request stands until the node has focus.
    let frame = 0;
    let tries = 0;
    const focusNode = () => {
      const element = root.querySelector<HTMLElement>(`.react-flow__node[data-id="${CSS.escape(selectedId)}"]`);
      if (element) {
        element.focus({ preventScroll: true });
        keyboardMove.current = false;
      } else if (++tries < 30) {
        frame = requestAnimationFrame(focusNode);
      }
    };
    frame = requestAnimationFrame(focusNode);
    return () => cancelAnimationFrame(frame);
  }, [selectedId, ready, paneReady, positions, nodeById, centerOn, flow]);

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
    if (key === "Enter" && current) return onActivate(current);
    const dirs: Record<string, [number, number]> = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
    const dir = dirs[key];
    if (!dir) return;
    event.preventDefault();
    keyboardMove.current = true;
    const from = current ? positions[current] : null;
    if (!from) {
      const first = graph.nodes.find((n) => positions[n.id]);
      if (first) onSelect(first.id);
      return;
    }
    let best: string | null = null;
    let bestScore = Infinity;
    for (const n of graph.nodes) {
      const p = positions[n.id];
      if (!p || n.id === current) continue;
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

  const selected = selectedId ? nodeById.get(selectedId) : undefined;
  return (
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
      onMoveStart={() => rootRef.current?.classList.add("is-moving")}
      onMoveEnd={() => rootRef.current?.classList.remove("is-moving")}
      onNodeClick={(_, node) => onSelect(node.id)}
      // An edge with a click handler takes pointer events (React Flow makes edges inert otherwise, and then the hover
      // label never shows): clicking a flow edge selects the system it delivers to.
      onEdgeClick={(_, edge) => onSelect(edge.target)}
      onNodeDoubleClick={(_, node) => onActivate(node.id)}
      onPaneClick={() => onSelect(null)}
    >
      <MiniMap<MapFlowNode> pannable zoomable ariaLabel="Minimap; drag or click to move the view" nodeColor={(n) => MINIMAP_COLOR[n.data.node.kind]} nodeStrokeWidth={0} />
      <Controls showInteractive={false} />
      {selected ? (
        <p className="sr-only" aria-live="polite">
          Selected {nodeLabel(selected)}
        </p>
      ) : null}
    </ReactFlow>
  );
}

/** The centre of the node closest to (x, y). */
function nearestNode(nodes: MapFlowNode[], x: number, y: number): { x: number; y: number } {
  let best = { x, y };
  let bestDistance = Infinity;
  for (const n of nodes) {
    const cx = n.position.x + (n.width ?? 0) / 2;
    const cy = n.position.y + (n.height ?? 0) / 2;
    const distance = (cx - x) ** 2 + (cy - y) ** 2;
    if (distance < bestDistance) {
      bestDistance = distance;
      best = { x: cx, y: cy };
    }
  }
  return best;
}
