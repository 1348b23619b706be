"use client";

import { useStoreApi } from "@xyflow/react";
import { useEffect, useMemo, useState } from "react";
import { handedOf, startProgress, step, type Drawing, type Handed, type Linked, type Placed, type Progress } from "./progressive";
import { viewRect } from "./viewport";

/**
 * What to hand React Flow for a target drawing: all of it when little is new; else a chunk a frame, sized to the frame
 * budget, the view's part first while what was drawn stays on screen (see progressive.ts).
 */
export function useProgressive<N extends Placed, E extends Linked>(target: Drawing<N, E>): Handed<N, E> {
  const store = useStoreApi();
  const [progress, setProgress] = useState<Progress<N, E> | null>(null);
  let current = progress;
  if (!current || current.target !== target) {
    // A new target starts from what is drawn now (React's pattern for state that follows a prop: set while rendering).
    const { transform, width, height } = store.getState();
    current = startProgress(progress, target, viewRect(transform, width, height));
    setProgress(current);
  }
  const mounting = current.queue.length > 0;
  useEffect(() => {
    if (!mounting) return;
    let last = 0;
    let frame = requestAnimationFrame(function tick(now) {
      const frameMs = last ? now - last : 0;
      last = now;
      setProgress((p) => (p && p.queue.length ? step(p, frameMs) : p));
      frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [mounting]);
  return useMemo(() => handedOf(current), [current]);
}
