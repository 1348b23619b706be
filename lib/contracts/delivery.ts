import "server-only";
import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { SIGNATURE_HEADER, signPayload } from "./signature";
import { guardedLookup, urlRefusal } from "./url-guard";

export const MAX_ATTEMPTS = 5;
const TIMEOUT_MS = 5_000;

/** Seconds to wait before attempt n+1 (exponential: 2, 4, 8, 16). */
export function backoffSeconds(attempts: number): number {
  return 2 ** attempts;
}

/**
 * POSTs the body with node:http(s) and answers the HTTP status. The connection's address comes from `lookup`
 * (by default guardedLookup: resolved at connect time, non-public addresses refused), so a name cannot be
 * rebound to an internal address between a check and the call. Redirects are not followed (a 3xx is just the
 * answer); the whole exchange is bounded by the timeout.
 */
export function postWebhook(url: string, headers: OutgoingHttpHeaders, body: string, options: { lookup?: LookupFunction; timeoutMs?: number } = {}): Promise<number> {
  const target = new URL(url);
  const request = target.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = request(
      target,
      {
        method: "POST",
        lookup: options.lookup ?? guardedLookup(),
        signal: AbortSignal.timeout(options.timeoutMs ?? TIMEOUT_MS),
        headers: { ...headers, "content-length": Buffer.byteLength(body) },
      },
      (res) => {
        res.resume();
        res.on("error", () => undefined);
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Sends one webhook delivery and records the outcome in the delivery log. A failure schedules a retry with
 * exponential backoff until MAX_ATTEMPTS; the URL is checked again before every attempt and its host resolved
 * and checked at connect time (SSRF, rebinding). A webhook switched off stops its pending deliveries.
 */
export async function attemptDelivery(id: string, publicBaseUrl?: string): Promise<void> {
  const delivery = await db().webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
  if (!delivery || delivery.status !== "PENDING") return;
  const body = JSON.stringify({ id: delivery.id, createdAt: delivery.createdAt.toISOString(), ...(delivery.payload as object), ...(publicBaseUrl ? { baseUrl: publicBaseUrl } : {}) });
  if (!delivery.webhook.active) {
    await db().webhookDelivery.update({ where: { id }, data: { status: "FAILED", lastError: "the webhook is inactive", nextAttemptAt: null } });
    return;
  }
  let status: number | null = null;
  let error: string | null = urlRefusal(delivery.webhook.url);
  if (!error) {
    try {
      status = await postWebhook(
        delivery.webhook.url,
        {
          "content-type": "application/json",
          "user-agent": "Interchange-Webhook/1",
          "interchange-event": delivery.event,
          "interchange-delivery": delivery.id,
          [SIGNATURE_HEADER]: signPayload(body, delivery.webhook.secret),
        },
        body,
      );
      if (status < 200 || status >= 300) error = `answered HTTP ${status}`;
    } catch (e) {
      error = (e as Error).message;
    }
  }
  const attempts = delivery.attempts + 1;
  const done = !error;
  const giveUp = !done && attempts >= MAX_ATTEMPTS;
  await db().webhookDelivery.update({
    where: { id },
    data: {
      attempts,
      lastStatus: status,
      lastError: error,
      status: done ? "DELIVERED" : giveUp ? "FAILED" : "PENDING",
      deliveredAt: done ? new Date() : null,
      nextAttemptAt: done || giveUp ? null : new Date(Date.now() + backoffSeconds(attempts) * 1000),
    },
  });
  if (!done && !giveUp) setTimeout(() => void attemptDelivery(id).catch((e) => logger.warn({ err: e, id }, "webhook retry failed")), backoffSeconds(attempts) * 1000).unref?.();
}

/** Fire-and-forget after a commit: the request does not wait for slow receivers. */
export function dispatch(ids: readonly string[]): void {
  for (const id of ids) void attemptDelivery(id).catch((e) => logger.warn({ err: e, id }, "webhook delivery failed"));
}
