"use client";

import type { Viewport } from "@xyflow/react";
import { toPng, toSvg } from "html-to-image";

/**
 * Saves what the map shows now (the current viewport, at the current zoom) as SVG or PNG, as in React Flow's
 * download-image example: html-to-image serialises `.react-flow__viewport` (nodes and edges, not the minimap or
 * controls) into an SVG foreignObject, with the viewport transform set so the picture is the visible frame; for
 * PNG it is then drawn on a canvas. The current viewport rather than getViewportForBounds of all nodes: only the
 * visible nodes are in the DOM (onlyRenderVisibleElements), so a whole-estate frame would come out mostly empty.
 */
export async function exportView(viewportElement: HTMLElement, frame: { width: number; height: number; viewport: Viewport }, format: "svg" | "png", name: string) {
  const { width, height, viewport } = frame;
  const options = {
    backgroundColor: getComputedStyle(document.body).backgroundColor,
    width,
    height,
    pixelRatio: format === "png" ? 2 : 1,
    style: { width: `${width}px`, height: `${height}px`, transform: `translate(${viewport.x}px, ${viewport.y}px) scale(${viewport.zoom})` },
  };
  const dataUrl = format === "svg" ? await toSvg(viewportElement, options) : await toPng(viewportElement, options);
  const link = document.createElement("a");
  link.download = `${name}.${format}`;
  link.href = dataUrl;
  link.click();
}
