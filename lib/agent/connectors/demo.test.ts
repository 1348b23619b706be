import { describe, expect, it } from "vitest";
import { parseAgentConfig } from "../config";
import { dailyRhythm, demoConnector, DemoConnectorConfig } from "./demo";

const config = (faults: unknown[] = []) =>
  DemoConnectorConfig.parse({ name: "demo", kind: "demo", flows: [{ flowId: "a", volumePerMinute: 600 }, { flowId: "b", volumePerMinute: 600 }, { flowId: "c", lagSeconds: 60 }], faults });
const window = (start: number) => ({ start, end: start + 15_000 });
const T0 = Date.UTC(2026, 11, 7, 14, 0, 0);

describe("demo connector", () => {
  it("is configured through agent.yaml like any connector", () => {
    const parsed = parseAgentConfig(`portal: {url: "http://localhost:3000"}\nconnectors:\n  - {name: demo, kind: demo, flows: [{flowId: x}], faults: [{kind: stale-feed, flowIds: [x], lasts: 10m}]}\n`);
    expect(parsed.connectors[0]).toMatchObject({ kind: "demo", faults: [{ kind: "stale-feed", lasts: 600_000 }] });
    expect(() => parseAgentConfig(`portal: {url: "http://localhost:3000"}\nconnectors:\n  - {name: demo, kind: demo, flows: [{flowId: x}], faults: [{kind: flood, flowIds: [x]}]}\n`)).toThrow(/\/connectors\/0\/faults\/0\/kind/);
  });

  it("follows a daily rhythm: the afternoon is busier than the night", async () => {
    expect(dailyRhythm(T0)).toBeCloseTo(1, 1);
    expect(dailyRhythm(T0 - 12 * 3_600_000)).toBeCloseTo(0.25, 1);
    const connector = demoConnector(config(), T0);
    const day = (await connector.collect(window(T0), T0))[0];
    const night = (await connector.collect(window(T0 - 12 * 3_600_000), T0))[0];
    expect(day.delivered).toBeGreaterThan(night.delivered * 2);
    expect(day.failed).toBe(0);
  });

  it("injects the scheduled faults while they last, then recovers", async () => {
    const faults = [
      { kind: "failing-consumer", flowIds: ["a"], startsAfter: "1m", lasts: "10m", every: "1h" },
      { kind: "stale-feed", flowIds: ["c"], startsAfter: "1m", lasts: "10m", every: "1h", staleBy: "2h" },
      { kind: "latency-regression", flowIds: ["b"], downstream: ["a"], startsAfter: "1m", lasts: "10m", every: "1h", factor: 10 },
    ];
    const connector = demoConnector(config(faults), T0);
    const before = await connector.collect(window(T0), T0);
    const during = await connector.collect(window(T0 + 5 * 60_000), T0);
    const after = await connector.collect(window(T0 + 20 * 60_000), T0);
    const a = (r: typeof before) => r.find((x) => x.flowId === "a")!;
    const b = (r: typeof before) => r.find((x) => x.flowId === "b")!;
    const c = (r: typeof before) => r.find((x) => x.flowId === "c")!;
    expect(a(before).failed).toBe(0);
    expect(a(during).failed / (a(during).failed + a(during).delivered)).toBeGreaterThan(0.2);
    expect(a(after).failed).toBe(0);
    expect(b(during).latencyMs!.p95).toBeGreaterThan(b(before).latencyMs!.p95 * 5);
    expect(c(before).lagSeconds).toBe(60);
    expect(c(during).delivered).toBe(0);
    expect(c(during).lagSeconds).toBeGreaterThan(7200);
    expect(connector.status()).toEqual({ name: "demo", kind: "demo", status: "OK" });
  });
});
