/**
 * Counts failures per key in a fixed window, kept in this process (per server instance). Only failures count, so
 * people signing in correctly behind one office address never lock each other out.
 */
export type FailureLimiter = {
  /** Seconds to wait before another attempt is allowed, or 0. */
  retryAfter(key: string): number;
  recordFailure(key: string): void;
  reset(key: string): void;
};

export function createFailureLimiter({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }): FailureLimiter {
  const windows = new Map<string, { start: number; count: number }>();
  const current = (key: string) => {
    const window = windows.get(key);
    return window && now() - window.start < windowMs ? window : undefined;
  };
  return {
    retryAfter(key) {
      const window = current(key);
      return window && window.count >= limit ? Math.ceil((window.start + windowMs - now()) / 1000) : 0;
    },
    recordFailure(key) {
      if (windows.size > 10_000) for (const [k, w] of windows) if (now() - w.start >= windowMs) windows.delete(k);
      const window = current(key);
      if (window) window.count += 1;
      else windows.set(key, { start: now(), count: 1 });
    },
    reset(key) {
      windows.delete(key);
    },
  };
}

const holder = globalThis as typeof globalThis & { __interchangeLoginLimits?: { email: FailureLimiter; address: FailureLimiter } };

/** Failed sign-ins (browser and token exchange): 10 per email and 50 per client address every 5 minutes. */
export function loginLimits() {
  holder.__interchangeLoginLimits ??= {
    email: createFailureLimiter({ limit: 10, windowMs: 5 * 60_000 }),
    address: createFailureLimiter({ limit: 50, windowMs: 5 * 60_000 }),
  };
  return holder.__interchangeLoginLimits;
}
