import { describe, expect, it } from "vitest";
import { CLOSE_AFTER_MINUTES, detectAnomalies, JUDGED_MINUTES, poissonLowerTail, stepHysteresis, type AnomalyState, type MinutePoint } from "./detect";
import { fitSeasonalModel, type SeasonalModel } from "./seasonal";

const MINUTE = 60_000;
const T0 = Date.parse("2026-12-07T10:00:00Z");

/** A seeded Poisson stream, so the test is the same every run. */
function stream(rate: number, count: number, seed = 1): number[] {
  let a = seed;
  const random = () => ((a = (a * 16807) % 2147483647) / 2147483647);
  return Array.from({ length: count }, () => {
    let k = 0;
    for (let p = random(), limit = Math.exp(-rate); p > limit; p *= random()) k += 1;
    return k;
  });
}

const points = (volumes: number[], from = T0): MinutePoint[] => volumes.map((volume, i) => ({ minute: from + i * MINUTE, volume, failed: 0, p95: 50 }));

function firstDayModel(rate: number): SeasonalModel {
  return fitSeasonalModel([], stream(rate, 60, 7), T0)!;
}

describe("anomaly detection at low volume", () => {
  it("catches a full stop of a 10 msg/min flow within 15 minutes, from its first hour of data", () => {
    const model = firstDayModel(10);
    const history = stream(10, 30, 3);
    const stopped = points([...history, ...new Array(15).fill(0)]);
    expect(detectAnomalies(model, stopped.slice(0, 30))).toEqual([]);
    expect(detectAnomalies(model, stopped)).toEqual([expect.objectContaining({ metric: "volume", direction: "low", value: expect.any(Number) })]);
  });

  it("does not flag ordinary Poisson wobble at 10 msg/min over a day of minutes", () => {
    const model = firstDayModel(10);
    const day = points(stream(10, 1440, 11));
    let flagged = 0;
    for (let end = 30; end <= day.length; end++) if (detectAnomalies(model, day.slice(end - 30, end)).length) flagged += 1;
    expect(flagged).toBe(0);
  });

  it("judges Poisson tails exactly for small counts", () => {
    expect(Math.exp(poissonLowerTail(0, 50))).toBeCloseTo(Math.exp(-50), 25);
    expect(Math.exp(poissonLowerTail(10, 10))).toBeCloseTo(0.583, 3);
  });

  it("flags a failure burst and a latency jump", () => {
    const model = { ...firstDayModel(100), failureRate: 0.001, latency: { median: 50, mad: 5 } };
    const bad = points(stream(100, 30, 5)).map((p, i) => (i >= 25 ? { ...p, failed: 20, p95: 400 } : p));
    expect(detectAnomalies(model, bad).map((f) => f.metric).sort()).toEqual(["failure_rate", "latency_p95"]);
  });
});

describe("the minutes judged", () => {
  it("finds the same in the last JUDGED_MINUTES as in the whole hour, so the evaluator lays out only those", () => {
    const model = { ...firstDayModel(20), failureRate: 0.01, latency: { median: 50, mad: 5 } };
    let found = 0;
    for (let seed = 1; seed <= 200; seed++) {
      // Hours of ordinary minutes with a stop, a mild drop (only 30 minutes of it tell), a flood, failures or slow minutes
      // starting anywhere in them.
      const [kind, from] = [seed % 6, (seed * 7) % 60];
      const hour = points(stream(20, 60, seed)).map((p, i) =>
        i < from ? p : kind === 1 ? { ...p, volume: 0 } : kind === 2 ? { ...p, volume: p.volume * 4 } : kind === 3 ? { ...p, failed: Math.min(p.volume, 5) } : kind === 4 ? { ...p, p95: 400 } : kind === 5 ? { ...p, volume: Math.round(p.volume * 0.3) } : p,
      );
      const findings = detectAnomalies(model, hour);
      found += findings.length;
      expect(detectAnomalies(model, hour.slice(-JUDGED_MINUTES))).toEqual(findings);
    }
    expect(found).toBeGreaterThan(50);
  });
});

describe("hysteresis", () => {
  it("opens one incident for one fault and closes it after ten calm minutes", () => {
    const verdicts = [false, true, false, true, true, true, false, true, ...new Array(CLOSE_AFTER_MINUTES).fill(false)];
    let state: AnomalyState | undefined;
    const opens: number[] = [];
    verdicts.forEach((anomalous, i) => {
      const was = state?.open ?? false;
      state = stepHysteresis(state, T0 + i * MINUTE, anomalous);
      if (state.open && !was) opens.push(i);
    });
    expect(opens).toEqual([4]);
    expect(state!.open).toBe(false);
    // Judging the same minute twice (evaluations every 30 s) does not advance it.
    const again = stepHysteresis(state, state!.minute, true);
    expect(again).toBe(state);
  });
});
