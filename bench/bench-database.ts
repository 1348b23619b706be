// A throwaway database for a bench: a database of its own on the PostgreSQL server (TEST_DATABASE_URL), or an
// embedded PGlite directory under .data/<appName> (where the bench's app, started with the same name, finds it).
// Set as the process's database; dropped, or its directory removed, by `drop`.
import { randomBytes } from "node:crypto";
import { rm } from "node:fs/promises";
import path from "node:path";
import pg from "pg";
import { openDatabase, setProcessDatabase, type Database } from "@/lib/db/client";

const SERVER = process.env.TEST_DATABASE_URL ?? "postgresql://root@127.0.0.1:5432/postgres";
const ROOT = path.resolve(import.meta.dirname, "..");

/** One statement on the server's maintenance database (CREATE or DROP DATABASE). */
export async function admin(sql: string) {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

export type BenchDatabase = {
  database: Database;
  /** The PostgreSQL database's URL; empty for the embedded database (the app opens .data/<appName>). */
  databaseUrl: string;
  /** Closes this process's connections, so the app can open the embedded database itself. */
  release(): Promise<void>;
  /** Closes the connections and drops the database or removes its directory. */
  drop(): Promise<void>;
};

export async function openBenchDatabase(kind: "postgres" | "embedded", appName: string): Promise<BenchDatabase> {
  const name = `ic_bench_${randomBytes(5).toString("hex")}`;
  const directory = path.join(ROOT, ".data", appName);
  let databaseUrl = "";
  if (kind === "postgres") {
    await admin(`CREATE DATABASE "${name}"`);
    const url = new URL(SERVER);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  } else {
    await rm(directory, { recursive: true, force: true });
  }
  const database = openDatabase(kind === "postgres" ? { kind, url: databaseUrl } : { kind, dataDir: path.join(directory, "pglite") });
  setProcessDatabase(database);
  const release = async () => {
    setProcessDatabase(undefined);
    await database.prisma.$disconnect().catch(() => undefined);
    await database.driver.close().catch(() => undefined);
  };
  return {
    database,
    databaseUrl,
    release,
    drop: async () => {
      await release();
      if (kind === "postgres") await admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      else await rm(directory, { recursive: true, force: true });
    },
  };
}
