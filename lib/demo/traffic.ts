// The demo connector agent's plan: which catalog flows it reports on and which faults it injects, chosen from the
// demo estate's lineage so that each fault shows something real: a consumer that fails its deliveries, a batch
// feed that goes stale, and a slow upstream flow whose consumer's own outgoing flows time out (several flows breach
// together and the shared upstream flow is the suspected cause). Pure: the caller reads the rows.
import type { DemoConnectorConfig } from "@/lib/agent/connectors/demo";

export type TrafficFlow = {
  id: string;
  name: string;
  style: "REQUEST_RESPONSE" | "EVENT" | "BATCH";
  providerSystemId: string;
  consumerSystemId: string;
  contracted: boolean;
};

export type DemoTrafficPlan = {
  flows: DemoConnectorConfig["flows"];
  faults: DemoConnectorConfig["faults"];
  /** Flow ids per fault and one flow left healthy, for tests and the README tour. */
  roles: { failingConsumer: string; staleFeed: string; slowUpstream: string; timingOut: string[]; healthy: string[] };
};

/** How many flows the demo agent reports on: enough for a lively board, few enough for a 2-core laptop. */
export const DEMO_TRAFFIC_FLOWS = 40;

const byName = (a: TrafficFlow, b: TrafficFlow) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id);

export function planDemoTraffic(all: readonly TrafficFlow[]): DemoTrafficPlan {
  const flows = [...all].sort(byName);
  const outgoing = (systemId: string) => flows.filter((f) => f.providerSystemId === systemId);
  // The slow upstream flow: one whose consumer system provides at least two flows of its own.
  const slowUpstream = flows.find((f) => f.style !== "BATCH" && outgoing(f.consumerSystemId).filter((d) => d.id !== f.id).length >= 2);
  if (!slowUpstream) throw new Error("demo traffic: no flow with two downstream flows in the estate");
  const timingOut = outgoing(slowUpstream.consumerSystemId)
    .filter((d) => d.id !== slowUpstream.id)
    .slice(0, 4)
    .map((d) => d.id);
  const taken = new Set([slowUpstream.id, ...timingOut]);
  const staleFeed = flows.find((f) => f.style === "BATCH" && !taken.has(f.id));
  if (!staleFeed) throw new Error("demo traffic: no batch flow in the estate");
  taken.add(staleFeed.id);
  const failing = flows.find((f) => f.style === "EVENT" && f.contracted && !taken.has(f.id));
  if (!failing) throw new Error("demo traffic: no event flow under contract in the estate");
  taken.add(failing.id);

  // The rest spread over the estate (hash order, not alphabetical), flows under contract first.
  const chosen = flows.filter((f) => taken.has(f.id));
  const spread = [...flows].sort((a, b) => hash(a.name) - hash(b.name) || byName(a, b));
  for (const f of spread) if (chosen.length < DEMO_TRAFFIC_FLOWS && !taken.has(f.id) && f.contracted) chosen.push(f);
  for (const f of spread) if (chosen.length < DEMO_TRAFFIC_FLOWS && !chosen.includes(f)) chosen.push(f);
  const healthy = chosen.filter((f) => !taken.has(f.id)).map((f) => f.id);

  // Volumes and latencies by style; the hash keeps each flow's figures stable from start to start.
  const demoFlows = chosen.map((f) => {
    const spread = 0.5 + (hash(f.id) % 100) / 100;
    if (f.style === "BATCH") return { flowId: f.id, volumePerMinute: Math.round(20 * spread), latencyMs: Math.round(900 * spread), successPct: 99.99, lagSeconds: 120 };
    if (f.style === "EVENT") return { flowId: f.id, volumePerMinute: Math.round(240 * spread), latencyMs: Math.round(25 * spread), successPct: 99.99 };
    return { flowId: f.id, volumePerMinute: Math.round(120 * spread), latencyMs: Math.round(60 * spread), successPct: 99.99 };
  });
  const schedule = { lasts: 2_400_000, every: 3_600_000, failurePct: 35, factor: 8, staleBy: 7_200_000, downstream: [] as string[] };
  return {
    flows: demoFlows,
    faults: [
      { ...schedule, kind: "failing-consumer", flowIds: [failing.id], startsAfter: 0 },
      { ...schedule, kind: "stale-feed", flowIds: [staleFeed.id], startsAfter: 0 },
      { ...schedule, kind: "latency-regression", flowIds: [slowUpstream.id], downstream: timingOut, startsAfter: 0 },
    ],
    roles: { failingConsumer: failing.id, staleFeed: staleFeed.id, slowUpstream: slowUpstream.id, timingOut, healthy },
  };
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619) >>> 0;
  return h;
}
