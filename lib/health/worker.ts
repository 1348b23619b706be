import "server-only";
import { systemCtx } from "@/lib/auth/require";
import { logger } from "@/lib/log";
import { evaluateHealth } from "./evaluate";
import { subscribeHealthEvents } from "./events";

const holder = globalThis as typeof globalThis & { __interchangeHealthWorker?: { stop(): Promise<void> } };

export function evaluationIntervalMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.HEALTH_EVALUATION_INTERVAL_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 1 ? seconds : 30) * 1000;
}

export function evaluationDebounceMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.HEALTH_EVALUATION_DEBOUNCE_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : 5) * 1000;
}

/**
 * Background health work in the server process: SLA evaluation every 30 s (HEALTH_EVALUATION_INTERVAL_SECONDS;
 * "0"/"off" in HEALTH_EVALUATION disables it). Every instance runs the timer; the advisory lock in evaluateHealth lets
 * one of them evaluate per cycle. With NATS_URL set, also consumes telemetry from JetStream (lib/health/nats.ts).
 */
export async function startHealthWorker(): Promise<void> {
  if (holder.__interchangeHealthWorker) return;
  const disabled = ["0", "off", "false"].includes((process.env.HEALTH_EVALUATION ?? "").toLowerCase());
  let running = false;
  // Telemetry that arrives during an evaluation may have missed its snapshot: evaluate once more right after.
  let again = false;
  const tick = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        const result = await evaluateHealth(systemCtx("health-evaluator"), new Date(), { skipIfBusy: true });
        if (result && (result.changed || result.incidentsOpened || result.incidentsResolved)) logger.info({ evaluation: result }, "health evaluated");
      } while (again);
    } catch (error) {
      logger.error({ err: error }, "health evaluation failed");
    } finally {
      running = false;
    }
  };
  const timer = disabled ? null : setInterval(tick, evaluationIntervalMs());
  timer?.unref();
  // Fresh telemetry is evaluated within seconds rather than at the next 30 s tick, at most every few seconds.
  let soon: NodeJS.Timeout | null = null;
  let lastSoon = 0;
  const unsubscribe = disabled
    ? () => {}
    : subscribeHealthEvents((event) => {
        if (event.type !== "telemetry" || soon) return;
        const wait = Math.max(1000, lastSoon + evaluationDebounceMs() - Date.now());
        soon = setTimeout(() => {
          soon = null;
          lastSoon = Date.now();
          void tick();
        }, wait);
        soon.unref();
      });
  let stopNats: (() => Promise<void>) | null = null;
  let stopRelay: (() => Promise<void>) | null = null;
  if (process.env.DATABASE_URL) {
    const { startEventRelay } = await import("./event-relay");
    stopRelay = await startEventRelay(process.env.DATABASE_URL).catch((error) => {
      logger.warn({ err: error }, "could not LISTEN for health events; live updates stay local to this instance");
      return null;
    });
  }
  if (process.env.NATS_URL) {
    const { startNatsConsumer } = await import("./nats");
    stopNats = await startNatsConsumer(process.env.NATS_URL).catch((error) => {
      logger.error({ err: error }, "could not start the NATS telemetry consumer; HTTP ingest still works");
      return null;
    });
  }
  holder.__interchangeHealthWorker = {
    async stop() {
      if (timer) clearInterval(timer);
      if (soon) clearTimeout(soon);
      unsubscribe();
      await stopNats?.();
      await stopRelay?.();
      holder.__interchangeHealthWorker = undefined;
    },
  };
  if (!disabled) logger.info({ everyMs: evaluationIntervalMs() }, "health evaluation scheduled");
}
