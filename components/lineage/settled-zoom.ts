"use client";

import { useStoreApi } from "@xyflow/react";
import { createContext, useCallback, useContext, useEffect, useRef, useState, useSyncExternalStore } from "react";

// The zoom the nodes size their labels and choose their detail for: the view's zoom, except that while the user zooms
// (wheel, pinch) it holds still and catches up when the gesture ends. A node's label scale and detail change its
// layout and DOM; on every step of a wheel zoom that re-rendered, re-laid out and repainted every node in view, mid
// gesture. What is drawn (the zoom level, see zoom.ts) still follows the view at once; a move made by the map itself
// (fit, centre, the + and - keys, the minimap) is one step and is followed at once too.

/** How long a gesture's zoom must rest before the labels follow it, when the gesture has not ended yet (ms). */
const REST_MS = 200;

export type SettledZoom = { get(): number; subscribe(listener: () => void): () => void };

function settledZoomStore(initial: number) {
  let zoom = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => zoom,
    set(next: number) {
      if (next === zoom) return;
      zoom = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener: () => void) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}

const SettledZoomContext = createContext<SettledZoom | null>(null);
export const SettledZoomProvider = SettledZoomContext.Provider;

/**
 * The map's settled zoom, with the handlers for React Flow's onMoveStart and onMoveEnd that tell a user's gesture
 * (an input event) from a move the map makes (no event).
 */
export function useSettledZoom() {
  const store = useStoreApi();
  const [settled] = useState(() => settledZoomStore(store.getState().transform[2]));
  const gesture = useRef(false);
  useEffect(() => {
    let rest = 0;
    const catchUp = () => settled.set(store.getState().transform[2]);
    catchUp();
    const unsubscribe = store.subscribe((state, previous) => {
      if (state.transform[2] === previous.transform[2]) return;
      window.clearTimeout(rest);
      if (gesture.current) rest = window.setTimeout(catchUp, REST_MS);
      else catchUp();
    });
    return () => {
      unsubscribe();
      window.clearTimeout(rest);
    };
  }, [store, settled]);
  const onMoveStart = useCallback((event: MouseEvent | TouchEvent | null) => void (gesture.current = !!event), []);
  const onMoveEnd = useCallback(() => {
    gesture.current = false;
    settled.set(store.getState().transform[2]);
  }, [settled, store]);
  return { settled: settled as SettledZoom, onMoveStart, onMoveEnd };
}

/** A value derived from the settled zoom; the component re-renders only when the value changes. */
export function useSettledZoomValue<T>(select: (zoom: number) => T): T {
  const settled = useContext(SettledZoomContext);
  const subscribe = useCallback((listener: () => void) => settled?.subscribe(listener) ?? (() => {}), [settled]);
  return useSyncExternalStore(
    subscribe,
    () => select(settled?.get() ?? 1),
    () => select(1),
  );
}
