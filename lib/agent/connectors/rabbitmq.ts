// RabbitMQ, per queue. Over AMQP (always): ready messages, consumers, dead-letter queue depth. AMQP exposes no
// cumulative counters, so without the management API:
//   delivered     a lower bound: how far the ready count fell in the window, less what was dead-lettered
//                 (messages published in the same window hide the rest)
//   deadLettered  growth of the dead-letter queue's depth (exact while nothing drains the dead-letter queue)
//   failed        = deadLettered: a dead-lettered message is a failed delivery, so DLQ growth lowers delivery
//                 success (a lower bound of it: `delivered` is one; the reading says so in notMeasured)
//   lagSeconds    how long the queue has held ready messages with no consumer attached (a lower bound of the
//                 oldest message's age: with no consumer nothing leaves the queue); omitted while consumers
//                 are attached, 0 when the queue is empty
// With managementUrl (the rabbitmq_management plugin), exact figures from its cumulative message_stats:
//   delivered = Δ(ack + deliver_no_ack), retried = Δredeliver, deadLettered = failed = Δ(dead-letter queue
//   publish), lagSeconds = age of the head message when publishers set the AMQP timestamp property.
// With firehose: true (the vhost's built-in tracer, `rabbitmqctl trace_on -p <vhost>`, no plugin), exact deliveries over
// AMQP: the connector binds its own exclusive queue to amq.rabbitmq.trace for `deliver.<queue>` and counts the events:
//   delivered = first deliveries (redelivered = 0) less what was dead-lettered, retried = redeliveries.
// Events that arrive after a reading count in the next one, so totals add up exactly. If the queue's depth shows more
// messages left than the firehose reported, tracing is off: the connector says so and falls back to the lower bound.
// Neither path measures latency; what a reading lacks is listed in its notMeasured.
import amqp, { type ChannelModel } from "amqplib";
import { flowRef, type RabbitConnectorConfig } from "../config";
import { counterDelta, type NotMeasured, type Reading, type Window } from "../window";
import { StatusTracker, type Connector } from "./types";

type Queue = RabbitConnectorConfig["queues"][number];
type Sample = {
  at: number;
  ready: number;
  consumers: number;
  dlqReady?: number;
  /** Since when the queue has held ready messages with no consumer. */
  unconsumedSince?: number;
  stats?: { finished: number; redelivered: number; deadLettered?: number; headTimestamp?: number };
};

type ManagementQueue = {
  messages_ready?: number;
  consumers?: number;
  head_message_timestamp?: number | null;
  message_stats?: { ack?: number; deliver_no_ack?: number; redeliver?: number; publish?: number };
};

const MAX_GAP_MS = 5 * 60_000;
const FIREHOSE = "amq.rabbitmq.trace";

/** Firehose deliver events per queue since the last reading. */
type Traced = { first: number; redelivered: number };

export function rabbitmqConnector(config: RabbitConnectorConfig, fetchImpl: typeof fetch = fetch): Connector {
  const tracker = new StatusTracker(config.name, "rabbitmq");
  const samples = new Map<string, Sample>();
  const traced = new Map<string, Traced>();
  let model: ChannelModel | undefined;

  const amqpUrl = new URL(config.url);
  const vhost = decodeURIComponent(amqpUrl.pathname.slice(1)) || "/";

  async function connection(): Promise<ChannelModel> {
    if (model) return model;
    const opened = await amqp.connect(config.url, { clientProperties: { connection_name: `interchange-agent/${config.name}` } });
    opened.on("error", () => undefined);
    opened.on("close", () => {
      if (model === opened) model = undefined;
    });
    model = opened;
    samples.clear();
    traced.clear();
    if (config.firehose) await traceDeliveries(opened);
    return opened;
  }

  /** Counts the firehose's deliver events for the configured queues (an exclusive queue: it goes with the connection). */
  async function traceDeliveries(connected: ChannelModel) {
    const channel = await connected.createChannel();
    channel.on("error", () => undefined);
    const { queue } = await channel.assertQueue("", { exclusive: true, autoDelete: true });
    for (const q of config.queues) {
      traced.set(q.queue, { first: 0, redelivered: 0 });
      await channel.bindQueue(queue, FIREHOSE, `deliver.${q.queue}`);
    }
    await channel.consume(
      queue,
      (message) => {
        const counts = message && traced.get(message.fields.routingKey.slice("deliver.".length));
        if (!counts) return;
        if (Number(message.properties.headers?.redelivered) === 1) counts.redelivered += 1;
        else counts.first += 1;
      },
      { noAck: true },
    );
  }

  /** The deliver events since the previous reading, and a fresh count from now. */
  function takeTraced(queue: string): Traced | undefined {
    const counts = traced.get(queue);
    if (!counts) return undefined;
    traced.set(queue, { first: 0, redelivered: 0 });
    return counts;
  }

  /** Passive declare on a throwaway channel: a missing queue closes the channel (404), not the connection. */
  async function depth(connected: ChannelModel, queue: string): Promise<{ messageCount: number; consumerCount: number }> {
    const channel = await connected.createChannel();
    channel.on("error", () => undefined);
    try {
      return await channel.checkQueue(queue);
    } finally {
      await channel.close().catch(() => undefined);
    }
  }

  async function management(queue: string): Promise<ManagementQueue> {
    const base = new URL(config.managementUrl as string);
    const url = new URL(`api/queues/${encodeURIComponent(vhost)}/${encodeURIComponent(queue)}`, base.href.endsWith("/") ? base : `${base.href}/`);
    const user = base.username || amqpUrl.username || "guest";
    const pass = base.password || amqpUrl.password || "guest";
    url.username = "";
    url.password = "";
    const response = await fetchImpl(url, {
      headers: { authorization: `Basic ${Buffer.from(`${decodeURIComponent(user)}:${decodeURIComponent(pass)}`).toString("base64")}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) throw new Error(`management API ${url.pathname} answered ${response.status}`);
    return (await response.json()) as ManagementQueue;
  }

  async function sample(q: Queue, now: number, previous: Sample | undefined): Promise<Sample> {
    if (config.managementUrl) {
      const info = await management(q.queue);
      const dlq = q.deadLetterQueue ? await management(q.deadLetterQueue) : undefined;
      const stats = info.message_stats ?? {};
      return withStall(
        {
          at: now,
          ready: info.messages_ready ?? 0,
          consumers: info.consumers ?? 0,
          dlqReady: dlq?.messages_ready,
          stats: {
            finished: (stats.ack ?? 0) + (stats.deliver_no_ack ?? 0),
            redelivered: stats.redeliver ?? 0,
            deadLettered: dlq ? (dlq.message_stats?.publish ?? 0) : undefined,
            headTimestamp: info.head_message_timestamp ?? undefined,
          },
        },
        previous,
      );
    }
    const connected = await connection();
    const main = await depth(connected, q.queue);
    const dlq = q.deadLetterQueue ? await depth(connected, q.deadLetterQueue) : undefined;
    return withStall({ at: now, ready: main.messageCount, consumers: main.consumerCount, dlqReady: dlq?.messageCount }, previous);
  }

  function withStall(current: Sample, previous: Sample | undefined): Sample {
    if (current.ready > 0 && current.consumers === 0) {
      // Held since the previous reading if it was already unconsumed; otherwise count from now (a lower bound).
      const since = previous && previous.ready > 0 && previous.consumers === 0 ? (previous.unconsumedSince ?? previous.at) : current.at;
      return { ...current, unconsumedSince: since };
    }
    return current;
  }

  function reading(q: Queue, previous: Sample, current: Sample, events: Traced | undefined): Reading {
    let lagSeconds: number | undefined;
    if (current.stats?.headTimestamp) lagSeconds = Math.max(0, current.at / 1000 - current.stats.headTimestamp);
    else if (current.ready === 0) lagSeconds = 0;
    else if (current.unconsumedSince !== undefined) lagSeconds = (current.at - current.unconsumedSince) / 1000;
    const lag = lagSeconds === undefined ? {} : { lagSeconds: Math.round(lagSeconds * 10) / 10 };
    const notMeasured: NotMeasured[] = lagSeconds === undefined ? ["latency", "lag"] : ["latency"];
    if (current.stats && previous.stats) {
      const deadLettered =
        current.stats.deadLettered !== undefined && previous.stats.deadLettered !== undefined ? counterDelta(previous.stats.deadLettered, current.stats.deadLettered) : 0;
      return {
        ...flowRef(q),
        delivered: counterDelta(previous.stats.finished, current.stats.finished),
        failed: deadLettered,
        retried: counterDelta(previous.stats.redelivered, current.stats.redelivered),
        deadLettered,
        ...lag,
        notMeasured,
      };
    }
    const deadLettered = current.dlqReady !== undefined && previous.dlqReady !== undefined ? Math.max(0, current.dlqReady - previous.dlqReady) : 0;
    // Dead-lettered messages also left the queue: they are not deliveries.
    const drained = Math.max(0, previous.ready - current.ready - deadLettered);
    if (events) {
      const exact = events.first - deadLettered;
      if (exact >= drained) {
        tracker.ok(`${q.queue} firehose`);
        return { ...flowRef(q), delivered: Math.max(0, exact), failed: deadLettered, retried: events.redelivered, deadLettered, ...lag, notMeasured };
      }
      tracker.fail(`${q.queue} firehose`, `more messages left the queue than the firehose reported: is tracing on (rabbitmqctl trace_on -p ${vhost})?`);
    }
    return {
      ...flowRef(q),
      delivered: drained,
      failed: deadLettered,
      deadLettered,
      ...lag,
      notMeasured: ["delivered", ...notMeasured],
    };
  }

  return {
    name: config.name,
    kind: "rabbitmq",
    status: () => tracker.status(),
    async collect(window: Window, now: number): Promise<Reading[]> {
      const readings: Reading[] = [];
      for (const q of config.queues) {
        try {
          const previous = samples.get(q.queue);
          const current = await sample(q, now, previous);
          samples.set(q.queue, current);
          const events = config.managementUrl ? undefined : takeTraced(q.queue);
          tracker.ok(q.queue);
          if (previous && now - previous.at <= MAX_GAP_MS + (window.end - window.start)) readings.push(reading(q, previous, current, events));
        } catch (error) {
          tracker.fail(q.queue, error);
          samples.delete(q.queue);
        }
      }
      return readings;
    },
    async close() {
      const closing = model;
      model = undefined;
      await closing?.close().catch(() => undefined);
    },
  };
}
