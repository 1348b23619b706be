// SLA targets and the status rules: pure, no I/O. The evaluator (evaluate.ts) feeds it window aggregates.
import { formatMeasure } from "@/lib/utils/format";
import { silenceVerdict, type Rhythm } from "./rhythm";
import type { HealthStatusValue } from "./schemas";

export type Sla = {
  freshnessMaxLagSeconds: number | null;
  deliverySuccessPct: number;
  latencyP95Ms: number | null;
  latencyP99Ms: number | null;
  volumePerMinute: { min: number | null; max: number | null };
  availabilityPct: number | null;
  /** The longest silence (no delivered message) the flow may have; null = learnt from its history. */
  expectedIntervalSeconds: number | null;
};

/** Applied where the contract says nothing (or there is no ACTIVE contract). */
export const DEFAULT_SLA: Sla = {
  freshnessMaxLagSeconds: 900,
  deliverySuccessPct: 99,
  latencyP95Ms: null,
  latencyP99Ms: null,
  volumePerMinute: { min: null, max: null },
  availabilityPct: null,
  expectedIntervalSeconds: null,
};

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

function num(value: unknown): number | null {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
  return null;
}

/** Seconds from 300, "300", "300s", "5m", "1h" or ISO 8601 "PT5M". */
export function seconds(value: unknown): number | null {
  const plain = num(value);
  if (plain !== null) return plain;
  if (typeof value !== "string") return null;
  const short = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)\s*$/i.exec(value);
  if (short) return Number(short[1]) * { ms: 0.001, s: 1, m: 60, h: 3600, d: 86400 }[short[2].toLowerCase() as "s"];
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i.exec(value.trim());
  if (iso && value.length > 1) return Number(iso[1] ?? 0) * 86400 + Number(iso[2] ?? 0) * 3600 + Number(iso[3] ?? 0) * 60 + Number(iso[4] ?? 0);
  return null;
}

/** 99.9, "99.9", "99.9%" or 0.999 all mean 99.9 %. */
function pct(value: unknown): number | null {
  const n = typeof value === "string" ? num(value.replace(/%\s*$/, "")) : num(value);
  if (n === null || n < 0 || n > 100) return null;
  return n <= 1 ? n * 100 : n;
}

function first<T>(source: Json, paths: string[], read: (v: unknown) => T | null): T | null {
  for (const path of paths) {
    let cursor: unknown = source;
    for (const key of path.split(".")) cursor = isObject(cursor) ? cursor[key] : undefined;
    const value = read(cursor);
    if (value !== null) return value;
  }
  return null;
}

/**
 * Reads a contract's SLA JSON tolerantly: the names the contracts feature writes (freshnessMaxLagSeconds,
 * deliverySuccessPct, latencyP95Ms, latencyP99Ms, volumePerMinute {min,max}, availabilityPct) and common variants.
 * Whatever is missing or unreadable falls back to DEFAULT_SLA.
 */
export function readSla(raw: unknown): { sla: Sla; source: "contract" | "defaults" } {
  if (!isObject(raw) || Object.keys(raw).length === 0) return { sla: DEFAULT_SLA, source: "defaults" };
  const ms = (v: unknown) => {
    const n = num(v);
    if (n !== null) return n;
    const s = seconds(v);
    return s === null ? null : s * 1000;
  };
  const sla: Sla = {
    freshnessMaxLagSeconds:
      first(raw, ["freshnessMaxLagSeconds", "freshnessSeconds", "maxLagSeconds", "freshness.maxLagSeconds", "freshness"], seconds) ??
      DEFAULT_SLA.freshnessMaxLagSeconds,
    deliverySuccessPct: first(raw, ["deliverySuccessPct", "deliverySuccess", "successRatePct", "delivery.successPct"], pct) ?? DEFAULT_SLA.deliverySuccessPct,
    latencyP95Ms: first(raw, ["latencyP95Ms", "p95LatencyMs", "latency.p95Ms", "latency.p95"], ms),
    latencyP99Ms: first(raw, ["latencyP99Ms", "p99LatencyMs", "latency.p99Ms", "latency.p99"], ms),
    volumePerMinute: {
      min: first(raw, ["volumePerMinute.min", "minVolumePerMinute", "volume.minPerMinute"], num),
      max: first(raw, ["volumePerMinute.max", "maxVolumePerMinute", "volume.maxPerMinute"], num),
    },
    availabilityPct: first(raw, ["availabilityPct", "availability"], pct),
    expectedIntervalSeconds: first(raw, ["expectedIntervalSeconds", "maxSilenceSeconds", "freshness.maxSilenceSeconds", "rhythm"], seconds),
  };
  return { sla, source: "contract" };
}

export type Counts = { good: number; bad: number };

/** Fraction of events that failed; null when there were none. */
export function errorRate({ good, bad }: Counts): number | null {
  const total = good + bad;
  return total > 0 ? bad / total : null;
}

/** How fast the error budget burns: 1 means exactly at the SLO for the whole period. */
export function burnRate(counts: Counts, targetPct: number): number | null {
  const rate = errorRate(counts);
  if (rate === null) return null;
  const allowed = 1 - targetPct / 100;
  if (allowed <= 0) return rate > 0 ? Infinity : 0;
  return rate / allowed;
}

// Google SRE workbook, "Alerting on SLOs", multiwindow multi-burn-rate alerts.
export const FAST_BURN = { long: "1h", short: "5m", threshold: 14.4 } as const;
export const SLOW_BURN = { long: "6h", short: "30m", threshold: 6 } as const;
export const STEADY_BURN = { long: "3d", short: "6h", threshold: 1 } as const;

export type Windows = { "5m": Counts; "30m": Counts; "1h": Counts; "6h": Counts; "3d"?: Counts };
type Window = "5m" | "30m" | "1h" | "6h" | "3d";
export type BurnRates = Record<Window, number | null> & { fastBurn: boolean; slowBurn: boolean; steadyBurn: boolean };

/** The three tiers of the SRE workbook: 14.4x over 1 h (page), 6x over 6 h and 1x over 3 days (tickets). */
// Module-level helpers rather than closures: the evaluator calls these for every flow every cycle.
const windowRate = (counts: Counts | undefined, targetPct: number) => (counts ? burnRate(counts, targetPct) : null);
const over = (rate: number | null, threshold: number) => (rate ?? 0) >= threshold;

export function burnRates(windows: Windows, targetPct: number): BurnRates {
  const rates: Record<Window, number | null> = {
    "5m": windowRate(windows["5m"], targetPct),
    "30m": windowRate(windows["30m"], targetPct),
    "1h": windowRate(windows["1h"], targetPct),
    "6h": windowRate(windows["6h"], targetPct),
    "3d": windowRate(windows["3d"], targetPct),
  };
  return {
    ...rates,
    fastBurn: over(rates[FAST_BURN.long], FAST_BURN.threshold) && over(rates[FAST_BURN.short], FAST_BURN.threshold),
    slowBurn: over(rates[SLOW_BURN.long], SLOW_BURN.threshold) && over(rates[SLOW_BURN.short], SLOW_BURN.threshold),
    steadyBurn: over(rates[STEADY_BURN.long], STEADY_BURN.threshold) && over(rates[STEADY_BURN.short], STEADY_BURN.threshold),
  };
}

export type Budget = {
  windowDays: number;
  targetPct: number;
  events: number;
  failed: number;
  allowedFailures: number;
  remainingPct: number | null;
  /** Hours of the window with data; under a day, or a budget under one failure, is too little to judge. */
  coverageHours: number | null;
  enoughData: boolean;
};

// A budget judged on less than a day, or one that allows less than one failure, would be "spent" by a single failure.
export const MIN_BUDGET_HOURS = 24;

/** The error budget over the SLO window: what fraction of the allowed failures is left (negative when overspent). */
export function errorBudget(counts: Counts, targetPct: number, windowDays: number, coverageHours: number | null = null): Budget {
  const events = counts.good + counts.bad;
  const allowedFailures = events * (1 - targetPct / 100);
  const enoughData = events > 0 && allowedFailures >= 1 && (coverageHours === null || coverageHours >= MIN_BUDGET_HOURS);
  const remainingPct = !enoughData ? null : (1 - counts.bad / allowedFailures) * 100;
  return { windowDays, targetPct, events, failed: counts.bad, allowedFailures, remainingPct, coverageHours, enoughData };
}

export type FlowObservation = {
  /** The newest minute with data, or null if there is none in the look-back. */
  lastMinute: Date | null;
  windows: Windows;
  /** The SLO window (30 days), and how many of its hours have data. */
  budget: Counts;
  budgetCoverageHours?: number | null;
  /** Lag of the newest minute that reported one. */
  lagSeconds: number | null;
  /** Worst p95 / p99 over the last 5 minutes. */
  p95Ms: number | null;
  p99Ms: number | null;
  /** Events per minute over the last 5 complete minutes. */
  volumePerMinute: number | null;
  /** When the newest delivered message was seen, and how long the flow's rhythm allows it to be silent. */
  newestDeliveredAt?: Date | null;
  rhythm?: Rhythm | null;
  /** What the newest report's connector could not measure ("latency", "lag", "delivered": a lower bound). */
  notMeasured?: readonly string[];
  /** Reports older than this make the flow NO_DATA (the agent's silence threshold). */
  staleAfterSeconds?: number;
};

export type Evaluation = {
  status: HealthStatusValue;
  reasons: string[];
  sli: {
    successPct5m: number | null;
    successPct1h: number | null;
    lagSeconds: number | null;
    latencyP95Ms: number | null;
    latencyP99Ms: number | null;
    volumePerMinute: number | null;
    lastDataAt: string | null;
    /** Age of the newest delivered message, and the silence the flow's rhythm allows. */
    newestMessageAgeSeconds: number | null;
    expectedIntervalSeconds: number | null;
    rhythmSource: Rhythm["source"] | null;
    /** SLIs the connector cannot measure: shown as "not measured", never judged OK. */
    notMeasured: string[];
    /** Contracted targets that go unjudged because nothing measures them, in words. */
    unjudged: string[];
  };
  burnRates: BurnRates;
  budget: Budget;
};

// A flow whose reports stop is stale this long after its last report window ended (AGENT_SILENT_AFTER_SECONDS).
export const NO_DATA_AFTER_MS = 180_000;
export const SLO_WINDOW_DAYS = 30;
// A measure past this share of its limit puts the flow AT_RISK before it breaches.
const WARN_SHARE = 0.8;

const round = (n: number | null, digits = 3) => (n === null || !Number.isFinite(n) ? n : Math.round(n * 10 ** digits) / 10 ** digits);

/** Delivery success in percent, rounded; null when there were no events. */
function successPct(counts: Counts): number | null {
  const r = errorRate(counts);
  return r === null ? null : round((1 - r) * 100);
}

/** A measure against its limit: over it breaches, past WARN_SHARE of it is at risk. */
function limit(value: number | null, max: number | null, what: string, unit: string, breached: string[], atRisk: string[]) {
  if (value === null || max === null) return;
  if (value > max) breached.push(`${what} ${value}${unit} is over the SLA's ${max}${unit}`);
  else if (value > max * WARN_SHARE) atRisk.push(`${what} ${value}${unit} is near the SLA's ${max}${unit}`);
}

/** One flow's status against its SLA at `now`. */
export function evaluateFlow(obs: FlowObservation, sla: Sla, now: Date): Evaluation {
  const target = sla.availabilityPct !== null && sla.deliverySuccessPct === DEFAULT_SLA.deliverySuccessPct ? sla.availabilityPct : sla.deliverySuccessPct;
  const rates = burnRates(obs.windows, target);
  const budget = errorBudget(obs.budget, target, SLO_WINDOW_DAYS, obs.budgetCoverageHours ?? null);
  const sli: Evaluation["sli"] = {
    successPct5m: successPct(obs.windows["5m"]),
    successPct1h: successPct(obs.windows["1h"]),
    lagSeconds: obs.lagSeconds,
    latencyP95Ms: obs.p95Ms,
    latencyP99Ms: obs.p99Ms,
    volumePerMinute: round(obs.volumePerMinute, 2),
    lastDataAt: obs.lastMinute?.toISOString() ?? null,
    newestMessageAgeSeconds: null,
    expectedIntervalSeconds: obs.rhythm?.seconds ?? null,
    rhythmSource: obs.rhythm?.source ?? null,
    notMeasured: [],
    unjudged: [],
  };
  const missing = new Set(obs.notMeasured ?? []);
  if (missing.has("latency") && obs.p95Ms === null && obs.p99Ms === null) sli.notMeasured.push("latency");
  if (missing.has("lag") && obs.lagSeconds === null) sli.notMeasured.push("lag");
  if (missing.has("delivered")) sli.notMeasured.push("delivered");
  if (sli.notMeasured.includes("latency") && (sla.latencyP95Ms !== null || sla.latencyP99Ms !== null)) {
    sli.unjudged.push("the latency SLA: the connector reporting this flow cannot measure latency");
  }
  if (sli.notMeasured.includes("lag") && sla.freshnessMaxLagSeconds !== null) sli.unjudged.push("the lag limit: the connector reports no lag figure for this flow now");
  if (sli.notMeasured.includes("delivered")) sli.unjudged.push("exact delivery success: the delivered count is a lower bound, so success is too");
  const silence = silenceVerdict(now.getTime(), obs.newestDeliveredAt?.getTime() ?? null, obs.rhythm?.seconds ?? null);
  sli.newestMessageAgeSeconds = silence.ageSeconds;
  const roundedRates = { ...rates, "5m": round(rates["5m"]), "30m": round(rates["30m"]), "1h": round(rates["1h"]), "6h": round(rates["6h"]), "3d": round(rates["3d"]) };

  // The last report's window ends at most a minute after the minute it is filed under.
  const staleAfterMs = (obs.staleAfterSeconds ?? NO_DATA_AFTER_MS / 1000) * 1000;
  if (!obs.lastMinute || now.getTime() - (obs.lastMinute.getTime() + 60_000) > staleAfterMs) {
    const reasons = [obs.lastMinute ? `stale: no telemetry since ${new Date(obs.lastMinute.getTime() + 60_000).toISOString()} (its agent is silent)` : "no telemetry in the last hour"];
    return { status: "NO_DATA", reasons, sli, burnRates: roundedRates, budget };
  }
  const breached: string[] = [];
  const atRisk: string[] = [];
  if (rates.fastBurn) breached.push(`error budget burning ${formatMeasure(roundedRates["1h"], "x")} over 1 h and ${formatMeasure(roundedRates["5m"], "x")} over 5 min (page at ${FAST_BURN.threshold}x)`);
  limit(obs.lagSeconds, sla.freshnessMaxLagSeconds, "lag", " s", breached, atRisk);
  if (silence.silent) {
    breached.push(`no message delivered for ${silence.ageSeconds} s; the flow's ${obs.rhythm!.source === "contract" ? "contracted" : "learnt"} rhythm allows ${obs.rhythm!.seconds} s (producer stopped?)`);
  }
  limit(obs.p95Ms, sla.latencyP95Ms, "p95 latency", " ms", breached, atRisk);
  limit(obs.p99Ms, sla.latencyP99Ms, "p99 latency", " ms", breached, atRisk);
  const { min, max } = sla.volumePerMinute;
  if (obs.volumePerMinute !== null && min !== null && obs.volumePerMinute < min) breached.push(`volume ${sli.volumePerMinute}/min is under the SLA's minimum ${min}/min`);
  if (obs.volumePerMinute !== null && max !== null && obs.volumePerMinute > max) breached.push(`volume ${sli.volumePerMinute}/min is over the SLA's maximum ${max}/min`);
  if (breached.length) return { status: "BREACHED", reasons: breached, sli, burnRates: roundedRates, budget };

  if (rates.slowBurn) atRisk.push(`error budget burning ${formatMeasure(roundedRates["6h"], "x")} over 6 h and ${formatMeasure(roundedRates["30m"], "x")} over 30 min (ticket at ${SLOW_BURN.threshold}x)`);
  else if (rates.steadyBurn) atRisk.push(`error budget burning ${formatMeasure(roundedRates["3d"], "x")} over 3 days and ${formatMeasure(roundedRates["6h"], "x")} over 6 h (ticket at ${STEADY_BURN.threshold}x)`);
  if (sli.successPct5m !== null && sli.successPct5m < target) atRisk.push(`delivery success ${sli.successPct5m}% over 5 min is under the SLA's ${target}%`);
  if (budget.remainingPct !== null && budget.remainingPct <= 0) atRisk.push(`the ${SLO_WINDOW_DAYS}-day error budget is spent`);
  if (atRisk.length) return { status: "AT_RISK", reasons: atRisk, sli, burnRates: roundedRates, budget };
  return { status: "OK", reasons: [], sli, burnRates: roundedRates, budget };
}
