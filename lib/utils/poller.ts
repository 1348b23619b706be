import { logger } from "@/lib/log";

export type Poller = { stop(): Promise<void> };

const holder = globalThis as typeof globalThis & { __interchangePollers?: Map<string, Poller> };

/**
 * Runs `pass` every `pollMs` in the background, one pass at a time and one poller per `name` in the process (a second
 * start returns the running one). A failed pass is logged; the next one tries again. `stop` waits for a pass under way.
 */
export function startPoller(name: string, pass: () => Promise<unknown>, pollMs: number): Poller {
  const pollers = (holder.__interchangePollers ??= new Map());
  const existing = pollers.get(name);
  if (existing) return existing;
  let running: Promise<unknown> | null = null;
  const tick = () => {
    if (running) return;
    running = pass()
      .catch((error) => logger.error({ err: error }, `${name} pass failed`))
      .finally(() => (running = null));
  };
  const timer = setInterval(tick, pollMs);
  timer.unref();
  const poller: Poller = {
    async stop() {
      clearInterval(timer);
      await running;
      pollers.delete(name);
    },
  };
  pollers.set(name, poller);
  return poller;
}
