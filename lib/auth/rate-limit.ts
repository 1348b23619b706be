import "server-only";
import { RateLimiterPrisma } from "rate-limiter-flexible";
import { db } from "@/lib/db/client";

/**
 * Sign-in throttling, stored in PostgreSQL (table rate_limit) so every server instance sees the same counts.
 * - Per account and address: after FREE_FAILURES failures in a row, each further failure doubles the wait (1 s,
 *   2 s, 4 s... up to MAX_DELAY_SECONDS). Someone guessing from elsewhere slows only themselves: the owner signing
 *   in from their own address is never locked out, and nothing is locked for good.
 * - Per address, over all accounts: ADDRESS_FAILURES failures in ADDRESS_WINDOW_SECONDS block that address for the
 *   rest of the window. Keyed on the real client address (lib/api/client-address.ts), never on a shared "unknown".
 */
export const FREE_FAILURES = 5;
export const MAX_DELAY_SECONDS = 15 * 60;
export const ADDRESS_FAILURES = 100;
export const ADDRESS_WINDOW_SECONDS = 15 * 60;

type Limiters = { failures: RateLimiterPrisma; delays: RateLimiterPrisma; address: RateLimiterPrisma };
const cache = new WeakMap<object, Limiters>();

function limiters(): Limiters {
  const client = db();
  let found = cache.get(client);
  if (!found) {
    const options = { storeClient: client, tableName: "rateLimit", clearExpiredByTimeout: false };
    found = {
      failures: new RateLimiterPrisma({ ...options, keyPrefix: "signin-failures", points: 1_000_000, duration: 24 * 60 * 60 }),
      delays: new RateLimiterPrisma({ ...options, keyPrefix: "signin-delay", points: 1, duration: 1 }),
      address: new RateLimiterPrisma({ ...options, keyPrefix: "signin-address", points: ADDRESS_FAILURES, duration: ADDRESS_WINDOW_SECONDS }),
    };
    cache.set(client, found);
  }
  return found;
}

const accountKey = (email: string, address: string) => `${email}|${address}`;
const countsAddress = (address: string) => address !== "unknown";

/** Seconds this account+address (or this address) must wait before another attempt, or 0. */
export async function signInWait(email: string, address: string): Promise<number> {
  const { delays, address: perAddress } = limiters();
  const delay = await delays.get(accountKey(email, address));
  let ms = delay && delay.consumedPoints > 1 ? delay.msBeforeNext : 0;
  if (countsAddress(address)) {
    const used = await perAddress.get(address);
    if (used && used.consumedPoints >= ADDRESS_FAILURES) ms = Math.max(ms, used.msBeforeNext);
  }
  return Math.ceil(ms / 1000);
}

/** Counts a failure; returns the delay now imposed on this account+address (0 while within the free failures). */
export async function recordSignInFailure(email: string, address: string): Promise<number> {
  const { failures, delays, address: perAddress } = limiters();
  const key = accountKey(email, address);
  const count = (await failures.penalty(key, 1)).consumedPoints;
  if (countsAddress(address)) await perAddress.penalty(address, 1);
  if (count <= FREE_FAILURES) return 0;
  const seconds = Math.min(2 ** (count - FREE_FAILURES - 1), MAX_DELAY_SECONDS);
  await delays.block(key, seconds);
  return seconds;
}

/** A successful sign-in clears this account+address's failures (not the address's count over all accounts). */
export async function recordSignInSuccess(email: string, address: string): Promise<void> {
  const { failures, delays } = limiters();
  const key = accountKey(email, address);
  await failures.delete(key);
  await delays.delete(key);
}
