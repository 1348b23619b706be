// The scale-out path: telemetry batches published to NATS JetStream instead of POSTed, for the portal's servers to
// consume (lib/health/nats.ts). A batch counts as sent once JetStream has stored it (the publish ack); the portal
// acknowledges its own consumer only after the batch is committed. The batchId doubles as Nats-Msg-Id, so
// JetStream also drops a re-publish within its duplicate window; the portal's batchId check covers the rest.
// Heartbeats still go over HTTP.
import os from "node:os";
import { jetstream, type JetStreamClient } from "@nats-io/jetstream";
import { connect, headers, type NatsConnection } from "@nats-io/transport-node";
import type { Batch } from "./buffer";
import { PortalError, type Transport } from "./transport";

export type NatsTransportOptions = { servers: string[]; subject?: string; token: string; timeoutMs: number; user?: string; pass?: string };

/** interchange.telemetry.<host>, the subject family the portal's stream takes by default. */
export function defaultTelemetrySubject(host = os.hostname()): string {
  return `interchange.telemetry.${host.replace(/[^A-Za-z0-9_-]/g, "_") || "agent"}`;
}

export function natsTelemetryTransport(options: NatsTransportOptions, heartbeats: Pick<Transport, "heartbeat">): Transport & { close(): Promise<void> } {
  const subject = options.subject ?? defaultTelemetrySubject();
  let nc: NatsConnection | undefined;
  let js: JetStreamClient | undefined;

  async function client(): Promise<JetStreamClient> {
    if (nc && !nc.isClosed() && js) return js;
    try {
      nc = await connect({ servers: options.servers, user: options.user, pass: options.pass, name: "interchange-agent telemetry", maxReconnectAttempts: -1, timeout: options.timeoutMs });
    } catch (error) {
      throw new PortalError(`cannot reach NATS at ${options.servers.join(", ")}: ${(error as Error).message}`, true);
    }
    js = jetstream(nc, { timeout: options.timeoutMs });
    return js;
  }

  return {
    heartbeat: (body) => heartbeats.heartbeat(body),
    async sendBatch(batch: Batch) {
      const h = headers();
      h.set("Authorization", `Bearer ${options.token}`);
      try {
        const ack = await (await client()).publish(subject, JSON.stringify(batch), { headers: h, msgID: batch.batchId });
        return { batchId: batch.batchId, duplicate: ack.duplicate, stream: ack.stream, seq: ack.seq };
      } catch (error) {
        if (error instanceof PortalError) throw error;
        throw new PortalError(`publishing to ${subject} failed: ${(error as Error).message}`, true);
      }
    },
    async close() {
      await nc?.drain().catch(() => undefined);
      nc = undefined;
      js = undefined;
    },
  };
}
