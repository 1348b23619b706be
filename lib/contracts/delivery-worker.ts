import "server-only";
import { logger } from "@/lib/log";
import { startPoller, type Poller } from "@/lib/utils/poller";
import { runDueDeliveries } from "./delivery";

export function deliveryPollMs(env: NodeJS.ProcessEnv = process.env): number {
  const seconds = Number(env.WEBHOOK_POLL_INTERVAL_SECONDS);
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : 5) * 1000;
}

/**
 * Sends due webhook deliveries from the outbox table in the background, every few seconds
 * (WEBHOOK_POLL_INTERVAL_SECONDS, default 5). Every instance polls; SKIP LOCKED and the lease keep them off each
 * other's rows, and deliveries left by a process that stopped are taken over when their lease expires.
 */
export function startDeliveryWorker(pollMs = deliveryPollMs()): Poller {
  const worker = startPoller("webhook delivery", runDueDeliveries, pollMs);
  logger.info({ everyMs: pollMs }, "webhook delivery worker started");
  return worker;
}
