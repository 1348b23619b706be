// HTTP synthetic probe: requests each target every `probeEvery` and reports, per window,
//   delivered  probes answered with an expected status (default: 2xx and 3xx)
//   failed     probes that failed: other statuses, timeouts, refused connections
//   latencyMs  p50/p95/p99 of the answered probes' response times (headers and body read)
// Availability is delivered / (delivered + failed). The URL is the operator's own configuration; only
// http: and https: are accepted, and redirects are not followed (a 3xx is an answer).
import { flowRef, type HttpConnectorConfig } from "../config";
import { latencyPercentiles, type Reading, type Window } from "../window";
import { StatusTracker, type Connector } from "./types";

type Probe = { at: number; ok: boolean; latencyMs?: number };
type Target = HttpConnectorConfig["targets"][number];

const MAX_PROBES_KEPT = 10_000;

export async function probeOnce(target: Target, fetchImpl: typeof fetch = fetch): Promise<{ ok: boolean; latencyMs?: number; error?: string }> {
  const url = new URL(target.url);
  if (url.protocol !== "http:" && url.protocol !== "https:") return { ok: false, error: `refusing ${url.protocol} URL` };
  const started = performance.now();
  try {
    const response = await fetchImpl(url, { method: target.method, redirect: "manual", signal: AbortSignal.timeout(target.timeout), headers: { "user-agent": "interchange-agent probe" } });
    await response.arrayBuffer();
    const latencyMs = performance.now() - started;
    const ok = target.expectStatus ? target.expectStatus.includes(response.status) : response.status >= 200 && response.status < 400;
    return ok ? { ok, latencyMs } : { ok, latencyMs, error: `answered ${response.status}` };
  } catch (error) {
    return { ok: false, error: (error as Error).name === "TimeoutError" ? `no answer within ${target.timeout} ms` : ((error as Error).cause as Error | undefined)?.message ?? (error as Error).message };
  }
}

export function httpProbeConnector(config: HttpConnectorConfig, fetchImpl: typeof fetch = fetch): Connector {
  const tracker = new StatusTracker(config.name, "http");
  const probes = new Map<string, Probe[]>(config.targets.map((t) => [t.url, []]));
  const inFlight = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  async function run(target: Target) {
    if (inFlight.has(target.url) || closed) return;
    inFlight.add(target.url);
    const result = await probeOnce(target, fetchImpl);
    // A probe belongs to the window in which it finished, so one still in flight at a boundary is not lost.
    const at = Date.now();
    inFlight.delete(target.url);
    if (result.ok) tracker.ok(target.url);
    else tracker.fail(target.url, result.error);
    const list = probes.get(target.url) as Probe[];
    list.push({ at, ok: result.ok, latencyMs: result.ok ? result.latencyMs : undefined });
    if (list.length > MAX_PROBES_KEPT) list.splice(0, list.length - MAX_PROBES_KEPT);
  }

  function start() {
    if (timer || closed) return;
    const all = () => void Promise.all(config.targets.map(run));
    all();
    timer = setInterval(all, config.probeEvery);
    timer.unref();
  }

  return {
    name: config.name,
    kind: "http",
    status: () => tracker.status(),
    /** Probing starts with the first collection; the first window therefore reports only what it saw. */
    async collect(window: Window): Promise<Reading[]> {
      start();
      const readings: Reading[] = [];
      for (const target of config.targets) {
        const list = probes.get(target.url) as Probe[];
        const inWindow = list.filter((p) => p.at >= window.start && p.at < window.end);
        probes.set(target.url, list.filter((p) => p.at >= window.end));
        if (inWindow.length === 0) continue;
        const latencyMs = latencyPercentiles(inWindow.flatMap((p) => (p.latencyMs === undefined ? [] : [p.latencyMs])));
        readings.push({
          ...flowRef(target),
          delivered: inWindow.filter((p) => p.ok).length,
          failed: inWindow.filter((p) => !p.ok).length,
          ...(latencyMs ? { latencyMs } : {}),
          notMeasured: ["lag"],
        });
      }
      return readings;
    },
    async close() {
      closed = true;
      if (timer) clearInterval(timer);
    },
  };
}
