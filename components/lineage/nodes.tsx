"use client";

import { Handle, Position, type Node, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo, useLayoutEffect, useRef, useState, type RefObject } from "react";
import { cn } from "@/lib/utils/cn";
import type { ViewNode } from "./model";
import { SYSTEM_HEADER } from "./regions";
import { useSettledZoomValue } from "./settled-zoom";
import { labelScale } from "./zoom";
import { countOf } from "@/lib/utils/format";

export const STYLE_LABEL = { EVENT: "event", REQUEST_RESPONSE: "request/response", BATCH: "batch" } as const;
export const HEALTH_LABEL = { OK: "ok", AT_RISK: "at risk", BREACHED: "breached", NO_DATA: "no data" } as const;
const HEALTH_TONE = {
  OK: "border-success/25 bg-success/10 text-success",
  AT_RISK: "border-warning/30 bg-warning/10 text-warning",
  BREACHED: "border-destructive/25 bg-destructive/10 text-destructive",
  NO_DATA: "border-border text-muted-foreground",
} as const;
const LEVEL_TONE = {
  PUBLIC: "border-border text-muted-foreground",
  INTERNAL: "border-info/25 bg-info/10 text-info",
  CONFIDENTIAL: "border-warning/30 bg-warning/10 text-warning",
  RESTRICTED: "border-destructive/25 bg-destructive/10 text-destructive",
} as const;
const KIND_TONE = {
  domain: "border-primary/50 bg-primary/5",
  system: "border-border bg-card",
  interface: "border-border bg-muted",
} as const;
export const KIND_LABEL = { domain: "Domain", system: "System", interface: "Interface" } as const;

/** Below this zoom nodes show their names only: badges and subtitles would be unreadable anyway. */
export const DETAIL_ZOOM = 0.45;
/** The smallest on-screen size of a name: labels grow as the view zooms out so they never get smaller than this. */
export const MIN_LABEL_PX = { domain: 14, system: 11, interface: 11 } as const;
const BASE_LABEL_PX = { domain: 18, system: 12, interface: 12 } as const;
/** A system's or interface's label grows at most this much (beyond it, it would not fit its box). */
const MAX_SMALL_SCALE = 3;

const pill = "rounded border px-1 text-[10px] leading-4 whitespace-nowrap";

export function nodeLabel(node: ViewNode): string {
  const parts = [`${KIND_LABEL[node.kind]} ${node.name}`];
  if (node.kind === "domain" && node.counts) parts.push(`${countOf(node.counts.systems, "system")}, ${countOf(node.counts.interfaces, "interface")}`);
  if (node.flows && node.kind === "domain") parts.push(flowSummary(node.flows));
  if (node.kind === "system" && node.collapsed) parts.push(countOf(node.counts?.interfaces ?? 0, "interface"));
  if (node.kind !== "interface") parts.push(node.collapsed ? "collapsed" : "expanded");
  if (node.violations > 0) parts.push(`${node.violations} policy violation${node.violations === 1 ? "" : "s"}`);
  return parts.join(", ");
}

export const flowSummary = (flows: NonNullable<ViewNode["flows"]>) => `${countOf(flows.out, "flow")} out, ${flows.in.toLocaleString("en")} in, ${flows.inside.toLocaleString("en")} inside`;

/** What a map node carries: the view node, its box size, and how the selection and a traced field paint it. */
export type MapNodeData = { node: ViewNode; w: number; h: number; selected: boolean; highlighted: boolean; dimmed: boolean };
export type MapFlowNode = Node<MapNodeData, ViewNode["kind"]>;

function Badges({ node }: { node: ViewNode }) {
  const health = node.health ?? "NO_DATA";
  return (
    <span className="flex flex-wrap gap-1">
      <span className={cn(pill, HEALTH_TONE[health])} title={node.health ? `Health: ${HEALTH_LABEL[health]}` : "Health: no data measured yet"}>
        {HEALTH_LABEL[health]}
      </span>
      {node.classification ? (
        <span className={cn(pill, LEVEL_TONE[node.classification])} title={`Highest classification: ${node.classification.toLowerCase()}`}>
          {node.classification.toLowerCase()}
        </span>
      ) : null}
      {node.violations > 0 ? (
        <span className={cn(pill, "border-destructive/25 bg-destructive/10 text-destructive")} title="Open compliance policy violations">
          {node.violations} violation{node.violations === 1 ? "" : "s"}
        </span>
      ) : null}
    </span>
  );
}

function subtitle(node: ViewNode): string {
  if (node.kind === "interface") return [node.protocol, node.style ? STYLE_LABEL[node.style] : null, node.team].filter(Boolean).join(" · ");
  if (node.kind === "domain") return `${countOf(node.counts?.systems ?? 0, "system")} · ${countOf(node.counts?.interfaces ?? 0, "interface")}`;
  const held = node.collapsed && node.counts?.interfaces ? `${countOf(node.counts.interfaces, "interface")} folded` : null;
  return [node.team ?? "no owner team", held].filter(Boolean).join(" · ");
}

/**
 * True when zoomed in far enough to read labels and badges. A boolean, so a node re-renders when the zoom crosses the
 * threshold, not on every zoom step.
 */
const detailAt = (zoom: number) => zoom >= DETAIL_ZOOM;
const hidden = "!pointer-events-none !min-h-0 !min-w-0 !border-0 !bg-transparent";

/**
 * One node of the map, rendered by React Flow. Memoized: panning re-renders no node; a node re-renders only when
 * its data (the view node, selection, field highlight), its level of detail or its label scale changes, both read
 * from the settled zoom (settled-zoom.ts), so not on every step of a wheel zoom but when it ends. A domain or
 * a system is a box its contents are drawn in when open; its label is scaled up as the view zooms out so it stays
 * readable (MIN_LABEL_PX). Handles are invisible and not connectable: edges enter on the left and leave on the right.
 */
const MapNode = memo(function MapNode({ data }: NodeProps<MapFlowNode>) {
  const { node, w, h, selected, highlighted, dimmed } = data;
  const detail = useSettledZoomValue(detailAt);
  const max = node.kind === "domain" ? Infinity : MAX_SMALL_SCALE;
  const zoomScale = useSettledZoomValue((zoom) => labelScale(zoom, BASE_LABEL_PX[node.kind], MIN_LABEL_PX[node.kind], max));
  const open = node.kind !== "interface" && !node.collapsed;
  const content = useRef<HTMLDivElement>(null);
  const scale = useFittedScale(content, zoomScale, h, node.kind === "domain" && !open);
  return (
    <div
      data-node-id={node.id}
      data-kind={node.kind}
      data-collapsed={node.kind === "interface" ? undefined : String(!!node.collapsed)}
      data-selected={selected ? "true" : undefined}
      data-highlighted={highlighted ? "true" : undefined}
      className={cn(
        "relative overflow-hidden rounded-md border text-left",
        KIND_TONE[node.kind],
        node.kind === "domain" && open && "bg-primary/[0.02]",
        node.kind === "domain" && !open && "bg-card",
        node.kind === "system" && open && "bg-card/75",
        node.context && "border-dashed opacity-80",
        node.collapsed && "border-2",
        selected && "ring-2 ring-ring",
        highlighted && "ring-2 ring-warning",
        dimmed && "opacity-30",
      )}
      style={{ width: w, height: h }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={hidden} />
      <div
        ref={content}
        className="flex flex-col justify-center gap-0.5 px-2 py-1"
        style={{
          width: w / scale,
          minHeight: node.kind === "interface" ? h : node.kind === "system" ? SYSTEM_HEADER / scale : undefined,
          transform: scale === 1 ? undefined : `scale(${scale})`,
          transformOrigin: "top left",
        }}
      >
        {node.kind === "domain" ? <DomainLabel node={node} open={open} /> : <NodeLabel node={node} detail={detail} />}
      </div>
      <Handle type="source" position={Position.Right} isConnectable={false} className={hidden} />
    </div>
  );
});

/**
 * The label scale for a folded domain card: the zoom's scale, or less when the card's contents would then be taller
 * than its box (a small domain's card holds as much text as a large one's). Measured before paint at the zoom's
 * scale; at a smaller scale the text is laid out wider, so it wraps less and fits. Other nodes keep the zoom's scale.
 */
function useFittedScale(content: RefObject<HTMLDivElement | null>, zoomScale: number, height: number, fit: boolean): number {
  const [cap, setCap] = useState<{ zoomScale: number; height: number; scale: number } | null>(null);
  const current = fit && cap && cap.zoomScale === zoomScale && cap.height === height ? cap.scale : zoomScale;
  useLayoutEffect(() => {
    if (!fit || !content.current || (cap && cap.zoomScale === zoomScale && cap.height === height)) return;
    // offsetHeight is the layout height, before the scale transform.
    const natural = content.current.offsetHeight;
    // Measuring layout before paint is what a layout effect's state update is for (react.dev, useLayoutEffect).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setCap({ zoomScale, height, scale: natural * zoomScale > height ? Math.max(1, height / natural) : zoomScale });
  }, [fit, content, cap, zoomScale, height]);
  return current;
}

/**
 * An open domain's name is a one-line header above its systems. A folded domain is a card: its name and counts wrap
 * rather than being cut off, since at the opening zoom the card may be narrow on screen.
 */
function DomainLabel({ node, open }: { node: ViewNode; open: boolean }) {
  const wrap = "line-clamp-2 break-words";
  return (
    <>
      <span data-label className={cn("text-lg leading-6 font-semibold", open ? "truncate" : wrap)}>
        {node.name}
      </span>
      {open ? null : (
        <>
          <span className={cn("text-sm text-muted-foreground", wrap)}>{subtitle(node)}</span>
          {node.flows ? <span className={cn("text-sm text-muted-foreground", wrap)}>{flowSummary(node.flows)}</span> : null}
          <span className="pt-1">
            <Badges node={node} />
          </span>
        </>
      )}
    </>
  );
}

function NodeLabel({ node, detail }: { node: ViewNode; detail: boolean }) {
  return (
    <>
      {detail ? (
        <span className="flex items-center gap-1 text-[10px] text-muted-foreground uppercase">
          {KIND_LABEL[node.kind]}
          {node.hop !== undefined ? <span aria-label={`${node.hop} hops from the focus`}>· hop {node.hop}</span> : null}
          {node.contracts > 0 ? <span>· {node.contracts} contract{node.contracts === 1 ? "" : "s"}</span> : null}
        </span>
      ) : null}
      <span data-label className="truncate text-xs font-medium">
        {node.name}
      </span>
      {detail ? (
        <>
          <span className="truncate text-[10px] text-muted-foreground">{subtitle(node)}</span>
          <Badges node={node} />
        </>
      ) : null}
    </>
  );
}

/** Stable (module level): React Flow re-creates every node when this object changes identity. */
export const nodeTypes: NodeTypes = { domain: MapNode, system: MapNode, interface: MapNode };
