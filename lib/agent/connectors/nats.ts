// NATS JetStream: per durable consumer, from the consumer and stream state the server keeps.
//   delivered     messages the consumer finished in the window: Δpublished − Δ(pending + ack pending), less failures
//   retried       redeliveries in the window: Δ(consumer delivery sequence) − first deliveries
//   failed        messages given up on: MAX_DELIVERIES and MSG_TERMINATED advisories seen in the window
//   deadLettered  the MAX_DELIVERIES part of failed (JetStream's "dead letter" is that advisory)
//   lagSeconds    age of the oldest unacknowledged message (the first stream message after the ack floor)
// "published" for an unfiltered consumer is its delivered stream sequence plus what is pending, all from one
// consumer-info snapshot; for a filtered consumer it is the count of stored messages on its subjects (exact for
// limits-retention streams while no limit removes messages). Messages a stream limit removes before delivery count
// as finished. Counts the agent could not attribute to a window (a reading taken mid-publish) carry over to the
// next, so the totals over any run add up exactly.
// With a state directory (the agent's buffer directory) the last counters are kept on disk after every collection, so a
// restarted agent reports what the consumer did while it was down (up to a day) as one measurement from the last window
// it reported. Failure advisories are not seen while the agent is down: messages given up on then count as finished.
import { readFile, rename, writeFile } from "node:fs/promises";
import path from "node:path";
import { connect, type NatsConnection, type Subscription } from "@nats-io/transport-node";
import { jetstreamManager, type ConsumerInfo, type JetStreamManager } from "@nats-io/jetstream";
import { flowRef, type NatsConnectorConfig } from "../config";
import { counterDelta, type Reading, type Window } from "../window";
import { StatusTracker, type Connector } from "./types";

type Sample = {
  published: number;
  outstanding: number;
  pending: number;
  deliveries: number;
  at: number;
  carry: number;
  /** End of the window this sample closed; read back from disk after a restart. */
  windowEnd?: number;
  restored?: boolean;
};
type Consumer = NatsConnectorConfig["consumers"][number];

const MAX_GAP_MS = 5 * 60_000;
// How long a gap counters read back after a restart may bridge (the same day the agent catches up the outbox for).
const MAX_RESTORED_GAP_MS = 24 * 3_600_000;

/** The counters file in the state directory, one per connector. */
export function natsStateFile(stateDir: string, name: string): string {
  return path.join(stateDir, `nats-${encodeURIComponent(name)}.json`);
}

async function readSamples(file: string): Promise<Map<string, Sample>> {
  try {
    const parsed = JSON.parse(await readFile(file, "utf8")) as { samples?: Record<string, Sample> };
    const valid = Object.entries(parsed.samples ?? {}).filter(([, s]) =>
      [s.published, s.outstanding, s.pending, s.deliveries, s.at, s.carry].every((n) => typeof n === "number" && Number.isFinite(n)),
    );
    return new Map(valid.map(([key, s]) => [key, { ...s, restored: true }]));
  } catch {
    return new Map();
  }
}

/** Written atomically (write then rename), so a crash leaves the previous counters. */
async function writeSamples(file: string, samples: Map<string, Sample>): Promise<void> {
  await writeFile(`${file}.tmp`, JSON.stringify({ samples: Object.fromEntries([...samples].map(([k, { restored: _restored, ...s }]) => [k, s])) }));
  await rename(`${file}.tmp`, file);
}

export function natsConnector(config: NatsConnectorConfig, env = process.env, stateDir?: string): Connector {
  const tracker = new StatusTracker(config.name, "nats");
  const samples = new Map<string, Sample>();
  const stateFile = stateDir ? natsStateFile(stateDir, config.name) : undefined;
  let restored: Map<string, Sample> | undefined;
  const failures = new Map<string, { maxDeliveries: number; terminated: number }>();
  let nc: NatsConnection | undefined;
  let jsm: JetStreamManager | undefined;
  let subscriptions: Subscription[] = [];

  const key = (c: Consumer) => `${c.stream}/${c.consumer}`;

  async function connection(): Promise<JetStreamManager> {
    if (nc && !nc.isClosed() && jsm) return jsm;
    nc = await connect({
      servers: config.servers,
      user: config.user,
      pass: config.pass,
      token: config.tokenEnv ? env[config.tokenEnv] : undefined,
      name: `interchange-agent/${config.name}`,
      maxReconnectAttempts: -1,
    });
    jsm = await jetstreamManager(nc);
    samples.clear();
    subscriptions = config.consumers.flatMap((c) => {
      const counts = { maxDeliveries: 0, terminated: 0 };
      failures.set(key(c), counts);
      const on = (kind: "MAX_DELIVERIES" | "MSG_TERMINATED", field: keyof typeof counts) =>
        (nc as NatsConnection).subscribe(`$JS.EVENT.ADVISORY.CONSUMER.${kind}.${c.stream}.${c.consumer}`, {
          callback: (error) => {
            if (!error) counts[field] += 1;
          },
        });
      return [on("MAX_DELIVERIES", "maxDeliveries"), on("MSG_TERMINATED", "terminated")];
    });
    await nc.flush();
    return jsm;
  }

  async function published(manager: JetStreamManager, info: ConsumerInfo): Promise<number> {
    const filters = [info.config.filter_subject, ...(info.config.filter_subjects ?? [])].filter((f): f is string => Boolean(f));
    if (filters.length === 0) return info.delivered.stream_seq + info.num_pending;
    let total = 0;
    for (const filter of filters) {
      const state = (await manager.streams.info(info.stream_name, { subjects_filter: filter })).state;
      total += Object.values(state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    }
    return total;
  }

  async function oldestUnackedAgeSeconds(manager: JetStreamManager, info: ConsumerInfo, now: number): Promise<number> {
    if (info.num_pending + info.num_ack_pending === 0) return 0;
    const filter = info.config.filter_subject || info.config.filter_subjects?.[0] || ">";
    // MSG.GET with next_by_subj: the first stored message at or after the sequence, on the consumer's subjects.
    const query = { seq: info.ack_floor.stream_seq + 1, next_by_subj: filter } as unknown as { seq: number };
    const message = await manager.streams.getMessage(info.stream_name, query);
    return message ? Math.max(0, (now - message.time.getTime()) / 1000) : 0;
  }

  return {
    name: config.name,
    kind: "nats",
    status: () => tracker.status(),
    async collect(window: Window, now: number): Promise<Reading[]> {
      const readings: Reading[] = [];
      let manager: JetStreamManager;
      try {
        manager = await connection();
      } catch (error) {
        for (const c of config.consumers) tracker.fail(key(c), error);
        return readings;
      }
      restored ??= stateFile ? await readSamples(stateFile) : new Map();
      for (const c of config.consumers) {
        try {
          const info = await manager.consumers.info(c.stream, c.consumer);
          const sample: Sample = {
            published: await published(manager, info),
            outstanding: info.num_pending + info.num_ack_pending,
            pending: info.num_pending,
            deliveries: info.delivered.consumer_seq,
            at: now,
            carry: 0,
            windowEnd: window.end,
          };
          const lagSeconds = await oldestUnackedAgeSeconds(manager, info, now);
          const counts = failures.get(key(c)) ?? { maxDeliveries: 0, terminated: 0 };
          const previous = samples.get(key(c)) ?? restored.get(key(c));
          restored.delete(key(c));
          samples.set(key(c), sample);
          tracker.ok(key(c));
          const failed = counts.maxDeliveries + counts.terminated;
          const deadLettered = counts.maxDeliveries;
          counts.maxDeliveries = 0;
          counts.terminated = 0;
          if (!previous || now - previous.at > (previous.restored ? MAX_RESTORED_GAP_MS : MAX_GAP_MS) + (window.end - window.start)) continue;
          const publishedDelta = counterDelta(previous.published, sample.published);
          const raw = publishedDelta - (sample.outstanding - previous.outstanding) + previous.carry;
          const finished = Math.max(0, raw - failed);
          sample.carry = Math.min(0, raw - failed);
          const firstDeliveries = Math.max(0, publishedDelta - (sample.pending - previous.pending));
          readings.push({
            ...flowRef(c),
            delivered: finished,
            failed,
            retried: Math.max(0, counterDelta(previous.deliveries, sample.deliveries) - firstDeliveries),
            deadLettered,
            lagSeconds: Math.round(lagSeconds * 10) / 10,
            // JetStream keeps no per-message delivery time the agent could read.
            notMeasured: ["latency"],
            // Counters read back after a restart cover every window since the last one reported.
            ...(previous.restored && previous.windowEnd !== undefined && previous.windowEnd < window.start ? { since: previous.windowEnd } : {}),
          });
        } catch (error) {
          tracker.fail(key(c), error);
          samples.delete(key(c));
        }
      }
      if (stateFile) {
        await writeSamples(stateFile, samples).then(
          () => tracker.ok("counters file"),
          (error: unknown) => tracker.fail("counters file", error),
        );
      }
      return readings;
    },
    async close() {
      for (const s of subscriptions) s.unsubscribe();
      await nc?.drain().catch(() => undefined);
      nc = undefined;
      jsm = undefined;
    },
  };
}
