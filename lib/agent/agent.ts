// The connector agent: every interval (on boundaries) it asks each connector for the window that just ended,
// writes the measurements to the disk buffer as one batch with a fresh batchId, and a sender drains the buffer
// to the portal in order, retrying with backoff under the same batchId. Heartbeats run on their own timer.
import { randomUUID } from "node:crypto";
import { readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type pino from "pino";
import { logger as rootLogger } from "@/lib/log";
import { backoffDelay } from "./backoff";
import { DiskBuffer, type Batch } from "./buffer";
import type { AgentConfig, ConnectorConfig } from "./config";
import { demoConnector } from "./connectors/demo";
import { httpProbeConnector } from "./connectors/http-probe";
import { natsConnector } from "./connectors/nats";
import { postgresOutboxConnector } from "./connectors/postgres-outbox";
import { rabbitmqConnector } from "./connectors/rabbitmq";
import type { Connector } from "./connectors/types";
import { PortalError, type Transport } from "./transport";
import { msUntilNextBoundary, toMeasurement, windowEndingBefore, type Measurement, type Reading, type Window } from "./window";

/** The portal takes up to 5,000 measurements per batch; stay well under. */
export const MAX_MEASUREMENTS_PER_BATCH = 1000;
const TICK_SLACK_MS = 20;
// How far back a restarted agent reports the windows it missed (from connectors that can read the past).
const MAX_CATCH_UP_MS = 24 * 3_600_000;
const WATERMARK_FILE = "watermark.json";

async function readWatermark(dir: string): Promise<number | undefined> {
  try {
    const { windowEnd } = JSON.parse(await readFile(path.join(dir, WATERMARK_FILE), "utf8")) as { windowEnd?: unknown };
    return typeof windowEnd === "number" && Number.isFinite(windowEnd) ? windowEnd : undefined;
  } catch {
    return undefined;
  }
}

/** Written beside the buffer segments, atomically (write then rename). */
async function writeWatermark(dir: string, windowEnd: number): Promise<void> {
  const file = path.join(dir, WATERMARK_FILE);
  await writeFile(`${file}.tmp`, JSON.stringify({ windowEnd }));
  await rename(`${file}.tmp`, file);
}

/** `stateDir` (the agent's buffer directory) keeps what a connector needs across restarts. */
export function createConnector(config: ConnectorConfig, stateDir?: string): Connector {
  switch (config.kind) {
    case "nats":
      return natsConnector(config, process.env, stateDir);
    case "rabbitmq":
      return rabbitmqConnector(config);
    case "http":
      return httpProbeConnector(config);
    case "postgres-outbox":
      return postgresOutboxConnector(config);
    case "demo":
      return demoConnector(config);
  }
}

export type AgentOptions = {
  config: AgentConfig;
  transport: Transport;
  version: string;
  connectors?: Connector[];
  logger?: pino.Logger;
  now?: () => number;
  backoff?: { baseMs: number; maxMs: number };
};

export class Agent {
  readonly connectors: Connector[];
  private readonly log: pino.Logger;
  private readonly now: () => number;
  private buffer: DiskBuffer | undefined;
  private tickTimer: NodeJS.Timeout | undefined;
  private heartbeatTimer: NodeJS.Timeout | undefined;
  private running = false;
  private wake: (() => void) | undefined;
  private sender: Promise<void> | undefined;
  private ticking: Promise<void> = Promise.resolve();
  private readonly lastErrors = new Map<string, string | undefined>();
  /** End of the last window collected by the previous run (until the first collection after a restart). */
  private watermark: number | undefined;

  constructor(private readonly options: AgentOptions) {
    this.connectors = options.connectors ?? options.config.connectors.map((c) => createConnector(c, options.config.bufferDir));
    this.log = (options.logger ?? rootLogger).child({ component: "agent" });
    this.now = options.now ?? Date.now;
  }

  /** Batches written to disk and not yet taken by the portal. */
  get backlog(): number {
    return this.buffer?.size ?? 0;
  }

  async open(): Promise<void> {
    if (!this.buffer) this.watermark = await readWatermark(this.options.config.bufferDir);
    this.buffer ??= await DiskBuffer.open(this.options.config.bufferDir, {
      maxBytes: this.options.config.bufferMaxBytes,
      onDrop: (batch, reason) => this.log.error({ batchId: batch.batchId, measurements: batch.measurements.length, reason }, "telemetry batch dropped"),
      onCorrupt: (file, line, reason) => this.log.warn({ file, line }, reason),
    });
    if (this.buffer.size > 0) this.log.info({ batches: this.buffer.size, bytes: this.buffer.bytes }, "buffered telemetry from a previous run will be sent first");
  }

  /** Runs until stop(): ticks on interval boundaries, heartbeats, and the sender. */
  async start(): Promise<void> {
    await this.open();
    this.running = true;
    this.sender = this.sendLoop();
    this.scheduleTick();
    void this.heartbeat();
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), this.options.config.heartbeatInterval);
    this.log.info({ connectors: this.connectors.map((c) => `${c.kind}:${c.name}`), intervalMs: this.options.config.interval }, "agent started");
  }

  /** Collects the window that ended at the last boundary before `at` and buffers it as one batch (or several, if large). */
  tick(at = this.now()): Promise<void> {
    // One collection at a time; a failed one (say, the disk is full) does not stop the ones after it.
    const next = this.ticking.catch(() => undefined).then(() => this.collect(at));
    this.ticking = next;
    return next;
  }

  private async collect(at: number) {
    const window = windowEndingBefore(at, this.options.config.interval);
    const measurements: Measurement[] = await this.missedWindows(window, at);
    const results = await Promise.allSettled(this.connectors.map((c) => c.collect(window, at)));
    results.forEach((result, i) => {
      if (result.status === "fulfilled") measurements.push(...result.value.map((r) => toMeasurement(r, window)));
      else this.log.error({ connector: this.connectors[i].name, err: result.reason }, "connector failed");
    });
    for (const c of this.connectors) {
      // Logged when it changes, not every window.
      const { error } = c.status();
      if (error !== this.lastErrors.get(c.name)) {
        if (error) this.log.warn({ connector: c.name, error }, "connector could not read some targets");
        else this.log.info({ connector: c.name }, "connector reads all its targets again");
        this.lastErrors.set(c.name, error);
      }
    }
    const buffer = this.requireBuffer();
    for (let i = 0; i < measurements.length; i += MAX_MEASUREMENTS_PER_BATCH) {
      await buffer.append({ batchId: randomUUID(), measurements: measurements.slice(i, i + MAX_MEASUREMENTS_PER_BATCH) });
    }
    // Only once the window is on disk: a crash before this reads it again after the restart.
    this.watermark = window.end;
    await writeWatermark(this.options.config.bufferDir, window.end).catch((error: unknown) => this.log.warn({ err: error }, "could not persist the collection watermark"));
    if (measurements.length === 0) return;
    this.log.debug({ windowStart: new Date(window.start).toISOString(), measurements: measurements.length }, "window buffered");
    this.wake?.();
  }

  /**
   * After a restart: the windows between the last one collected before it (the watermark in bufferDir) and `current`,
   * from the connectors that can read the past (at most MAX_CATCH_UP_MS back).
   */
  private async missedWindows(current: Window, at: number): Promise<Measurement[]> {
    const from = this.watermark;
    this.watermark = undefined;
    const past = this.connectors.filter((c) => c.readsPastWindows);
    if (from === undefined || from >= current.start || !past.length) return [];
    const interval = this.options.config.interval;
    const start = Math.max(from, current.start - MAX_CATCH_UP_MS);
    const measurements: Measurement[] = [];
    for (let end = start + interval; end <= current.start; end += interval) {
      const window = { start: end - interval, end };
      for (const c of past) measurements.push(...(await c.collect(window, at).catch(() => [] as Reading[])).map((r) => toMeasurement(r, window)));
    }
    this.log.info({ from: new Date(start).toISOString(), to: new Date(current.start).toISOString(), measurements: measurements.length }, "reporting the windows missed while the agent was down");
    return measurements;
  }

  private scheduleTick() {
    if (!this.running) return;
    // A little past the boundary, so a timer that fires a hair early still sees the window as ended.
    this.tickTimer = setTimeout(() => {
      this.tick()
        .catch((error: unknown) => this.log.error({ err: error }, "collecting a window failed"))
        .finally(() => this.scheduleTick());
    }, msUntilNextBoundary(this.now(), this.options.config.interval) + TICK_SLACK_MS);
  }

  async heartbeat(): Promise<void> {
    try {
      await this.options.transport.heartbeat({ version: this.options.version, host: os.hostname(), connectors: this.connectors.map((c) => c.status()) });
    } catch (error) {
      this.log.warn({ err: (error as Error).message }, "heartbeat failed");
    }
  }

  /** Sends one buffered batch; true when it left the buffer (taken, or refused for good). */
  async sendOne(batch: Batch): Promise<boolean> {
    const buffer = this.requireBuffer();
    try {
      const result = await this.options.transport.sendBatch(batch);
      await buffer.ack(batch.batchId);
      const rejected = Array.isArray(result?.rejected) ? result.rejected : [];
      if (rejected.length > 0) this.log.warn({ batchId: batch.batchId, rejected: rejected.slice(0, 20) }, "the portal refused some measurements");
      this.log.debug({ batchId: batch.batchId, duplicate: result?.duplicate === true }, "batch sent");
      return true;
    } catch (error) {
      if (error instanceof PortalError && !error.retryable) {
        await buffer.discard(batch.batchId, error.message);
        return true;
      }
      throw error;
    }
  }

  /** Sends what is buffered, oldest first, until the buffer is empty or the portal fails; returns how many were sent. */
  async flush(): Promise<number> {
    let sent = 0;
    for (let batch = this.buffer?.peek(); batch; batch = this.buffer?.peek()) {
      await this.sendOne(batch);
      sent += 1;
    }
    return sent;
  }

  private async sendLoop() {
    let attempt = 0;
    while (this.running) {
      const batch = this.buffer?.peek();
      if (!batch) {
        await new Promise<void>((resolve) => (this.wake = resolve));
        this.wake = undefined;
        continue;
      }
      try {
        await this.sendOne(batch);
        if (attempt > 0) this.log.info({ afterAttempts: attempt + 1, backlog: this.backlog }, "portal reachable again, sending buffered telemetry");
        attempt = 0;
      } catch (error) {
        attempt += 1;
        const retryAfter = error instanceof PortalError ? error.retryAfterMs : undefined;
        const delay = retryAfter ?? backoffDelay(attempt, this.options.backoff ?? { baseMs: 1000, maxMs: 60_000 });
        this.log.warn({ err: (error as Error).message, attempt, retryInMs: delay, backlog: this.backlog }, "sending telemetry failed; kept on disk");
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, delay);
          this.wake = () => {
            if (!this.running) {
              clearTimeout(timer);
              resolve();
            }
          };
        });
        this.wake = undefined;
      }
    }
  }

  async stop(): Promise<void> {
    this.running = false;
    clearTimeout(this.tickTimer);
    clearInterval(this.heartbeatTimer);
    await this.ticking;
    this.wake?.();
    await this.sender;
    await Promise.all(this.connectors.map((c) => c.close().catch(() => undefined)));
    await this.options.transport.close?.().catch(() => undefined);
    await this.buffer?.close();
    this.log.info({ backlog: this.backlog }, "agent stopped");
  }

  private requireBuffer(): DiskBuffer {
    if (!this.buffer) throw new Error("call open() or start() first");
    return this.buffer;
  }
}
