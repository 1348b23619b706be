// The bench:diff peers, run in the same process run as our own diff (never cached): openapi-diff in a
// worker thread (so that a case it never finishes can be stopped) and @useoptic/optic through its CLI
// (`optic diff <base> <revision> --check --json`: exit 0 = checks pass, 1 with a JSON changelog = a
// breaking-change check failed, anything else = it could not read the pair).
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { Worker } from "node:worker_threads";

export type Verdict = { breaking: boolean; ms: number; error?: string };

const PEER_TIMEOUT_MS = Number(process.env.BENCH_DIFF_PEER_TIMEOUT_MS ?? 120_000);
let worker: Worker | undefined;
let nextId = 0;

/** One openapi-diff call; a call that outlives the timeout counts as a peer error. */
export async function openApiDiff(base: string, changed: string, format: "openapi3" | "swagger2" = "openapi3"): Promise<Verdict> {
  const started = performance.now();
  worker ??= new Worker(new URL("./diff-peer-worker.mjs", import.meta.url));
  const current = worker;
  const id = nextId++;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      current.removeListener("message", onMessage);
      void current.terminate();
      worker = undefined;
      resolve({ breaking: false, ms: performance.now() - started, error: `timeout after ${PEER_TIMEOUT_MS / 1000} s` });
    }, PEER_TIMEOUT_MS);
    const onMessage = (reply: { id: number; breaking: boolean; error?: string }) => {
      if (reply.id !== id) return;
      clearTimeout(timer);
      current.removeListener("message", onMessage);
      resolve({ breaking: reply.breaking, ms: performance.now() - started, ...(reply.error ? { error: reply.error } : {}) });
    };
    current.on("message", onMessage);
    current.postMessage({ id, base, changed, format });
  });
}

export async function stopPeers(): Promise<void> {
  await worker?.terminate();
  worker = undefined;
}

const OPTIC = path.resolve(import.meta.dirname, "../node_modules/@useoptic/optic/build/index.js");

/** Why optic cannot run here, or undefined when it can. */
export function opticUnavailable(): string | undefined {
  if (process.env.BENCH_DIFF_OPTIC === "0") return "skipped: BENCH_DIFF_OPTIC=0";
  if (!existsSync(OPTIC)) return "not installed (npm install -D @useoptic/optic)";
  return undefined;
}

/** One `optic diff --check` run, from an empty folder (no git repository or optic.yml to pick up), telemetry off. */
export function optic(baseFile: string, revisionFile: string): Promise<Verdict> {
  const started = performance.now();
  const cwd = mkdtempSync(path.join(os.tmpdir(), "bench-optic-"));
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [OPTIC, "diff", baseFile, revisionFile, "--check", "--json"],
      { cwd, timeout: PEER_TIMEOUT_MS, env: { ...process.env, OPTIC_TELEMETRY_LEVEL: "off", CI: "true" }, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const ms = performance.now() - started;
        rmSync(cwd, { recursive: true, force: true });
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        if (code === 0) return resolve({ breaking: false, ms });
        let json = false;
        try {
          json = typeof JSON.parse(stdout) === "object";
        } catch {
          json = false;
        }
        if (code === 1 && json) return resolve({ breaking: true, ms });
        resolve({ breaking: false, ms, error: (stderr || String(error?.message ?? "")).trim().split("\n").slice(-1)[0]?.slice(0, 160) || `exit ${code}` });
      },
    );
  });
}

/** Runs tasks with at most `limit` at once (optic spends most of its wall time waiting, not computing). */
export async function pooled<T, R>(items: T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await task(items[i]);
    }
  });
  await Promise.all(lanes);
  return results;
}
