"use client";

import { Handle, Position, useStore, type Node, type NodeProps, type NodeTypes, type ReactFlowState } from "@xyflow/react";
import { memo } from "react";
import { cn } from "@/lib/utils/cn";
import { NODE_SIZE, type ViewNode } from "./model";

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

/** Below this zoom nodes are bare tinted boxes: their text would be unreadable anyway. */
export const DETAIL_ZOOM = 0.45;

const pill = "rounded border px-1 text-[10px] leading-4 whitespace-nowrap";

export function nodeLabel(node: ViewNode): string {
  const parts = [`${KIND_LABEL[node.kind]} ${node.name}`];
  if (node.kind === "domain" && node.counts) parts.push(`${node.counts.systems} systems, ${node.counts.interfaces} interfaces, collapsed`);
  if (node.kind === "system" && node.collapsed) parts.push(`${node.counts?.interfaces ?? 0} interfaces, collapsed`);
  if (node.violations > 0) parts.push(`${node.violations} policy violation${node.violations === 1 ? "" : "s"}`);
  return parts.join(", ");
}

/** What a map node carries: the view node and how the selection and a traced field paint it. */
export type MapNodeData = { node: ViewNode; selected: boolean; highlighted: boolean; dimmed: boolean };
export type MapFlowNode = Node<MapNodeData, ViewNode["kind"]>;

function Badges({ node }: { node: ViewNode }) {
  const health = node.health ?? "NO_DATA";
  return (
    <span className="flex gap-1">
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
  if (node.kind === "domain") return `${node.counts?.systems ?? 0} systems · ${node.counts?.interfaces ?? 0} interfaces`;
  const held = node.collapsed ? `${node.counts?.interfaces ?? 0} interfaces folded` : null;
  return [node.team ?? "no owner team", held].filter(Boolean).join(" · ");
}

/**
 * True when zoomed in far enough to read labels, badges and dash patterns. A boolean, so a node or edge re-renders
 * when the zoom crosses the threshold, not on every zoom step.
 */
export const detailSelector = (s: ReactFlowState) => s.transform[2] >= DETAIL_ZOOM;
const hidden = "!pointer-events-none !min-h-0 !min-w-0 !border-0 !bg-transparent";

/**
 * One node of the map, rendered by React Flow. Memoized: panning re-renders no node; a node re-renders only when
 * its data (the view node, selection, field highlight) or its level of detail changes. Handles are invisible and
 * not connectable: the map is read-only, edges enter on the left and leave on the right.
 */
const MapNode = memo(function MapNode({ data }: NodeProps<MapFlowNode>) {
  const { node, selected, highlighted, dimmed } = data;
  const detail = useStore(detailSelector);
  const size = NODE_SIZE[node.kind];
  return (
    <div
      data-node-id={node.id}
      data-kind={node.kind}
      data-selected={selected ? "true" : undefined}
      data-highlighted={highlighted ? "true" : undefined}
      className={cn(
        "flex flex-col justify-center gap-0.5 overflow-hidden rounded-md border px-2 text-left",
        KIND_TONE[node.kind],
        node.context && "border-dashed opacity-80",
        node.collapsed && "border-2",
        selected && "ring-2 ring-ring",
        highlighted && "ring-2 ring-warning",
        dimmed && "opacity-30",
      )}
      style={{ width: size.w, height: size.h }}
    >
      <Handle type="target" position={Position.Left} isConnectable={false} className={hidden} />
      {detail ? (
        <>
          <span className="flex items-center gap-1 text-[10px] text-muted-foreground uppercase">
            {KIND_LABEL[node.kind]}
            {node.hop !== undefined ? <span aria-label={`${node.hop} hops from the focus`}>· hop {node.hop}</span> : null}
            {node.contracts > 0 ? <span>· {node.contracts} contract{node.contracts === 1 ? "" : "s"}</span> : null}
          </span>
          <span className="truncate text-xs font-medium">{node.name}</span>
          <span className="truncate text-[10px] text-muted-foreground">{subtitle(node)}</span>
          {node.kind !== "domain" ? <Badges node={node} /> : null}
        </>
      ) : null}
      <Handle type="source" position={Position.Right} isConnectable={false} className={hidden} />
    </div>
  );
});

/** Stable (module level): React Flow re-creates every node when this object changes identity. */
export const nodeTypes: NodeTypes = { domain: MapNode, system: MapNode, interface: MapNode };
