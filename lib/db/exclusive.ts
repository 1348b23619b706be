import { database } from "./client";

/**
 * Advisory lock keys of work that must run in one place at a time across every server instance on the database.
 * (Evaluation, imports, the audit chain, migrations, the demo seed and scorecard snapshots keep theirs beside their
 * code: 7_142_020_001-016 and 101.)
 */
export const EXCLUSIVE_WORK = {
  /** The full policy re-evaluation every instance runs at boot. */
  bootViolations: 7_142_020_020,
  /** Linting interface versions that have no governance run yet, at boot. */
  bootLint: 7_142_020_021,
} as const;

export type ExclusiveOutcome<T> = { ran: true; result: T } | { ran: false };

// Work of this process by key: the embedded database has one process, and a process never races itself.
const running = new Map<number, Promise<unknown>>();

/**
 * Runs `work` while holding a PostgreSQL advisory lock, so no two instances run it at the same time. The lock is
 * transaction-scoped on a connection of its own, held while `work` runs on others, and released by the database if
 * this process dies. With `wait: false` (the default) an instance that finds the lock taken skips the work and gets
 * `{ ran: false }`; with `wait: true` it runs after the holder is done. On the embedded database (one process) only
 * the in-process guard applies.
 */
export async function runExclusively<T>(key: number, work: () => Promise<T>, options: { wait?: boolean } = {}): Promise<ExclusiveOutcome<T>> {
  const wait = options.wait ?? false;
  const local = running.get(key);
  if (local) {
    if (!wait) return { ran: false };
    await local.catch(() => undefined);
    return runExclusively(key, work, options);
  }
  const { driver } = database();
  const attempt: Promise<ExclusiveOutcome<T>> =
    driver.kind === "embedded"
      ? work().then((result) => ({ ran: true, result }))
      : driver.transaction(async (tx) => {
          const [{ locked }] = await tx.query<{ locked: boolean }>(
            wait ? `SELECT pg_advisory_xact_lock($1::bigint) IS NOT NULL AS locked` : `SELECT pg_try_advisory_xact_lock($1::bigint) AS locked`,
            [key],
          );
          if (!locked) return { ran: false } as const;
          return { ran: true, result: await work() } as const;
        });
  running.set(key, attempt);
  try {
    return await attempt;
  } finally {
    running.delete(key);
  }
}
