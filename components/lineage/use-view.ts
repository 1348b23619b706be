"use client";

import { useStore, useStoreApi, type ReactFlowState } from "@xyflow/react";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type RefObject } from "react";
import { SCREEN_SCALE_VAR, screenScaleOf } from "./edges";
import { DETAIL_ZOOM } from "./nodes";
import type { Boxes } from "./regions";
import { boundsOf, regionAround, regionFit, viewRect, type Rect } from "./viewport";

// The map's view as hooks: which region React Flow is handed nodes for, and whether the whole estate is in view.

/** How long the view must rest before a region it is zoomed far into is drawn again (ms). */
const REST_MS = 200;

/**
 * The region of the map (map units) React Flow is handed nodes for: the view with a margin around it, drawn again
 * when the view leaves it (at most once a frame) or, once the view rests, when it is zoomed far into it, so panning
 * within the margin re-renders nothing, and a zoom does not drop, mid-gesture, what the next region would no longer
 * hold (the long edges crossing the view, unmounted all in one frame). Null until the pane has a size.
 */
export function useViewRegion(): Rect | null {
  const store = useStoreApi();
  const [region, setRegion] = useState<Rect | null>(null);
  useEffect(() => {
    let current: Rect | null = null;
    let frame = 0;
    let rest = 0;
    const fitOf = ({ transform, width, height }: ReactFlowState) =>
      width === 0 || height === 0 ? "serves" : !current ? "left" : regionFit(current, viewRect(transform, width, height));
    const update = () => {
      frame = 0;
      const state = store.getState();
      if (fitOf(state) === "serves") return;
      current = regionAround(viewRect(state.transform, state.width, state.height));
      setRegion(current);
    };
    update();
    const unsubscribe = store.subscribe((state, previous) => {
      if (frame || (state.transform === previous.transform && state.width === previous.width && state.height === previous.height)) return;
      const fit = fitOf(state);
      window.clearTimeout(rest);
      if (fit === "oversized") rest = window.setTimeout(() => (frame = requestAnimationFrame(update)), REST_MS);
      else if (fit === "left") frame = requestAnimationFrame(update);
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      window.clearTimeout(rest);
    };
  }, [store]);
  return region;
}

/** Whether the viewport shows all of `bounds` (map units), within a pixel. */
function contains(s: ReactFlowState, bounds: ReturnType<typeof boundsOf>): boolean {
  const [x, y, zoom] = s.transform;
  if (!Number.isFinite(bounds.width) || s.width === 0) return true;
  const left = bounds.x * zoom + x;
  const top = bounds.y * zoom + y;
  return left >= -1 && top >= -1 && left + bounds.width * zoom <= s.width + 1 && top + bounds.height * zoom <= s.height + 1;
}

/** Whether the view shows every box of the layout (then the map needs no minimap). */
export function useWholeInView(boxes: Boxes): boolean {
  const bounds = useMemo(() => boundsOf(Object.values(boxes)), [boxes]);
  return useStore(useCallback((s: ReactFlowState) => contains(s, bounds), [bounds]));
}

/**
 * Keeps the map's zoom-dependent styles, written only when they change: the screen-scale CSS variable (edges.tsx) on
 * the arrowheads' layer and the edge labels' layer, and `data-detail` from DETAIL_ZOOM on the map (edges are dashed
 * only then, globals.css). Not the variable on the map itself: a custom property set there is inherited by every node
 * and edge, and each step recalculated all their styles. Returns the ref for the arrowheads' layer (ArrowMarkers),
 * which React Flow's viewport portal mounts after the map.
 */
export function useZoomStyles(element: RefObject<HTMLElement | null>) {
  const store = useStoreApi();
  const markers = useRef<SVGSVGElement | null>(null);
  const scale = useRef("");
  useLayoutEffect(() => {
    let detail: boolean | null = null;
    const apply = ({ transform }: ReactFlowState) => {
      const target = element.current;
      if (!target) return;
      const nextScale = String(screenScaleOf(transform[2]));
      if (nextScale !== scale.current) {
        scale.current = nextScale;
        markers.current?.style.setProperty(SCREEN_SCALE_VAR, nextScale);
        target.querySelector<HTMLElement>(".react-flow__edgelabel-renderer")?.style.setProperty(SCREEN_SCALE_VAR, nextScale);
      }
      const nextDetail = transform[2] >= DETAIL_ZOOM;
      if (nextDetail !== detail) target.toggleAttribute("data-detail", (detail = nextDetail));
    };
    apply(store.getState());
    return store.subscribe(apply);
  }, [store, element]);
  return useCallback((svg: SVGSVGElement | null) => {
    markers.current = svg;
    if (svg && scale.current) svg.style.setProperty(SCREEN_SCALE_VAR, scale.current);
  }, []);
}
