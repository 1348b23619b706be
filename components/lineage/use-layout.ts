"use client";

import { useEffect, useMemo, useRef, useState } from "react";
import { graphSignature, layerLayout, type LayoutRequest, type LayoutResult } from "./layout";
import { NODE_SIZE, type ViewGraph } from "./model";

const memory = new Map<string, LayoutResult>();
const STORAGE_PREFIX = "lineage-layout:";

function cached(key: string): LayoutResult | null {
  const hit = memory.get(key);
  if (hit) return hit;
  try {
    const stored = sessionStorage.getItem(STORAGE_PREFIX + key);
    if (!stored) return null;
    const result = JSON.parse(stored) as LayoutResult;
    memory.set(key, result);
    return result;
  } catch {
    return null;
  }
}

function remember(key: string, result: LayoutResult) {
  memory.set(key, result);
  try {
    sessionStorage.setItem(STORAGE_PREFIX + key, JSON.stringify(result));
  } catch {
    // Storage full or disabled: the in-memory copy still serves this tab.
  }
}

/**
 * Positions for a view graph, computed in a Web Worker and cached per view (view key + graph shape) in memory and
 * sessionStorage, so going back to a view or reloading it does not lay it out again. Without worker support the
 * layer layout runs inline (it is linear).
 */
export function useLayout(graph: ViewGraph | null, viewKey: string): { key: string; result: LayoutResult; cached: boolean } | null {
  const [computed, setComputed] = useState<{ key: string; result: LayoutResult } | null>(null);
  const workerRef = useRef<{ worker: Worker; ready: Promise<void> } | null>(null);
  const requestId = useRef(0);

  const job = useMemo(() => {
    if (!graph) return null;
    const request: LayoutRequest = {
      nodes: graph.nodes.map((n) => ({ id: n.id, w: NODE_SIZE[n.kind].w, h: NODE_SIZE[n.kind].h })),
      edges: graph.edges.map((e) => ({ id: e.id, source: e.source, target: e.target })),
    };
    return { request, key: `${viewKey}|${graphSignature(request)}` };
  }, [graph, viewKey]);
  const hit = useMemo(() => (job && computed?.key !== job.key ? cached(job.key) : null), [job, computed]);

  useEffect(() => () => workerRef.current?.worker.terminate(), []);

  useEffect(() => {
    if (!job || hit || memory.has(job.key)) return;
    const id = ++requestId.current;
    let finished = false;
    const done = (result: LayoutResult) => {
      finished = true;
      remember(job.key, result);
      setComputed({ key: job.key, result });
    };
    if (typeof Worker === "undefined") {
      const started = performance.now();
      queueMicrotask(() => done({ positions: layerLayout(job.request), algorithm: "layers", ms: performance.now() - started }));
      return;
    }
    if (!workerRef.current) {
      // A classic worker: Turbopack's worker bootstrap loads the bundle with importScripts, which module workers lack.
      const worker = new Worker(new URL("./layout.worker.ts", import.meta.url));
      const ready = new Promise<void>((resolve) => {
        const onReady = (event: MessageEvent<{ ready?: boolean }>) => {
          if (!event.data?.ready) return;
          worker.removeEventListener("message", onReady);
          resolve();
        };
        worker.addEventListener("message", onReady);
      });
      workerRef.current = { worker, ready };
    }
    const { worker, ready } = workerRef.current;
    let cancelled = false;
    const onMessage = (event: MessageEvent<LayoutResult & { id: number; preliminary?: boolean }>) => {
      if (event.data.id !== id) return;
      const { id: _id, preliminary, ...result } = event.data;
      // The quick layer layout shows the graph while ELK works; only the final answer is cached.
      if (preliminary) setComputed({ key: job.key, result });
      else done(result);
    };
    // A worker that cannot start (blocked, or a bundling problem) must not leave the map blank.
    const onError = () => done({ positions: layerLayout(job.request), algorithm: "layers", ms: 0 });
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    void ready.then(() => {
      if (!cancelled) worker.postMessage({ id, ...job.request });
    });
    // If the worker has not even started after a few seconds, lay out here rather than show nothing.
    let started = false;
    void ready.then(() => (started = true));
    const timeout = setTimeout(() => !started && !cancelled && onError(), 4000);
    return () => {
      clearTimeout(timeout);
      cancelled = true;
      worker.removeEventListener("message", onMessage);
      worker.removeEventListener("error", onError);
      // A layout nobody waits for any more would hold up the next one: drop the worker with it.
      if (!finished) {
        worker.terminate();
        workerRef.current = null;
      }
    };
  }, [job, hit]);

  if (!job) return null;
  if (computed?.key === job.key) return { ...computed, cached: false };
  if (hit) return { key: job.key, result: hit, cached: true };
  // Still laying out: keep showing the previous positions (nodes without one wait for the new layout).
  return computed ? { ...computed, cached: false } : null;
}
