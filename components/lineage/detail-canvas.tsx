"use client";

import { useStore, type ReactFlowState } from "@xyflow/react";
import { useEffect, useRef } from "react";
import type { ViewEdge, ViewNode } from "./model";
import type { Boxes } from "./regions";

const FILL = { domain: "--primary", system: "--card", interface: "--muted" } as const;
const STROKE = "--border";
const EDGE = "--muted-foreground";
const viewSelector = (s: ReactFlowState) => ({ x: s.transform[0], y: s.transform[1], zoom: s.transform[2], width: s.width, height: s.height });
const sameView = (a: ReturnType<typeof viewSelector>, b: ReturnType<typeof viewSelector>) =>
  a.x === b.x && a.y === b.y && a.zoom === b.zoom && a.width === b.width && a.height === b.height;

/**
 * The canvas layer under React Flow's nodes: the nodes an expansion asks for that are too many for the DOM at this
 * zoom (see splitByLevel), painted as boxes, and their flows as straight lines, in one path per colour. Redrawn once
 * per frame the view moves; only boxes inside the viewport are painted. Text is left to the DOM layer: at the zoom
 * where these nodes are painted it would be too small to read.
 */
export function DetailCanvas({ nodes, edges, boxes }: { nodes: ViewNode[]; edges: ViewEdge[]; boxes: Boxes }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const view = useStore(viewSelector, sameView);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || nodes.length === 0) return;
    const frame = requestAnimationFrame(() => {
      const ratio = window.devicePixelRatio || 1;
      const width = Math.round(view.width * ratio);
      const height = Math.round(view.height * ratio);
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      const context = canvas.getContext("2d");
      if (!context) return;
      const css = getComputedStyle(canvas);
      const color = (name: string) => css.getPropertyValue(name).trim() || "#888";
      context.setTransform(1, 0, 0, 1, 0, 0);
      context.clearRect(0, 0, width, height);
      context.setTransform(ratio * view.zoom, 0, 0, ratio * view.zoom, ratio * view.x, ratio * view.y);
      // The viewport in map units: boxes outside it are skipped.
      const left = -view.x / view.zoom;
      const top = -view.y / view.zoom;
      const right = left + view.width / view.zoom;
      const bottom = top + view.height / view.zoom;
      const visible = (b: { x: number; y: number; w: number; h: number }) => b.x < right && b.x + b.w > left && b.y < bottom && b.y + b.h > top;

      context.lineWidth = 1 / view.zoom;
      context.strokeStyle = color(EDGE);
      context.globalAlpha = 0.5;
      context.beginPath();
      for (const e of edges) {
        const s = boxes[e.source];
        const t = boxes[e.target];
        if (!s || !t) continue;
        const x0 = s.x + s.w;
        const y0 = s.y + s.h / 2;
        const x1 = t.x;
        const y1 = t.y + t.h / 2;
        if (Math.max(x0, x1) < left || Math.min(x0, x1) > right || Math.max(y0, y1) < top || Math.min(y0, y1) > bottom) continue;
        context.moveTo(x0, y0);
        context.lineTo(x1, y1);
      }
      context.stroke();
      context.globalAlpha = 1;
      for (const kind of ["system", "interface"] as const) {
        context.beginPath();
        for (const n of nodes) {
          const b = boxes[n.id];
          if (n.kind === kind && b && visible(b)) context.rect(b.x, b.y, b.w, b.h);
        }
        context.fillStyle = color(FILL[kind]);
        context.fill();
        context.strokeStyle = color(STROKE);
        context.stroke();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, [nodes, edges, boxes, view]);

  if (nodes.length === 0) return null;
  return (
    <canvas
      ref={ref}
      aria-hidden="true"
      data-testid="lineage-detail-canvas"
      data-painted={nodes.length}
      className="pointer-events-none absolute inset-0"
      style={{ width: view.width, height: view.height, zIndex: -1 }}
    />
  );
}
