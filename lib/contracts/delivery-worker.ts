import "server-only";
import { logger } from "@/lib/log";
import { runDueDeliveries } from "./delivery";

const holder = globalThis as typeof globalThis & { __interchangeDeliveryWorker?: { stop(): Promise<void> } };

export function deliveryPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.WEBHOOK_POLL_INTERVAL_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000;
}

/**
 * Sends due webhook deliveries from the outbox table in the background, every few seconds
 * (WEBHOOK_POLL_INTERVAL_SECONDS, default 5). Every instance polls; SKIP LOCKED and the lease keep them off each
 * other's rows, and deliveries left by a process that stopped are taken over when their lease expires.
 */
export function startDeliveryWorker(pollMs = deliveryPollMs()): { stop(): Promise<void> } {
  if (holder.__interchangeDeliveryWorker) return holder.__interchangeDeliveryWorker;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = runDueDeliveries()
      .catch((error) => logger.error({ err: error }, "webhook delivery pass failed"))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  const worker = {
    async stop() {
      clearInterval(timer);
      await running;
      holder.__interchangeDeliveryWorker = undefined;
    },
  };
  holder.__interchangeDeliveryWorker = worker;
  logger.info({ everyMs: pollMs }, "webhook delivery worker started");
  return worker;
}
