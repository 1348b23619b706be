// The connector agent: every interval (on boundaries) it asks each connector for the window that just ended,
// writes the measurements to the disk buffer as one batch with a fresh batchId, and a sender drains the buffer
// to the portal in order, retrying with backoff under the same batchId. Heartbeats run on their own timer.
import { randomUUID } from "node:crypto";
import os from "node:os";
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
import { msUntilNextBoundary, toMeasurement, windowEndingBefore, type Measurement } from "./window";

/** The portal takes up to 5,000 measurements per batch; stay well under. */
export const MAX_MEASUREMENTS_PER_BATCH = 1000;
const TICK_SLACK_MS = 20;

export function createConnector(config: ConnectorConfig): Connector {
  switch (config.kind) {
    case "nats":
      return natsConnector(config);
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

  constructor(private readonly options: AgentOptions) {
    this.connectors = options.connectors ?? options.config.connectors.map(createConnector);
    this.log = (options.logger ?? rootLogger).child({ component: "agent" });
    this.now = options.now ?? Date.now;
  }

  /** Batches written to disk and not yet taken by the portal. */
  get backlog(): number {
    return this.buffer?.size ?? 0;
  }

  async open(): Promise<void> {
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
    const results = await Promise.allSettled(this.connectors.map((c) => c.collect(window, at)));
    const measurements: Measurement[] = [];
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
    if (measurements.length === 0) return;
    const buffer = this.requireBuffer();
    for (let i = 0; i < measurements.length; i += MAX_MEASUREMENTS_PER_BATCH) {
      await buffer.append({ batchId: randomUUID(), measurements: measurements.slice(i, i + MAX_MEASUREMENTS_PER_BATCH) });
    }
    this.log.debug({ windowStart: new Date(window.start).toISOString(), measurements: measurements.length }, "window buffered");
    this.wake?.();
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
