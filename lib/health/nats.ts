import "server-only";
import { AckPolicy, DeliverPolicy, DiscardPolicy, jetstream, jetstreamManager, RetentionPolicy, type JsMsg, type StreamConfig } from "@nats-io/jetstream";
import { connect } from "@nats-io/transport-node";
import { authenticateAgent } from "@/lib/agents/data";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { logger } from "@/lib/log";
import { ingestTelemetry } from "./ingest";
import { TELEMETRY_MAX_BODY_BYTES, TelemetryBatchInput } from "./schemas";

export type NatsTelemetryConfig = {
  stream: string;
  subject: string;
  durable: string;
  /** Messages carry agent bearer tokens: none is kept longer than this, acknowledged or not (default 24 h). */
  maxAgeHours?: number;
  /** Upper bound on the stream's size; the oldest messages go first (default 1 GiB). */
  maxBytes?: number;
  /** How long a message may stay unacknowledged before JetStream gives it to another instance (default 60 s). */
  ackWaitSeconds?: number;
  /** Batches one instance commits at once (default 4): one at a time, an instance waits on every commit's round trips. */
  concurrency?: number;
};

const DEFAULT_MAX_AGE_HOURS = 24;
const DEFAULT_MAX_BYTES = 1024 ** 3;
const DEFAULT_ACK_WAIT_SECONDS = 60;
const DEFAULT_CONCURRENCY = 4;
const positive = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return value && Number.isFinite(n) && n > 0 ? n : fallback;
};

/**
 * The scale-out ingest path: agents publish the same JSON batches as POST /api/v1/telemetry to the subject
 * interchange.telemetry.<agent name> with the header `Authorization: Bearer ica_...`. Every server instance pulls
 * from one durable consumer (JetStream spreads the messages) and acknowledges a message only after its batch is
 * committed, so a crash means redelivery, and the batchId makes redelivery count once.
 */
export function natsTelemetryConfig(env: Record<string, string | undefined> = process.env): NatsTelemetryConfig {
  return {
    stream: env.NATS_TELEMETRY_STREAM || "INTERCHANGE_TELEMETRY",
    subject: env.NATS_TELEMETRY_SUBJECT || "interchange.telemetry.>",
    durable: env.NATS_TELEMETRY_CONSUMER || "interchange-ingest",
    maxAgeHours: positive(env.NATS_TELEMETRY_MAX_AGE_HOURS, DEFAULT_MAX_AGE_HOURS),
    maxBytes: Math.floor(positive(env.NATS_TELEMETRY_MAX_BYTES, DEFAULT_MAX_BYTES)),
    ackWaitSeconds: positive(env.NATS_TELEMETRY_ACK_WAIT_SECONDS, DEFAULT_ACK_WAIT_SECONDS),
    concurrency: Math.min(32, Math.floor(positive(env.NATS_TELEMETRY_CONCURRENCY, DEFAULT_CONCURRENCY))),
  };
}

/**
 * The stream's retention: a work queue (a message is deleted once the ingest consumer acknowledges or terminates it;
 * every server instance pulls from the one durable consumer, which a work queue allows), bounded in age and size so
 * nothing unacknowledged (and its bearer token) lingers.
 */
export function telemetryStreamLimits(config: NatsTelemetryConfig): Pick<StreamConfig, "retention" | "max_age" | "max_bytes" | "discard"> {
  return {
    retention: RetentionPolicy.Workqueue,
    max_age: Math.round((config.maxAgeHours ?? DEFAULT_MAX_AGE_HOURS) * 3_600 * 1e9), // nanoseconds
    max_bytes: config.maxBytes ?? DEFAULT_MAX_BYTES,
    discard: DiscardPolicy.Old,
  };
}

/** What to do with one message: ack (committed or a duplicate), term (can never succeed), or nak (retry later). */
export async function handleTelemetryMessage(msg: Pick<JsMsg, "data" | "headers" | "subject">): Promise<"ack" | "term" | "nak"> {
  const authorization = msg.headers?.get("Authorization") ?? "";
  const token = /^Bearer\s+(\S+)$/i.exec(authorization)?.[1];
  if (!token) return "term";
  if (msg.data.byteLength > TELEMETRY_MAX_BODY_BYTES) return "term";
  let ctx: Ctx;
  try {
    ctx = { actor: null, via: "agent", requestId: `nats:${msg.subject}`, agent: await authenticateAgent(token) };
  } catch (error) {
    return error instanceof AppError ? "term" : "nak";
  }
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(msg.data));
  } catch {
    return "term";
  }
  const parsed = TelemetryBatchInput.safeParse(body);
  if (!parsed.success) return "term";
  try {
    await ingestTelemetry(ctx, parsed.data);
    return "ack";
  } catch (error) {
    logger.warn({ err: error, subject: msg.subject }, "telemetry from NATS not ingested; it will be redelivered");
    return error instanceof AppError && error.code !== "INTERNAL" && error.code !== "UNAVAILABLE" ? "term" : "nak";
  }
}

/** Connects, makes sure the stream and durable consumer exist, and consumes until the returned stop() is called. */
export async function startNatsConsumer(servers: string, config = natsTelemetryConfig()): Promise<() => Promise<void>> {
  const nc = await connect({ servers, name: "interchange-server" });
  const jsm = await jetstreamManager(nc);
  const exists = await jsm.streams.info(config.stream).then(
    () => true,
    () => false,
  );
  const limits = telemetryStreamLimits(config);
  if (!exists) await jsm.streams.add({ name: config.stream, subjects: [config.subject], ...limits });
  else {
    // A stream made before these limits: bound it now. Its retention policy cannot be changed in place.
    const info = await jsm.streams.info(config.stream);
    if (info.config.max_age !== limits.max_age || info.config.max_bytes !== limits.max_bytes) {
      await jsm.streams.update(config.stream, { ...info.config, max_age: limits.max_age, max_bytes: limits.max_bytes, discard: limits.discard });
    }
    if (info.config.retention !== limits.retention) {
      logger.warn({ stream: config.stream, retention: info.config.retention }, "the telemetry stream keeps acknowledged messages until max_age; recreate it to make it a work queue");
    }
  }
  await jsm.consumers.add(config.stream, {
    durable_name: config.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    // An instance that dies holding messages gives them back after this; a batch must commit well within it.
    ack_wait: Math.round((config.ackWaitSeconds ?? DEFAULT_ACK_WAIT_SECONDS) * 1e9),
    max_deliver: -1,
  });
  const consumer = await jetstream(nc).consumers.get(config.stream, config.durable);
  const messages = await consumer.consume({ max_messages: 64 });
  const settle = async (msg: JsMsg) => {
    const verdict = await handleTelemetryMessage(msg).catch(() => "nak" as const);
    if (verdict === "ack") await msg.ackAck().catch(() => undefined);
    else if (verdict === "term") {
      logger.warn({ subject: msg.subject, seq: msg.seq }, "refused a telemetry message from NATS (bad token or body); terminated");
      msg.term();
    } else msg.nak(5_000);
  };
  // Up to `concurrency` batches in flight; each is acknowledged when its own commit is done.
  const concurrency = Math.max(1, config.concurrency ?? DEFAULT_CONCURRENCY);
  const done = (async () => {
    const inFlight = new Set<Promise<void>>();
    for await (const msg of messages) {
      const settled: Promise<void> = settle(msg).finally(() => inFlight.delete(settled));
      inFlight.add(settled);
      if (inFlight.size >= concurrency) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  })();
  logger.info({ stream: config.stream, consumer: config.durable }, "consuming telemetry from NATS JetStream");
  return async () => {
    await messages.close();
    await done.catch(() => undefined);
    await nc.drain().catch(() => undefined);
  };
}
