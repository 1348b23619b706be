import "server-only";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { backoffDelay } from "@/lib/agent/backoff";
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
  const bus = healthBus();
  let listener: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | null = null;
  let failures = 0;

  const scheduleListen = (error?: Error) => {
    if (stopped || retry) return;
    const delay = backoffDelay(++failures, { baseMs: 1000, maxMs: 30_000 });
    logger.warn({ err: error, retryInMs: delay }, "health event relay has no LISTEN connection; events from other instances pause until it is back");
    retry = setTimeout(() => {
      retry = null;
      listen().catch((e: Error) => scheduleListen(e));
    }, delay);
    retry.unref();
  };
  const listen = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("notification", (message) => {
      if (!message.payload) return;
      try {
        const { origin: from, event } = JSON.parse(message.payload) as { origin: string; event: HealthEvent };
        if (from !== origin) bus.emit("event", event);
      } catch {
        // not ours
      }
    });
    // A lost connection (database restart, failover) is replaced, so live updates across instances come back.
    const lost = (error?: Error) => {
      if (listener !== client) return;
      listener = null;
      client.end().catch(() => undefined);
      scheduleListen(error);
    };
    client.on("error", lost);
    client.on("end", () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
    if (stopped) return void (await client.end().catch(() => undefined));
    listener = client;
    if (failures) logger.info("health event relay is listening again");
    failures = 0;
  };
  await listen();

  const notifier = new pg.Pool({ connectionString: url, max: 1 });
  notifier.on("error", (error) => logger.warn({ err: error }, "health event relay: an idle connection was closed by the server"));
  const forward = (event: HealthEvent) => {
    const slim =
      event.type === "telemetry" ? { ...event, flowIds: event.flowIds.slice(0, MAX_IDS) } : event.type === "evaluation" ? { ...event, changed: event.changed.slice(0, MAX_IDS) } : event;
    notifier.query(`SELECT pg_notify($1, $2)`, [CHANNEL, JSON.stringify({ origin, event: slim })]).catch(() => undefined);
  };
  bus.on("local", forward);
  return async () => {
    stopped = true;
    if (retry) clearTimeout(retry);
    bus.off("local", forward);
    await listener?.end().catch(() => undefined);
    await notifier.end().catch(() => undefined);
  };
}
