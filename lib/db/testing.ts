import { createHash, randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { openDatabase, type Database } from "./client";
import { EMBEDDED_OPTIONS, embeddedDriver } from "./driver";
import { migrate, readMigrations } from "./migrate";

export type TestDatabase = Database & { dispose(): Promise<void> };

/**
 * A fresh, migrated database for one test file: a new database on the PostgreSQL server named by
 * TEST_DATABASE_URL, or else an in-memory PGlite restored from a cached migrated snapshot (fast).
 * `embedded: true` forces PGlite, for tests of the embedded path itself.
 */
export async function openTestDatabase(options: { embedded?: boolean } = {}): Promise<TestDatabase> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl && !options.embedded) return openOnServer(serverUrl);
  return openEmbedded();
}

async function openOnServer(serverUrl: string): Promise<TestDatabase> {
  const name = `ic_test_${randomBytes(6).toString("hex")}`;
  await runAsAdmin(serverUrl, `CREATE DATABASE "${name}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const database = openDatabase({ kind: "postgres", url: url.toString() });
  await migrate(database.driver);
  return {
    ...database,
    async dispose() {
      await database.prisma.$disconnect();
      await database.driver.close();
      await runAsAdmin(serverUrl, `DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    },
  };
}

async function runAsAdmin(serverUrl: string, sql: string) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function openEmbedded(): Promise<TestDatabase> {
  const pglite = new PGlite({ ...EMBEDDED_OPTIONS, loadDataDir: await migratedSnapshot() });
  await pglite.waitReady;
  const database = openDatabase({ kind: "embedded", dataDir: null }, embeddedDriver(pglite));
  return {
    ...database,
    async dispose() {
      await database.prisma.$disconnect();
      await database.driver.close();
    },
  };
}

/** Migrating PGlite from scratch takes seconds; restoring a snapshot keyed by the migrations' checksums does not. */
async function migratedSnapshot(): Promise<Blob> {
  const migrations = await readMigrations();
  const key = createHash("sha256").update(migrations.map((m) => m.checksum).join()).digest("hex").slice(0, 16);
  const file = path.join(os.tmpdir(), "interchange-test-snapshots", `${key}.tar.gz`);
  if (existsSync(file)) return new Blob([await readFile(file)]);
  const pglite = new PGlite(EMBEDDED_OPTIONS);
  await migrate(embeddedDriver(pglite));
  const dump = await pglite.dumpDataDir("gzip");
  await pglite.close();
  await mkdir(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}`;
  await writeFile(partial, Buffer.from(await dump.arrayBuffer()));
  await rename(partial, file);
  return dump;
}
