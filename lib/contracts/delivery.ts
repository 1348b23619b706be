import "server-only";
import { request as httpRequest, type OutgoingHttpHeaders } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { backoffDelay } from "@/lib/agent/backoff";
import { db } from "@/lib/db/client";
import { logger } from "@/lib/log";
import { SIGNATURE_HEADER, signPayload } from "./signature";
import { guardedLookup, urlRefusal } from "./url-guard";

export const MAX_ATTEMPTS = 5;
const TIMEOUT_MS = 5_000;
/** How long a claim holds a delivery: well above TIMEOUT_MS, so only a worker that died loses it. */
export const LEASE_MS = 60_000;
const RETRY_BACKOFF = { baseMs: 2_000, maxMs: 5 * 60_000 };

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
 * Claims up to `limit` due deliveries (PENDING, next attempt reached, no live lease) for `leaseMs`, counting the
 * attempt at claim time so a delivery that crashes every worker still runs out of attempts. FOR UPDATE SKIP LOCKED
 * lets any number of workers (instances, or the request that just committed) claim side by side without taking
 * the same row; `ids` narrows the claim to given deliveries.
 */
export async function claimDueDeliveries(options: { limit?: number; leaseMs?: number; now?: Date; ids?: readonly string[] } = {}): Promise<string[]> {
  const now = options.now ?? new Date();
  const leaseUntil = new Date(now.getTime() + (options.leaseMs ?? LEASE_MS));
  const ids = options.ids ? [...options.ids] : null;
  const rows = await db().$queryRaw<{ id: string }[]>`
    UPDATE "webhook_delivery" AS d SET "lease_until" = ${leaseUntil}, "attempts" = d."attempts" + 1
    FROM (
      SELECT "id" FROM "webhook_delivery"
      WHERE "status" = 'PENDING'
        AND ("next_attempt_at" IS NULL OR "next_attempt_at" <= ${now})
        AND ("lease_until" IS NULL OR "lease_until" <= ${now})
        AND (${ids}::uuid[] IS NULL OR "id" = ANY(${ids}::uuid[]))
      ORDER BY "next_attempt_at" NULLS FIRST
      LIMIT ${options.limit ?? 20}
      FOR UPDATE SKIP LOCKED
    ) AS due
    WHERE d."id" = due."id"
    RETURNING d."id"::text AS "id"`;
  return rows.map((row) => row.id);
}

/**
 * Sends one claimed delivery and records the outcome, releasing the lease. The body and the
 * Interchange-Delivery header carry the same delivery id on every attempt, so a receiver de-duplicates what a
 * crash after sending makes us send twice. A failure is retried with the house backoff (jitter) until
 * MAX_ATTEMPTS; the URL is checked again before every attempt and its host resolved and checked at connect time
 * (SSRF, rebinding). A webhook switched off stops its pending deliveries.
 */
export async function deliverClaimed(id: string, publicBaseUrl?: string): Promise<"delivered" | "retry" | "failed" | "skipped"> {
  const delivery = await db().webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
  if (!delivery || delivery.status !== "PENDING") return "skipped";
  const body = JSON.stringify({ id: delivery.id, createdAt: delivery.createdAt.toISOString(), ...(delivery.payload as object), ...(publicBaseUrl ? { baseUrl: publicBaseUrl } : {}) });
  if (!delivery.webhook.active) {
    // The claim counted an attempt that was never made.
    await db().webhookDelivery.update({ where: { id }, data: { status: "FAILED", attempts: delivery.attempts - 1, lastError: "the webhook is inactive", nextAttemptAt: null, leaseUntil: null } });
    return "failed";
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
  const done = !error;
  const giveUp = !done && delivery.attempts >= MAX_ATTEMPTS;
  await db().webhookDelivery.update({
    where: { id },
    data: {
      lastStatus: status,
      lastError: error,
      status: done ? "DELIVERED" : giveUp ? "FAILED" : "PENDING",
      deliveredAt: done ? new Date() : null,
      nextAttemptAt: done || giveUp ? null : new Date(Date.now() + backoffDelay(delivery.attempts, RETRY_BACKOFF)),
      leaseUntil: null,
    },
  });
  return done ? "delivered" : giveUp ? "failed" : "retry";
}

/** Claims the given delivery (if due and unclaimed) and sends it now. */
export async function attemptDelivery(id: string): Promise<void> {
  const [claimed] = await claimDueDeliveries({ ids: [id], limit: 1 });
  if (claimed) await deliverClaimed(claimed);
}

/** One pass of the background worker: claims what is due and sends it; answers how many were claimed. */
export async function runDueDeliveries(options: { limit?: number; leaseMs?: number; now?: Date } = {}): Promise<number> {
  const ids = await claimDueDeliveries(options);
  for (const id of ids) await deliverClaimed(id).catch((e) => logger.warn({ err: e, id }, "webhook delivery failed; its lease will expire and it is retried"));
  return ids.length;
}

/**
 * After a commit: send at once so the request does not wait for the next poll, without waiting for slow
 * receivers. Durable either way: what this process does not finish, the delivery worker picks up.
 */
export function dispatch(ids: readonly string[]): void {
  for (const id of ids) void attemptDelivery(id).catch((e) => logger.warn({ err: e, id }, "webhook delivery failed; the delivery worker retries it"));
}
