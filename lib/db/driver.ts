import { mkdirSync } from "node:fs";
import { PGlite, type PGliteOptions, type Transaction } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import pg from "pg";
import { logger } from "@/lib/log";
import type { DatabaseConfig } from "./config";

/** The raw SQL surface the migration runner, health check and tests need, over either driver. */
export type Driver = {
  kind: DatabaseConfig["kind"];
  adapter: PrismaPg | PrismaPGlite;
  /** Runs one or more statements without parameters (a migration file). */
  exec(sql: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  /** Runs `work` on one connection inside BEGIN/COMMIT, rolling back on error. */
  transaction<T>(work: (tx: Pick<Driver, "exec" | "query">) => Promise<T>): Promise<T>;
  /**
   * Embedded only: runs `sql` (statements that may include one `COPY ... FROM '/dev/blob'`, which reads `data`) in the
   * transaction that is open now, whichever client opened it (Prisma's included). PGlite runs one transaction at a
   * time, so that is the caller's own; with none open this throws.
   */
  copyInOpenTransaction?(sql: string, data: string): Promise<void>;
  close(): Promise<void>;
};

export function openDriver(config: DatabaseConfig): Driver {
  if (config.kind === "postgres") return openPostgres(config.url);
  if (config.dataDir) mkdirSync(config.dataDir, { recursive: true });
  return embeddedDriver(new PGlite({ ...EMBEDDED_OPTIONS, dataDir: config.dataDir ?? undefined }));
}

/** Extensions the migrations create must be bundled into PGlite when it starts. */
export const EMBEDDED_OPTIONS: PGliteOptions = { extensions: { pg_trgm } };

function openPostgres(url: string): Driver {
  const pool = new pg.Pool({ connectionString: url, max: Number(process.env.DATABASE_POOL_SIZE ?? 10) });
  // An idle connection the server closes (restart, failover, a dropped database) is an 'error' on the pool; without
  // a listener it would end the process. The pool replaces the connection on the next query.
  pool.on("error", (error) => logger.warn({ err: error }, "an idle database connection was closed by the server"));
  const query = async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
    (await pool.query(sql, params)).rows as T[];
  return {
    kind: "postgres",
    adapter: new PrismaPg(pool),
    exec: async (sql) => void (await pool.query(sql)),
    query,
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work({
          exec: async (sql) => void (await client.query(sql)),
          query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
            (await client.query(sql, params)).rows as T[],
        });
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

export function embeddedDriver(db: PGlite): Driver {
  // PGlite holds its transaction lock from BEGIN to COMMIT: at most one of these is open at any moment.
  let open: Transaction | undefined;
  const transaction = <T>(work: (tx: Transaction) => Promise<T>) =>
    db.transaction(async (tx) => {
      open = tx;
      try {
        return await work(tx);
      } finally {
        open = undefined;
      }
    });
  // Prisma's transactions go through the same wrapper; every other method is PGlite's own.
  const client = new Proxy(db, {
    get(target, property) {
      if (property === "transaction") return transaction;
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
  return {
    kind: "embedded",
    adapter: new PrismaPGlite(client),
    exec: async (sql) => void (await db.exec(sql)),
    query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
      (await db.query<T>(sql, params)).rows,
    async copyInOpenTransaction(sql, data) {
      if (!open) throw new Error("copyInOpenTransaction needs an open transaction");
      await open.exec(sql, { blob: new Blob([data]) });
    },
    transaction: (work) =>
      transaction((tx) =>
        work({
          exec: async (sql) => void (await tx.exec(sql)),
          query: async <T extends Record<string, unknown>>(sql: string, params?: unknown[]) =>
            (await tx.query<T>(sql, params)).rows,
        }),
      ),
    close: () => db.close(),
  };
}
