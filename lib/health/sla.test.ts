import { describe, expect, it } from "vitest";
import { burnRate, burnRates, DEFAULT_SLA, errorBudget, evaluateFlow, readSla, seconds, type FlowObservation } from "./sla";

const now = new Date("2026-11-22T10:00:30Z");
const healthy = (over: Partial<FlowObservation> = {}): FlowObservation => ({
  lastMinute: new Date("2026-11-22T10:00:00Z"),
  windows: { "5m": { good: 500, bad: 0 }, "30m": { good: 3000, bad: 0 }, "1h": { good: 6000, bad: 0 }, "6h": { good: 36000, bad: 0 } },
  budget: { good: 1_000_000, bad: 100 },
  lagSeconds: 2,
  p95Ms: 80,
  p99Ms: 150,
  volumePerMinute: 100,
  ...over,
});

describe("readSla", () => {
  it("reads the contracts feature's names and falls back to defaults for what is missing", () => {
    const { sla, source } = readSla({ freshnessMaxLagSeconds: 60, deliverySuccessPct: 99.9, latencyP95Ms: 200, volumePerMinute: { min: 10 } });
    expect(source).toBe("contract");
    expect(sla).toMatchObject({ freshnessMaxLagSeconds: 60, deliverySuccessPct: 99.9, latencyP95Ms: 200, latencyP99Ms: null, volumePerMinute: { min: 10, max: null } });
    expect(readSla({})).toEqual({ sla: DEFAULT_SLA, source: "defaults" });
    expect(readSla(null).source).toBe("defaults");
  });

  it.each([
    [{ freshness: "PT5M" }, "freshnessMaxLagSeconds", 300],
    [{ freshnessSeconds: "90s" }, "freshnessMaxLagSeconds", 90],
    [{ deliverySuccessPct: 0.995 }, "deliverySuccessPct", 99.5],
    [{ deliverySuccessPct: "99.9%" }, "deliverySuccessPct", 99.9],
    [{ latency: { p99: "2s" } }, "latencyP99Ms", 2000],
    [{ deliverySuccessPct: "lots" }, "deliverySuccessPct", DEFAULT_SLA.deliverySuccessPct],
  ])("reads %j tolerantly", (raw, key, expected) => {
    expect(readSla(raw).sla[key as "deliverySuccessPct"]).toBe(expected);
  });

  it("parses durations", () => {
    expect(seconds("1h")).toBe(3600);
    expect(seconds("P1DT1M")).toBe(86460);
    expect(seconds("soon")).toBeNull();
  });
});

describe("burn rates (SRE workbook multiwindow alerts)", () => {
  it("is the error rate over the allowed error rate", () => {
    expect(burnRate({ good: 990, bad: 10 }, 99)).toBeCloseTo(1);
    expect(burnRate({ good: 856, bad: 144 }, 99)).toBeCloseTo(14.4);
    expect(burnRate({ good: 0, bad: 0 }, 99)).toBeNull();
  });

  it("pages only when both the long and the short window burn at 14.4x, tickets at 6x over 6 h and 30 min", () => {
    const w = (r5: number, r30: number, r1h: number, r6h: number) => ({
      "5m": { good: 1000 - r5 * 10, bad: r5 * 10 },
      "30m": { good: 1000 - r30 * 10, bad: r30 * 10 },
      "1h": { good: 1000 - r1h * 10, bad: r1h * 10 },
      "6h": { good: 1000 - r6h * 10, bad: r6h * 10 },
    });
    expect(burnRates(w(15, 15, 15, 2), 99)).toMatchObject({ fastBurn: true, slowBurn: false });
    // A spike that already ended: the short window has recovered, so no page.
    expect(burnRates(w(0, 8, 15, 7), 99)).toMatchObject({ fastBurn: false, slowBurn: true });
    expect(burnRates(w(20, 1, 3, 1), 99)).toMatchObject({ fastBurn: false, slowBurn: false });
  });

  it("computes the remaining error budget", () => {
    expect(errorBudget({ good: 9990, bad: 10 }, 99.9, 30).remainingPct).toBeCloseTo(0);
    expect(errorBudget({ good: 9995, bad: 5 }, 99.9, 30).remainingPct).toBeCloseTo(50);
    expect(errorBudget({ good: 0, bad: 0 }, 99.9, 30).remainingPct).toBeNull();
  });

  it("does not call a budget spent on too little data: under a day of data, or a budget under one failure", () => {
    // 40 minutes at 10/min with one failure, 99.9 % target: 0.4 failures allowed.
    expect(errorBudget({ good: 399, bad: 1 }, 99.9, 30, 1)).toMatchObject({ remainingPct: null, enoughData: false, coverageHours: 1 });
    expect(errorBudget({ good: 99_990, bad: 10 }, 99.9, 30, 12)).toMatchObject({ remainingPct: null, enoughData: false });
    expect(errorBudget({ good: 99_990, bad: 10 }, 99.9, 30, 48)).toMatchObject({ enoughData: true });
    expect(errorBudget({ good: 99_990, bad: 10 }, 99.9, 30, 48).remainingPct).toBeCloseTo(90);
  });

  it("has the 1x over 3 days tier, confirmed over 6 h", () => {
    const counts = (bad: number) => ({ good: 1000 - bad, bad });
    const windows = { "5m": counts(0), "30m": counts(0), "1h": counts(0), "6h": counts(12), "3d": counts(11) };
    expect(burnRates(windows, 99)).toMatchObject({ steadyBurn: true, slowBurn: false, fastBurn: false });
    expect(burnRates({ ...windows, "6h": counts(5) }, 99).steadyBurn).toBe(false);
    expect(evaluateFlow(healthy({ windows }), DEFAULT_SLA, now)).toMatchObject({ status: "AT_RISK", reasons: [expect.stringMatching(/over 3 days .*ticket at 1x/)] });
  });
});

describe("evaluateFlow", () => {
  const sla = readSla({ freshnessMaxLagSeconds: 60, deliverySuccessPct: 99, latencyP95Ms: 200, volumePerMinute: { min: 10, max: 1000 } }).sla;

  it.each<[string, Partial<FlowObservation>, string, RegExp | null]>([
    ["healthy", {}, "OK", null],
    ["no telemetry", { lastMinute: null }, "NO_DATA", /no telemetry/],
    ["stale telemetry", { lastMinute: new Date("2026-11-22T09:40:00Z") }, "NO_DATA", /stale: no telemetry since 2026-11-22T09:41/],
    ["agent silent for 3.5 min", { lastMinute: new Date("2026-11-22T09:56:00Z") }, "NO_DATA", /its agent is silent/],
    [
      "producer stopped past its rhythm",
      { newestDeliveredAt: new Date("2026-11-22T09:58:00Z"), rhythm: { seconds: 83, source: "learnt" } },
      "BREACHED",
      /no message delivered for 150 s; the flow's learnt rhythm allows 83 s/,
    ],
    ["producer quiet within its rhythm", { newestDeliveredAt: new Date("2026-11-22T09:59:30Z"), rhythm: { seconds: 83, source: "learnt" } }, "OK", null],
    ["lag over freshness", { lagSeconds: 61 }, "BREACHED", /lag 61 s is over the SLA's 60 s/],
    ["lag near freshness", { lagSeconds: 55 }, "AT_RISK", /lag 55 s is near/],
    ["p95 over", { p95Ms: 250 }, "BREACHED", /p95 latency 250 ms/],
    ["volume under minimum", { volumePerMinute: 2 }, "BREACHED", /under the SLA's minimum 10/],
    [
      "fast burn",
      { windows: { "5m": { good: 80, bad: 20 }, "30m": { good: 900, bad: 100 }, "1h": { good: 800, bad: 200 }, "6h": { good: 36000, bad: 200 } } },
      "BREACHED",
      /burning 20x over 1 h/,
    ],
    [
      "slow burn",
      { windows: { "5m": { good: 93, bad: 7 }, "30m": { good: 93, bad: 7 }, "1h": { good: 93, bad: 7 }, "6h": { good: 93, bad: 7 } } },
      "AT_RISK",
      /ticket at 6x/,
    ],
    ["budget spent", { budget: { good: 100, bad: 10 } }, "AT_RISK", /error budget is spent/],
  ])("%s -> %s", (_name, over, status, reason) => {
    const result = evaluateFlow(healthy(over), sla, now);
    expect(result.status).toBe(status);
    if (reason) expect(result.reasons.join("; ")).toMatch(reason);
    else expect(result.reasons).toEqual([]);
  });

  it("reports the SLIs it judged", () => {
    const { sli, burnRates: rates } = evaluateFlow(healthy({ windows: { ...healthy().windows, "5m": { good: 495, bad: 5 } } }), sla, now);
    expect(sli).toMatchObject({ successPct5m: 99, lagSeconds: 2, latencyP95Ms: 80, volumePerMinute: 100, lastDataAt: "2026-11-22T10:00:00.000Z" });
    expect(rates["5m"]).toBeCloseTo(1);
  });
});
