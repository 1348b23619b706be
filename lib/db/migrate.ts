import { createHash, randomUUID } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Driver } from "./driver";

export const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

// Any constant works; it only has to be the same for every instance of the server.
const MIGRATION_LOCK_KEY = 7_142_020_001;

export type Migration = { name: string; sql: string; checksum: string };

/** Reads prisma/migrations/<timestamp>_<name>/migration.sql in name order, the layout `prisma migrate` uses. */
export async function readMigrations(dir = MIGRATIONS_DIR): Promise<Migration[]> {
  // The migrations are read at run time from the checkout, not bundled or traced.
  const entries = await readdir(/*turbopackIgnore: true*/ dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory()).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(/*turbopackIgnore: true*/ path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    }),
  );
}

// The same table `prisma migrate deploy` keeps, so either tool can take over from the other.
const CREATE_MIGRATIONS_TABLE = `
CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
  "id" VARCHAR(36) PRIMARY KEY NOT NULL,
  "checksum" VARCHAR(64) NOT NULL,
  "finished_at" TIMESTAMPTZ,
  "migration_name" VARCHAR(255) NOT NULL,
  "logs" TEXT,
  "rolled_back_at" TIMESTAMPTZ,
  "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
  "applied_steps_count" INTEGER NOT NULL DEFAULT 0
)`;

type AppliedRow = { migration_name: string; checksum: string; finished_at: Date | null; rolled_back_at: Date | null };

export type MigrationStatus = { applied: string[]; pending: string[]; problems: string[] };

export async function migrationStatus(driver: Pick<Driver, "query">, migrations?: Migration[]): Promise<MigrationStatus> {
  const all = migrations ?? (await readMigrations());
  const [{ exists }] = await driver.query<{ exists: boolean }>(`SELECT to_regclass('"_prisma_migrations"') IS NOT NULL AS "exists"`);
  const rows = exists
    ? await driver.query<AppliedRow>(
        `SELECT migration_name, checksum, finished_at, rolled_back_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
      )
    : [];
  const byName = new Map(rows.map((r) => [r.migration_name, r]));
  const problems: string[] = [];
  for (const row of rows) {
    const local = all.find((m) => m.name === row.migration_name);
    if (!local) problems.push(`migration ${row.migration_name} is applied to the database but missing from prisma/migrations`);
    else if (local.checksum !== row.checksum) problems.push(`migration ${row.migration_name} was edited after it was applied`);
    else if (!row.finished_at) problems.push(`migration ${row.migration_name} started but did not finish`);
  }
  return {
    applied: all.filter((m) => byName.has(m.name)).map((m) => m.name),
    pending: all.filter((m) => !byName.has(m.name)).map((m) => m.name),
    problems,
  };
}

/**
 * Applies all pending migrations in one transaction together with their `_prisma_migrations` rows, so a
 * failing migration leaves the database as it was. An advisory lock keeps concurrent servers from racing.
 */
export async function migrate(driver: Driver, dir = MIGRATIONS_DIR): Promise<string[]> {
  const migrations = await readMigrations(dir);
  await driver.exec(CREATE_MIGRATIONS_TABLE);
  return driver.transaction(async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1)`, [MIGRATION_LOCK_KEY]);
    const status = await migrationStatus(tx, migrations);
    if (status.problems.length) throw new Error(`Cannot migrate: ${status.problems.join("; ")}`);
    const applied: string[] = [];
    for (const migration of migrations.filter((m) => status.pending.includes(m.name))) {
      try {
        await tx.exec(migration.sql);
        await tx.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), migration.checksum, migration.name],
        );
      } catch (error) {
        throw new Error(`Migration ${migration.name} failed: ${(error as Error).message}`, { cause: error });
      }
      applied.push(migration.name);
    }
    return applied;
  });
}
