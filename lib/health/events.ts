import { EventEmitter } from "node:events";

/** What changed, for live views: they refetch what they show when an event concerns it. */
export type HealthEvent =
  | { type: "telemetry"; flowIds: string[] }
  | { type: "evaluation"; changed: string[]; at: string }
  | { type: "agent"; agentId: string }
  | { type: "incident"; incidentId: string; flowId: string | null };

// On globalThis: Next.js bundles route handlers and instrumentation separately, and they must share one bus.
const holder = globalThis as typeof globalThis & { __interchangeHealthBus?: EventEmitter };

export function healthBus(): EventEmitter {
  if (!holder.__interchangeHealthBus) {
    holder.__interchangeHealthBus = new EventEmitter();
    holder.__interchangeHealthBus.setMaxListeners(0);
  }
  return holder.__interchangeHealthBus;
}

/** Tells this instance's listeners, and (through event-relay.ts, when running) the other instances. */
export function publishHealthEvent(event: HealthEvent): void {
  healthBus().emit("event", event);
  healthBus().emit("local", event);
}

export function subscribeHealthEvents(listener: (event: HealthEvent) => void): () => void {
  healthBus().on("event", listener);
  return () => healthBus().off("event", listener);
}
