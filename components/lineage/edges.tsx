"use client";

import { BaseEdge, EdgeLabelRenderer, getBezierPath, type Edge, type EdgeProps, type EdgeTypes } from "@xyflow/react";
import { memo, useState, type Ref } from "react";
import type { ViewEdge } from "./model";
import { borderPath, type Box } from "./regions";
import { STYLE_LABEL } from "./nodes";
import { labelScale } from "./zoom";
import { countOf } from "@/lib/utils/format";

/**
 * What a map edge carries: the view edge, whether a traced field travels along it, whether it shows its count, and,
 * between two folded domains, both boxes (the edge then runs border to border, see borderPath).
 */
export type MapEdgeData = { edge: ViewEdge; lit: boolean; labelled: boolean; between?: { source: Box; target: Box } };
/** Up to this many drawn edges, an edge merging several flows says how many on the map; beyond, on hover. */
export const COUNT_LABEL_MAX_EDGES = 150;
/**
 * Strokes are drawn in screen pixels whatever the zoom (`vector-effect: non-scaling-stroke`, globals.css), so a zoom
 * step restyles and re-renders no edge. Arrowheads and count labels keep their on-screen size as the view zooms out
 * (in quarter-octave steps) through this CSS variable, which the map sets on the arrowheads' and the labels' layers
 * only (useZoomStyles, ArrowMarkers): set on the whole map, every step recalculated the style of every node and edge
 * in the view.
 */
export const SCREEN_SCALE_VAR = "--lineage-screen-scale";
export const screenScaleOf = (zoom: number) => labelScale(zoom, 1, 1);
const screen = `var(${SCREEN_SCALE_VAR}, 1)`;
export type MapFlowEdge = Edge<MapEdgeData, "lineage">;

const EDGE_STROKE: Record<string, { color: string; dash?: string; width: number }> = {
  EVENT: { color: "var(--info)", dash: "6 4", width: 1.5 },
  REQUEST_RESPONSE: { color: "var(--primary)", width: 1.5 },
  BATCH: { color: "var(--warning)", dash: "2 4", width: 2.5 },
  provides: { color: "var(--muted-foreground)", width: 1 },
};
/** An edge's stroke width in screen pixels: its style's width, heavier (up to 3x) the more flows it merges. */
export const strokeWeight = (edge: ViewEdge) => strokeOf(edge).width * Math.min(3, Math.sqrt(edge.count));
/**
 * Arrowheads about this many pixels long on screen, however heavy the edge: the markers are sized in map units and
 * scaled by the screen scale (globals.css) set on their own layer (ArrowMarkers).
 */
const ARROW_PX = 10;
const ARROW_ID = "lineage-arrow-";
const ARROW_STYLES = ["EVENT", "REQUEST_RESPONSE", "BATCH"] as const;
/** The arrowhead of a flow edge, in the edge's colour: the id of its marker (React Flow references it as it is). */
export const arrowOf = (edge: ViewEdge) => `${ARROW_ID}${strokeKey(edge)}`;

/**
 * The flow edges' arrowheads, one marker per integration style, in the map's viewport (ViewportPortal), so an export
 * holds them. React Flow's own markers are made per edge weight inside its edge layer, which React Flow mounts again
 * as markers come and go; this layer stays, so the screen scale set on it stays too.
 */
export function ArrowMarkers({ ref }: { ref: Ref<SVGSVGElement> }) {
  return (
    <svg ref={ref} aria-hidden="true" width="0" height="0" className="absolute">
      <defs>
        {ARROW_STYLES.map((style) => (
          <marker
            key={style}
            id={`${ARROW_ID}${style}`}
            className="react-flow__arrowhead"
            viewBox="-10 -10 20 20"
            markerWidth={ARROW_PX}
            markerHeight={ARROW_PX}
            markerUnits="userSpaceOnUse"
            orient="auto-start-reverse"
            refX="0"
            refY="0"
          >
            <polyline
              style={{ stroke: EDGE_STROKE[style].color, fill: EDGE_STROKE[style].color, strokeWidth: 1 }}
              strokeLinecap="round"
              strokeLinejoin="round"
              points="-5,-4 0,0 -5,4 -5,-4"
            />
          </marker>
        ))}
      </defs>
    </svg>
  );
}

/** Longest edge (in map units) still drawn dashed: about 300 dash segments. */
const MAX_DASHED_LENGTH = 3000;
/** An edge of one integration style is drawn in that style; an aggregated edge mixing styles as request/response. */
const strokeKey = (edge: ViewEdge) => (edge.kind === "provides" ? "provides" : edge.styles.length === 1 ? edge.styles[0] : "REQUEST_RESPONSE");
export const strokeOf = (edge: ViewEdge) => EDGE_STROKE[strokeKey(edge)];

/**
 * A provides or flow edge, stroked by integration style (event dashed, request/response solid, batch dotted and
 * heavier), thicker when it aggregates several flows (at overview zoom one edge per domain pair, labelled with its
 * flow count, border to border). Hovering a flow edge labels it with its styles, protocols, pattern tags, flow count and mapped fields.
 */
const LineageEdge = memo(function LineageEdge({ id, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, data, markerEnd }: EdgeProps<MapFlowEdge>) {
  const [hover, setHover] = useState(false);
  // Dashes are drawn only zoomed in (the map's data-detail, globals.css) and on edges of moderate length: zoomed out
  // they are too small to tell apart, and a long edge is thousands of dash segments, which the browser rasterises
  // slowly (seconds per frame on a large map). Colour still tells the style apart.
  const dashed = Math.abs(targetX - sourceX) + Math.abs(targetY - sourceY) <= MAX_DASHED_LENGTH;
  const [path, labelX, labelY] = data?.between
    ? borderPath(data.between.source, data.between.target)
    : getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  if (!data) return null;
  const { edge, lit } = data;
  const stroke = strokeOf(edge);
  const flow = edge.kind === "flow";
  return (
    <g data-edge-style={flow ? edge.styles.join(" ") : "provides"} data-lit={lit ? "true" : undefined} onMouseEnter={flow ? () => setHover(true) : undefined} onMouseLeave={flow ? () => setHover(false) : undefined}>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={flow ? markerEnd : undefined}
        interactionWidth={flow ? 12 : 0}
        style={{ stroke: lit ? "var(--warning)" : stroke.color, strokeWidth: lit ? 3 : strokeWeight(edge), strokeDasharray: dashed ? stroke.dash : undefined }}
      />
      {flow && data.labelled && edge.count > 1 && !hover ? (
        <EdgeLabelRenderer>
          <div
            data-edge-count={edge.count}
            aria-hidden="true"
            className="pointer-events-none absolute rounded border bg-background px-1 text-[11px] leading-4 text-foreground"
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px) scale(${screen})` }}
          >
            {edge.count.toLocaleString("en")}
          </div>
        </EdgeLabelRenderer>
      ) : null}
      {hover ? (
        <EdgeLabelRenderer>
          <div
            role="tooltip"
            className="pointer-events-none absolute z-10 rounded-md border bg-popover px-2 py-1 text-xs text-popover-foreground shadow"
            style={{ transform: `translate(${labelX}px, ${labelY}px) scale(${screen}) translate(-50%, -100%)`, transformOrigin: "top left" }}
          >
            <div className="font-medium">
              {edge.styles.map((s) => STYLE_LABEL[s]).join(", ")} · {edge.protocols.join(", ")}
            </div>
            {edge.patterns.length ? <div>{edge.patterns.map((p) => p.toLowerCase().replaceAll("_", " ")).join(", ")}</div> : null}
            <div>
              {countOf(edge.count, "flow")}
              {edge.mappedFields > 0 ? ` · ${edge.mappedFields} mapped field${edge.mappedFields === 1 ? "" : "s"}` : ""}
            </div>
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </g>
  );
});

/** Stable (module level), like the node types. */
export const edgeTypes: EdgeTypes = { lineage: LineageEdge };
