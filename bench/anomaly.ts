// npm run bench:anomaly — a labelled replay of synthetic telemetry (bench/anomaly-synthetic.ts: daily and weekly
// rhythm, trend, 10 to 3,000 msg/min, the first week of data included, injected stops, drops, latency, failure bursts
// and cascades down the lineage) through the evaluator's own code: the hourly model fit (lib/health/seasonal.ts),
// the per-minute judgement and hysteresis (lib/health/detect.ts), the silence rule (lib/health/rhythm.ts) and the
// root-cause diagnosis (lib/health/diagnosis.ts). Prints recall, precision, false incidents per flow-week, detection
// delay and root-cause top-1 as JSON. BENCH_WEEKS (5) and BENCH_SEED (17) pick the run.
import os from "node:os";
import { detectAnomalies, stepHysteresis, type AnomalyState, type MinutePoint } from "@/lib/health/detect";
import { diagnose, type Affected, type UpstreamMap } from "@/lib/health/diagnosis";
import { expectedIntervalSeconds, silenceVerdict } from "@/lib/health/rhythm";
import { expectedPerMinute, fitSeasonalModel, type HourPoint, type SeasonalModel } from "@/lib/health/seasonal";
import { synthesise, type Fault } from "./anomaly-synthetic";

const WEEKS = Number(process.env.BENCH_WEEKS ?? 5);
const SEED = Number(process.env.BENCH_SEED ?? 17);
const MINUTE = 60_000;
// A detection counts for a fault when its incident opens between the fault's start and 15 minutes after its end.
const GRACE_MINUTES = 15;
const HISTORY_HOURS = 5 * 7 * 24;

const started = performance.now();
const data = synthesise({ weeks: WEEKS, seed: SEED });
const { flows, minutes, start } = data;

const upstreamOf = (i: number): Map<string, number> => {
  const map = new Map<string, number>([[flows[i].id, 0]]);
  let hops = 0;
  for (let p = flows[i].parent; p !== null; p = flows[p].parent) map.set(flows[p].id, ++hops);
  return map;
};

type Incident = { flow: number; open: number; close: number | null; via: "anomaly" | "silence" };
const incidents: Incident[] = [];
const openIncident = new Map<number, Incident>();
const hours: HourPoint[][] = flows.map(() => []);
const models: (SeasonalModel | null)[] = flows.map(() => null);
const states: (AnomalyState | undefined)[] = flows.map(() => undefined);
const lastDelivered: number[] = flows.map(() => -1);
const diagnoses: { cascade: number; at: number; top: string | null; tie: boolean }[] = [];

const point = (f: number, t: number): MinutePoint => ({
  minute: start + t * MINUTE,
  volume: data.volume[f][t],
  failed: data.failed[f][t],
  p95: Number.isNaN(data.p95[f][t]) ? null : data.p95[f][t],
});

for (let t = 0; t < minutes; t++) {
  const now = start + (t + 1) * MINUTE; // minute t just completed
  if (t % 60 === 0 && t > 0) {
    // Maintenance: the hour that ended is rolled up (p95 = its worst minute) and every model refitted.
    for (const flow of flows) {
      const f = flow.index;
      let volume = 0;
      let failed = 0;
      let p95: number | null = null;
      for (let m = t - 60; m < t; m++) {
        volume += data.volume[f][m];
        failed += data.failed[f][m];
        if (!Number.isNaN(data.p95[f][m])) p95 = Math.max(p95 ?? 0, data.p95[f][m]);
      }
      hours[f].push({ hour: start + (t - 60) * MINUTE, volume, failed, minutes: 60, p95 });
      if (hours[f].length > HISTORY_HOURS) hours[f].shift();
    }
  }
  for (const flow of flows) {
    const f = flow.index;
    if (data.volume[f][t] > 0) lastDelivered[f] = t;
    const state = states[f];
    // The same schedule as the evaluator: every hour, and every minute while a first-day model has no incident open.
    if (t % 60 === 0 || !models[f] || (models[f]!.kind === "recent" && !state?.open)) {
      const recent = Array.from({ length: Math.min(60, t + 1) }, (_, i) => data.volume[f][t - i]);
      models[f] = fitSeasonalModel(hours[f], recent, now);
    }
    const model = models[f];
    const window = Array.from({ length: Math.min(60, t + 1) }, (_, i) => point(f, t - i));
    const anomalous = model ? detectAnomalies(model, window).length > 0 : false;
    const interval = model ? expectedIntervalSeconds({ contractMinPerMinute: null, expectedPerMinute: expectedPerMinute(model, now), tolerance: model.tolerance }) : null;
    const silent = interval !== null && lastDelivered[f] >= 0 && silenceVerdict(now, start + (lastDelivered[f] + 1) * MINUTE, interval).silent;
    states[f] = stepHysteresis(state, now, anomalous || silent);
    const current = openIncident.get(f);
    if (states[f]!.open && !current) {
      const incident: Incident = { flow: f, open: t, close: null, via: silent ? "silence" : "anomaly" };
      incidents.push(incident);
      openIncident.set(f, incident);
    } else if (!states[f]!.open && current) {
      current.close = t;
      openIncident.delete(f);
    }
  }
  // Root cause: once every flow of a cascade that will be detected is in trouble, diagnose what is open.
  for (const cascade of data.cascades) {
    if (diagnoses.some((d) => d.cascade === cascade.id) || t < cascade.start) continue;
    const spans = data.faults.filter((x) => x.cascade === cascade.id);
    const open = spans.filter((x) => openIncident.get(x.flow) && openIncident.get(x.flow)!.open >= x.start);
    const ended = spans.every((x) => t >= x.end);
    if (open.length < spans.length && !ended) continue;
    if (open.length < 2) {
      diagnoses.push({ cascade: cascade.id, at: t, top: null, tie: false });
      continue;
    }
    const upstream: UpstreamMap = new Map();
    const affected = new Map<string, Affected>();
    for (const [f, incident] of openIncident) {
      upstream.set(flows[f].id, upstreamOf(f));
      affected.set(flows[f].id, { onset: start + incident.open * MINUTE, what: incident.via });
    }
    const problem = diagnose(upstream, affected).find((p) => p.flowIds.includes(flows[open[0].flow].id));
    const top = problem?.candidates[0];
    diagnoses.push({ cascade: cascade.id, at: t, top: top?.flowId ?? null, tie: top?.tie ?? false });
  }
}

// Scoring.
const matches = (fault: Fault, incident: Incident) => incident.flow === fault.flow && incident.open >= fault.start && incident.open <= fault.end + GRACE_MINUTES;
const detected = data.faults.map((fault) => ({ fault, incident: incidents.find((i) => matches(fault, i)) ?? null }));
const trueIncidents = incidents.filter((i) => data.faults.some((fault) => matches(fault, i)));
const falseIncidents = incidents.filter((i) => !trueIncidents.includes(i));
const delays = detected.filter((d) => d.incident).map((d) => d.incident!.open - d.fault.start + 1).sort((a, b) => a - b);
const pct = (n: number, of: number) => (of ? Math.round((n / of) * 1000) / 10 : null);
const at = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? null;
const recallBy = (pick: (f: Fault) => string) => {
  const out: Record<string, number | null> = {};
  for (const key of [...new Set(data.faults.map(pick))]) {
    const group = detected.filter((d) => pick(d.fault) === key);
    out[key] = pct(group.filter((d) => d.incident).length, group.length);
  }
  return out;
};
const firstWeek = (f: Fault) => (f.start < 7 * 1440 ? "firstWeek" : "later");
const flowWeeks = (flows.length * minutes) / (7 * 1440);
const rootTop1 = diagnoses.filter((d) => {
  const cascade = data.cascades[d.cascade];
  return d.top === flows[cascade.root].id && !d.tie;
}).length;

const result = {
  bench: "anomaly",
  command: "npm run bench:anomaly",
  data: { weeks: WEEKS, seed: SEED, flows: flows.length, minutes, faults: data.faults.length, cascades: data.cascades.length, volumesPerMinute: [...new Set(flows.map((f) => Math.round(f.base)))].sort((a, b) => a - b) },
  recallPct: pct(detected.filter((d) => d.incident).length, detected.length),
  recallPctByKind: recallBy((f) => f.kind),
  recallPctByVolume: recallBy((f) => flows[f.flow].volumeClass),
  recallPctByPeriod: recallBy(firstWeek),
  precisionPct: pct(trueIncidents.length, incidents.length),
  incidents: incidents.length,
  falseIncidents: falseIncidents.length,
  falseIncidentsPerFlowWeek: Math.round((falseIncidents.length / flowWeeks) * 1000) / 1000,
  falseIncidentsFirstWeek: falseIncidents.filter((i) => i.open < 7 * 1440).length,
  detectionDelayMinutes: { median: at(delays, 0.5), p90: at(delays, 0.9), max: delays[delays.length - 1] ?? null },
  rootCauseTop1Pct: pct(rootTop1, data.cascades.length),
  rootCauseTies: diagnoses.filter((d) => d.tie).length,
  targets: { recallPct: 90, falseIncidentsPerFlowWeek: 1, rootCauseTop1Pct: 80 },
  machine: { cpus: os.cpus().length, loadavg: os.loadavg().map((l) => Math.round(l * 100) / 100) },
  seconds: Math.round((performance.now() - started) / 100) / 10,
};
console.log(JSON.stringify(result, null, 2));
if (process.env.BENCH_DEBUG) {
  console.error(JSON.stringify({ missed: detected.filter((d) => !d.incident).map((d) => ({ ...d.fault, flow: flows[d.fault.flow].id })).slice(0, 40), false: falseIncidents.slice(0, 40).map((i) => ({ ...i, flow: flows[i.flow].id })) }, null, 1));
}
