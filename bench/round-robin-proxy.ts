// A small load balancer for bench/scale-out.ts: passes each request to the next upstream in turn (round robin) over
// kept-alive connections, streams bodies both ways, and counts what each upstream served. Upstreams can be changed
// while it runs, as a load balancer's pool is when an instance is added.
import http from "node:http";

export type RoundRobinProxy = {
  base: string;
  setUpstreams(bases: string[]): void;
  /** Requests answered per upstream since the last reset, and requests that got no answer (502). */
  served(): { byUpstream: Record<string, number>; failed: number };
  resetCounts(): void;
  close(): Promise<void>;
};

export async function startRoundRobinProxy(port: number): Promise<RoundRobinProxy> {
  let upstreams: URL[] = [];
  let next = 0;
  let counts: Record<string, number> = {};
  let failed = 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const server = http.createServer((req, res) => {
    if (!upstreams.length) {
      res.writeHead(503).end("no upstream");
      return;
    }
    const target = upstreams[next++ % upstreams.length];
    const upstream = http.request(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host }, agent },
      (answer) => {
        counts[target.origin] = (counts[target.origin] ?? 0) + 1;
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", (error) => {
      failed += 1;
      if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
      res.end(`upstream ${target.origin} failed: ${error.message}`);
    });
    req.pipe(upstream);
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    base: `http://127.0.0.1:${port}`,
    setUpstreams(bases) {
      upstreams = bases.map((b) => new URL(b));
    },
    served: () => ({ byUpstream: { ...counts }, failed }),
    resetCounts() {
      counts = {};
      failed = 0;
    },
    close: () =>
      new Promise((resolve) => {
        agent.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
