import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { logger } from "@/lib/log";
import { healthBus, type HealthEvent } from "./events";

const CHANNEL = "interchange_health";
// NOTIFY payloads are limited to 8,000 bytes: long flow lists are cut (clients then refetch what they show).
const MAX_IDS = 100;

/**
 * Carries health events between server instances over PostgreSQL LISTEN/NOTIFY, so a browser's event stream on one
 * instance hears about telemetry ingested or an evaluation run on another. Events from this instance are tagged and
 * not re-emitted when they come back.
 */
export async function startEventRelay(url: string): Promise<() => Promise<void>> {
  const origin = randomUUID();
  const listener = new pg.Client({ connectionString: url });
  await listener.connect();
  await listener.query(`LISTEN ${CHANNEL}`);
  const bus = healthBus();
  listener.on("notification", (message) => {
    if (!message.payload) return;
    try {
      const { origin: from, event } = JSON.parse(message.payload) as { origin: string; event: HealthEvent };
      if (from !== origin) bus.emit("event", event);
    } catch {
      // not ours
    }
  });
  listener.on("error", (error) => logger.warn({ err: error }, "health event relay connection failed; live updates stay local to this instance"));
  const notifier = new pg.Pool({ connectionString: url, max: 1 });
  notifier.on("error", (error) => logger.warn({ err: error }, "health event relay: an idle connection was closed by the server"));
  const forward = (event: HealthEvent) => {
    const slim =
      event.type === "telemetry" ? { ...event, flowIds: event.flowIds.slice(0, MAX_IDS) } : event.type === "evaluation" ? { ...event, changed: event.changed.slice(0, MAX_IDS) } : event;
    notifier.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify({ origin, event: slim })]).catch(() => undefined);
  };
  bus.on("local", forward);
  return async () => {
    bus.off("local", forward);
    await listener.end().catch(() => undefined);
    await notifier.end().catch(() => undefined);
  };
}
