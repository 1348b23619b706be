"use client";

import { useEffect, useRef, useState } from "react";
import type { HealthEvent } from "@/lib/health/events";

/** Subscribes to /api/v1/health/stream (server-sent events); the browser reconnects by itself after a drop. */
export function useHealthEvents(onEvent: (event: HealthEvent) => void): boolean {
  const handler = useRef(onEvent);
  const [connected, setConnected] = useState(false);
  useEffect(() => {
    handler.current = onEvent;
  });
  useEffect(() => {
    const source = new EventSource("/api/v1/health/stream");
    source.addEventListener("ready", () => setConnected(true));
    source.addEventListener("health", (message) => handler.current(JSON.parse((message as MessageEvent<string>).data) as HealthEvent));
    source.onerror = () => setConnected(false);
    return () => source.close();
  }, []);
  return connected;
}
