import { setTimeout as sleep } from "node:timers/promises";

// PostgreSQL's deadlock_detected and serialization_failure, and Prisma's name for either.
const RETRYABLE_SQLSTATES = new Set(["40P01", "40001"]);

/** True when the database aborted the transaction only because it collided with another one: running it again is safe. */
export function isTransactionConflict(error: unknown): boolean {
  const e = error as { code?: string; meta?: { code?: string; driverAdapterError?: { cause?: { originalCode?: string } } }; cause?: unknown } | null;
  if (!e || typeof e !== "object") return false;
  // Prisma calls a conflict P2034; through a driver adapter a raw query's conflict is P2010 with the SQLSTATE inside.
  const sqlstates = [e.code, e.meta?.code, e.meta?.driverAdapterError?.cause?.originalCode];
  if (e.code === "P2034" || sqlstates.some((code) => RETRYABLE_SQLSTATES.has(code ?? ""))) return true;
  return e.cause !== undefined && e.cause !== error && isTransactionConflict(e.cause);
}

/**
 * Runs a whole transaction again when PostgreSQL aborts it for a deadlock or a serialization failure (concurrent
 * imports maintain shared rows, such as the catalog's facet counts, in different orders). Each attempt starts from
 * scratch, so `run` must be the entire transaction; after `attempts` collisions the last error is thrown.
 */
export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !isTransactionConflict(error)) throw error;
      await sleep(25 * 2 ** attempt * (0.5 + Math.random()));
    }
  }
}
