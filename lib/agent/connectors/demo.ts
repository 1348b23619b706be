// Demo connector: synthetic, clearly labelled traffic for a demo portal, so health, incidents and root-cause hints
// can be seen without a broker. Per flow and window it reports deliveries that follow a daily rhythm (quiet at
// night, busy in the afternoon, UTC), with a little seeded noise, and injects faults on a schedule:
//   failing-consumer    the flows' consumer rejects a share of deliveries (failures, retries, dead letters)
//   stale-feed          a batch feed stops delivering; its lag grows from `staleBy`
//   latency-regression  the flows get slow (p95 x `factor`), and the `downstream` flows time out on them
// Nothing here is a measurement: the agent registered for it is named and described as demo traffic.
import { z } from "zod";
import { latencyPercentiles, type Reading, type Window } from "../window";
import type { Connector } from "./types";

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
// config.ts's duration grammar ("500ms", "15s", "1m", "2h", or seconds); importing it from there would be an import
// cycle, since config.ts registers this connector's schema.
function parseDuration(value: string | number): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) && value >= 0 ? Math.round(value * 1000) : undefined;
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)\s*$/.exec(value);
  return match ? Math.round(Number(match[1]) * UNITS[match[2]]) : undefined;
}

const duration = z.union([z.string(), z.number()]).transform((value, ctx) => {
  const ms = parseDuration(value);
  if (ms === undefined) {
    ctx.addIssue({ code: "custom", message: `Must be a duration such as "30s", "40m", "1h" (got ${JSON.stringify(value)})` });
    return z.NEVER;
  }
  return ms;
});
const flowId = z.string().trim().min(1).max(200);

const DemoFlow = z.strictObject({
  flowId,
  /** Deliveries per minute at the daily peak. */
  volumePerMinute: z.number().min(0).max(1_000_000).default(60),
  /** Typical (p50) latency in ms at the daily peak. */
  latencyMs: z.number().min(0).max(600_000).default(50),
  successPct: z.number().min(0).max(100).default(99.99),
  /** Batch feeds report the age of the newest delivered record. */
  lagSeconds: z.number().min(0).max(31_536_000).optional(),
});

const DemoFault = z.strictObject({
  kind: z.enum(["failing-consumer", "stale-feed", "latency-regression"]),
  flowIds: z.array(flowId).min(1).max(100),
  downstream: z.array(flowId).max(100).default([]),
  /** Share of deliveries that fail (failing-consumer) or time out downstream (latency-regression). */
  failurePct: z.number().min(0).max(100).default(35),
  factor: z.number().min(1).max(1000).default(8),
  staleBy: duration.default(7_200_000),
  /** From the agent's start: when the fault begins, how long it lasts, and how often it comes back. */
  startsAfter: duration.default(0),
  lasts: duration.default(2_400_000),
  every: duration.default(3_600_000),
});

export const DemoConnectorConfig = z.strictObject({
  name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/, "Letters, digits, '.', '_' and '-', up to 63 characters"),
  kind: z.literal("demo"),
  seed: z.number().int().default(1),
  flows: z.array(DemoFlow).min(1).max(2000),
  faults: z.array(DemoFault).max(50).default([]),
});
export type DemoConnectorConfig = z.infer<typeof DemoConnectorConfig>;
type DemoFault = DemoConnectorConfig["faults"][number];

/** Share of the daily peak at `at` (epoch ms): 0.25 around 02:00 UTC rising to 1 around 14:00 UTC. */
export function dailyRhythm(at: number): number {
  const hour = (at / 3_600_000) % 24;
  return 0.25 + 0.75 * (0.5 - 0.5 * Math.cos((2 * Math.PI * (hour - 2)) / 24));
}

/** Whether the fault is on at `at`, and since when (epoch ms), for a connector started at `startedAt`. */
export function faultActiveSince(fault: DemoFault, startedAt: number, at: number): number | null {
  const elapsed = at - startedAt - fault.startsAfter;
  if (elapsed < 0) return null;
  const intoCycle = elapsed % Math.max(fault.every, fault.lasts);
  return intoCycle < fault.lasts ? at - intoCycle : null;
}

function mulberry32(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export function demoConnector(config: DemoConnectorConfig, startedAt = Date.now()): Connector {
  // Seeded per window, so the same window always reads the same (a re-sent window is identical).
  const noise = (window: Window, index: number) => mulberry32(config.seed * 7919 + Math.floor(window.start / 1000) * 31 + index);

  function read(flow: DemoConnectorConfig["flows"][number], index: number, window: Window): Reading {
    const random = noise(window, index);
    const minutes = (window.end - window.start) / 60_000;
    const load = dailyRhythm(window.start);
    const expected = flow.volumePerMinute * minutes * load * (0.85 + 0.3 * random());
    let total = Math.max(1, Math.round(expected));
    let failurePct = 100 - flow.successPct;
    let latency = flow.latencyMs * (0.8 + 0.4 * load) * (0.9 + 0.2 * random());
    let lagSeconds = flow.lagSeconds;
    for (const fault of config.faults) {
      const since = faultActiveSince(fault, startedAt, window.end);
      if (since === null) continue;
      const direct = fault.flowIds.includes(flow.flowId);
      if (fault.kind === "failing-consumer" && direct) failurePct = Math.max(failurePct, fault.failurePct);
      if (fault.kind === "stale-feed" && direct) {
        total = 0;
        lagSeconds = Math.round((fault.staleBy + window.end - since) / 1000);
      }
      if (fault.kind === "latency-regression" && direct) latency *= fault.factor;
      if (fault.kind === "latency-regression" && fault.downstream.includes(flow.flowId)) {
        failurePct = Math.max(failurePct, fault.failurePct);
        latency *= Math.max(1, fault.factor / 2);
      }
    }
    const failed = Math.min(total, Math.round(total * (failurePct / 100) * (0.8 + 0.4 * random())));
    const samples = total === 0 ? [] : [latency * 0.6, latency, latency * 1.3, latency * 2.2, latency * 3.4];
    const reading: Reading = {
      flowId: flow.flowId,
      delivered: total - failed,
      failed,
      retried: Math.round(failed * 1.5),
      deadLettered: Math.round(failed * 0.2),
      bytes: (total - failed) * 1200,
    };
    const latencyMs = latencyPercentiles(samples);
    if (latencyMs) reading.latencyMs = latencyMs;
    if (lagSeconds !== undefined) reading.lagSeconds = lagSeconds;
    return reading;
  }

  return {
    name: config.name,
    kind: "demo",
    async collect(window) {
      return config.flows.map((flow, index) => read(flow, index, window));
    },
    status: () => ({ name: config.name, kind: "demo", status: "OK" }),
    async close() {},
  };
}
