/** Fixed-window attempt counter, kept in this process (see README: per instance, like the sessions' JWT secret). */
export type RateLimiter = {
  /** Counts one attempt; returns the seconds to wait when over the limit, or 0 when allowed. */
  hit(key: string): number;
  reset(key: string): void;
};

export function createRateLimiter({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }): RateLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  return {
    hit(key) {
      const t = now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (t - w.start >= windowMs) windows.delete(k);
      const current = windows.get(key);
      if (!current || t - current.start >= windowMs) {
        windows.set(key, { start: t, count: 1 });
        return 0;
      }
      current.count += 1;
      return current.count > limit ? Math.ceil((current.start + windowMs - t) / 1000) : 0;
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

const holder = globalThis as typeof globalThis & { __interchangeLoginLimiter?: RateLimiter };

/** Sign-in attempts (browser and token exchange): 10 per email and per client address every 5 minutes. */
export function loginLimiter(): RateLimiter {
  holder.__interchangeLoginLimiter ??= createRateLimiter({ limit: 10, windowMs: 5 * 60_000 });
  return holder.__interchangeLoginLimiter;
}
