// Labelled synthetic telemetry for bench/anomaly.ts: per-minute series for flows in lineage trees, with daily and
// weekly rhythm, trend, overdispersed Poisson counts at low (10 msg/min) to high (3,000 msg/min) volume, and
// injected faults (stop, drop, latency, failure bursts, cascades down the lineage), each labelled with its span.

export type FaultKind = "stop" | "drop" | "latency" | "failures";
export type Fault = { id: number; flow: number; kind: FaultKind; start: number; end: number; cascade: number | null };
export type Cascade = { id: number; root: number; flows: number[]; start: number };
export type SynthFlow = { index: number; id: string; parent: number | null; base: number; volumeClass: "low" | "mid" | "high" };
export type Synthetic = {
  start: number;
  minutes: number;
  flows: SynthFlow[];
  volume: Int32Array[];
  failed: Int32Array[];
  p95: Float32Array[];
  faults: Fault[];
  cascades: Cascade[];
};

const MINUTE = 60_000;

/** mulberry32: a small seeded generator, so every run replays the same estate. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function poisson(random: () => number, mu: number): number {
  if (mu <= 0) return 0;
  if (mu > 50) return Math.max(0, Math.round(mu + Math.sqrt(mu) * normal(random)));
  const limit = Math.exp(-mu);
  let k = 0;
  let p = random();
  while (p > limit) {
    k += 1;
    p *= random();
  }
  return k;
}

function normal(random: () => number): number {
  return Math.sqrt(-2 * Math.log(random() || 1e-12)) * Math.cos(2 * Math.PI * random());
}

/** Business-hours shape (UTC), mean about 1: quiet nights at ~0.3, a peak early afternoon. */
const daily = (hourOfDay: number) => 0.3 + 1.25 * Math.exp(-(((hourOfDay - 13) / 4.5) ** 2));
/** Weekends run at 70 % (Saturday) and 60 % (Sunday) of a weekday. */
const weekly = (dayOfWeek: number) => (dayOfWeek === 5 ? 0.7 : dayOfWeek === 6 ? 0.6 : 1);

// Six lineage trees of five flows (root -> two children -> one grandchild each), from 10 to 3,000 msg/min at the root.
const ROOT_VOLUMES = [10, 10, 40, 200, 1000, 3000];

export function synthesise(options: { weeks: number; seed: number }): Synthetic {
  const random = rng(options.seed);
  // A Thursday: the first weekend comes before the model has seen a full week.
  const start = Date.parse("2026-01-01T00:00:00Z");
  const minutes = options.weeks * 7 * 1440;
  const flows: SynthFlow[] = [];
  for (const [tree, rootVolume] of ROOT_VOLUMES.entries()) {
    const root = flows.length;
    const cls = rootVolume <= 10 ? "low" : rootVolume >= 1000 ? "high" : "mid";
    flows.push({ index: root, id: `t${tree}-root`, parent: null, base: rootVolume, volumeClass: cls });
    for (const branch of [0, 1]) {
      const child = flows.length;
      const base = rootVolume <= 10 ? rootVolume : rootVolume * (0.5 + random() * 0.5);
      flows.push({ index: child, id: `t${tree}-c${branch}`, parent: root, base, volumeClass: cls });
      flows.push({ index: child + 1, id: `t${tree}-c${branch}-g`, parent: child, base, volumeClass: cls });
    }
  }
  const children = (i: number): number[] => flows.filter((f) => f.parent === i).flatMap((f) => [f.index, ...children(f.index)]);

  // Faults: each flow gets about one single-flow fault a week and each tree about one cascade a week, never
  // overlapping on a flow (with three quiet hours after each), the first from the third hour of data.
  const faults: Fault[] = [];
  const cascades: Cascade[] = [];
  const busy = flows.map(() => [] as [number, number][]);
  const free = (flow: number, s: number, e: number) => busy[flow].every(([a, b]) => e + 180 < a || s > b + 180);
  const kinds: FaultKind[] = ["stop", "drop", "latency", "failures"];
  const duration = (kind: FaultKind) => Math.round({ stop: 20 + random() * 70, drop: 30 + random() * 90, latency: 15 + random() * 45, failures: 10 + random() * 30 }[kind]);
  let nextId = 0;
  for (let week = 0; week < options.weeks; week++) {
    for (let tree = 0; tree < ROOT_VOLUMES.length; tree++) {
      const root = tree * 5;
      const members = [root, ...children(root)];
      for (let attempt = 0; attempt < 20; attempt++) {
        const s = week * 7 * 1440 + 180 + Math.floor(random() * (7 * 1440 - 400));
        const kind = kinds[Math.floor(random() * kinds.length)];
        const d = duration(kind);
        const spans = members.map((f) => {
          const hop = f === root ? 0 : flows[f].parent === root ? 1 : 2;
          const delay = hop * (1 + Math.floor(random() * 3));
          return { f, s: s + delay, e: s + d + delay };
        });
        if (!spans.every((x) => x.e < minutes && free(x.f, x.s, x.e))) continue;
        const cascade = cascades.length;
        cascades.push({ id: cascade, root, flows: members, start: s });
        for (const x of spans) {
          faults.push({ id: nextId++, flow: x.f, kind, start: x.s, end: x.e, cascade });
          busy[x.f].push([x.s, x.e]);
        }
        break;
      }
      for (const flow of members) {
        for (let attempt = 0; attempt < 20; attempt++) {
          const s = week * 7 * 1440 + 180 + Math.floor(random() * (7 * 1440 - 400));
          const kind = kinds[Math.floor(random() * kinds.length)];
          const e = s + duration(kind);
          if (e >= minutes || !free(flow, s, e)) continue;
          faults.push({ id: nextId++, flow, kind, start: s, end: e, cascade: null });
          busy[flow].push([s, e]);
          break;
        }
      }
    }
  }

  const volume = flows.map(() => new Int32Array(minutes));
  const failed = flows.map(() => new Int32Array(minutes));
  const p95 = flows.map(() => new Float32Array(minutes));
  for (const flow of flows) {
    const trend = -0.1 + random() * 0.4; // -10 % to +30 % over the run
    const latencyBase = 40 + random() * 160;
    const mine = faults.filter((f) => f.flow === flow.index);
    let hourly = 0;
    for (let t = 0; t < minutes; t++) {
      if (t % 60 === 0) hourly = 0.7 * hourly + 0.05 * normal(random); // slow wander, hour to hour
      const at = new Date(start + t * MINUTE);
      const load = daily(at.getUTCHours() + at.getUTCMinutes() / 60) * weekly((at.getUTCDay() + 6) % 7);
      let rate = flow.base * load * (1 + (trend * t) / minutes) * Math.exp(hourly + 0.05 * normal(random));
      let failRate = 0.001;
      let latency = latencyBase * (1 + 0.2 * load) * Math.exp(0.1 * normal(random));
      const fault = mine.find((f) => t >= f.start && t < f.end);
      if (fault?.kind === "stop") rate = 0;
      else if (fault?.kind === "drop") rate *= 0.05 + ((fault.id * 7919) % 100) / 400;
      else if (fault?.kind === "latency") latency *= 3 + ((fault.id * 7919) % 100) / 20;
      else if (fault?.kind === "failures") failRate = 0.05 + ((fault.id * 7919) % 100) / 400;
      const n = poisson(random, rate);
      let f = 0;
      for (let i = 0; i < n && failRate > 0.01; i++) if (random() < failRate) f += 1;
      if (failRate <= 0.01) f = poisson(random, n * failRate);
      volume[flow.index][t] = n;
      failed[flow.index][t] = Math.min(n, f);
      p95[flow.index][t] = n > 0 ? latency : NaN;
    }
  }
  return { start, minutes, flows, volume, failed, p95, faults, cascades };
}
