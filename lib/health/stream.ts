import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { subscribeHealthEvents, type HealthEvent } from "./events";

// Proxies and load balancers drop idle connections; a comment line every 15 s keeps the stream open.
const KEEPALIVE_MS = 15_000;

/**
 * GET /api/v1/health/stream: server-sent events, one `health` event per change (telemetry ingested, an evaluation
 * that changed a status or an incident, an agent heartbeat). Clients refetch what the event concerns.
 */
export function healthEventStream(ctx: Ctx, signal: AbortSignal): Response {
  requirePermission(ctx, "health.read");
  const encoder = new TextEncoder();
  let cleanup = () => {};
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      const send = (text: string) => {
        try {
          controller.enqueue(encoder.encode(text));
        } catch {
          cleanup();
        }
      };
      send(`retry: 3000\nevent: ready\ndata: {}\n\n`);
      const unsubscribe = subscribeHealthEvents((event: HealthEvent) => send(`event: health\ndata: ${JSON.stringify(event)}\n\n`));
      const keepalive = setInterval(() => send(`: keepalive\n\n`), KEEPALIVE_MS);
      cleanup = () => {
        unsubscribe();
        clearInterval(keepalive);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", () => cleanup(), { once: true });
    },
    cancel() {
      cleanup();
    },
  });
  return new Response(body, {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache, no-transform", connection: "keep-alive", "x-accel-buffering": "no" },
  });
}
