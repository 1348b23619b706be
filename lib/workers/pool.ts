import "server-only";
import os from "node:os";
import path from "node:path";
import { Piscina } from "piscina";
import { AppError, type ErrorCode } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";

/**
 * Spec parsing, diffing and governance linting run here, on worker threads, never on the thread that answers requests: a 20 MB
 * document takes seconds of CPU, and on the request thread it stalled every other request (health probes
 * dropped from 65 to 0.6 req/s). Each task has a time and memory budget; a task over it is terminated.
 */
export type PoolBudget = { timeoutMs: number; memoryMb: number; perUser: number; threads: number };

export function poolBudgetFromEnv(env = process.env): PoolBudget {
  return {
    timeoutMs: Number(env.PARSE_TIMEOUT_MS ?? 60_000),
    memoryMb: Number(env.PARSE_MEMORY_MB ?? 1024),
    perUser: Number(env.PARSE_CONCURRENCY_PER_USER ?? 2),
    threads: Number(env.PARSE_THREADS ?? Math.max(1, Math.min(4, os.availableParallelism() - 1))),
  };
}

type Task = "parseImportSet" | "diffDocuments" | "lintDocument";
export type WorkerAnswer<T> =
  | { ok: true; value: T }
  | { ok: false; kind: "ImportError" | "DiffInputError"; problems: unknown[] }
  | { ok: false; kind: "AppError"; code: ErrorCode; problems: string[] };

const holder = globalThis as typeof globalThis & { __interchangePool?: { pool: Piscina; budget: PoolBudget; running: Map<string, number> } };

function state() {
  if (!holder.__interchangePool) {
    const budget = poolBudgetFromEnv();
    const pool = new Piscina({
      // A real file path: Next's server bundles cannot be loaded by a worker, so the entry is plain .mjs (see there).
      filename: path.join(process.cwd(), "lib", "workers", "parse-worker.mjs"),
      minThreads: 1,
      maxThreads: budget.threads,
      idleTimeout: 60_000,
      resourceLimits: { maxOldGenerationSizeMb: budget.memoryMb, maxYoungGenerationSizeMb: 64 },
    });
    holder.__interchangePool = { pool, budget, running: new Map() };
  }
  return holder.__interchangePool;
}

function callerKey(ctx: Ctx): string {
  return ctx.actor ? `user:${ctx.actor.id}` : ctx.agent ? `agent:${ctx.agent.id}` : `system:${ctx.requestId}`;
}

/**
 * Runs a task on the pool within its budget; at most `perUser` tasks per caller at a time (429 beyond). A task over
 * `documents` documents (an import set) gets the time budget of each: a CLI batch of many specs is one task.
 */
export async function runInPool<T>(ctx: Ctx, task: Task, args: unknown[], documents = 1): Promise<WorkerAnswer<T>> {
  const { pool, budget, running } = state();
  // Work the portal does on a caller's behalf (via "system": the governance lint queued after an import) neither
  // waits for nor counts against the caller's own parses: counted, it made the caller's next import a 429.
  const key = ctx.via === "system" ? null : callerKey(ctx);
  const mine = key ? (running.get(key) ?? 0) : 0;
  if (key && mine >= budget.perUser) {
    throw new AppError("RATE_LIMITED", `You already have ${mine} ${mine === 1 ? "document (or import batch)" : "documents (or import batches)"} being parsed; wait for them to finish`, { headers: { "Retry-After": "5" } });
  }
  if (key) running.set(key, mine + 1);
  try {
    return (await pool.run({ task, args }, { signal: AbortSignal.timeout(budget.timeoutMs * Math.max(1, documents)) })) as WorkerAnswer<T>;
  } catch (error) {
    if ((error as Error).name === "AbortError" || (error as Error).name === "TimeoutError") {
      const seconds = (budget.timeoutMs * Math.max(1, documents)) / 1000;
      throw new AppError("PAYLOAD_TOO_LARGE", documents > 1 ? `The ${documents} documents took longer than ${seconds} s to process and were stopped` : `The document took longer than ${seconds} s to process and was stopped`);
    }
    if ((error as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
      throw new AppError("PAYLOAD_TOO_LARGE", `The document needed more than ${budget.memoryMb} MB to process and was stopped`);
    }
    throw error;
  } finally {
    if (key) {
      const left = (running.get(key) ?? 1) - 1;
      if (left <= 0) running.delete(key);
      else running.set(key, left);
    }
  }
}

/** For tests and shutdown. */
export async function closePool(): Promise<void> {
  const current = holder.__interchangePool;
  holder.__interchangePool = undefined;
  await current?.pool.destroy();
}
