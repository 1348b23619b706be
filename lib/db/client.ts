import { chainingAfterCommit } from "@/lib/audit/chainer";
import { PrismaClient } from "./generated/client";
import { databaseConfigFromEnv, type DatabaseConfig } from "./config";
import { openDriver, type Driver } from "./driver";

export type Db = PrismaClient;
export type Database = { prisma: PrismaClient; driver: Driver; config: DatabaseConfig };

// Kept on globalThis: Next.js bundles instrumentation and routes separately, and two PGlite instances
// on one data directory would corrupt it.
const holder = globalThis as typeof globalThis & { __interchangeDatabase?: Database };

export function openDatabase(config: DatabaseConfig, driver: Driver = openDriver(config)): Database {
  // Audit events written in a transaction are chained right after it commits (lib/audit/chainer.ts).
  return { prisma: chainingAfterCommit(new PrismaClient({ adapter: driver.adapter })), driver, config };
}

/** The process-wide database, opened on first use from DATABASE_URL or DATA_DIR. */
export function database(): Database {
  holder.__interchangeDatabase ??= openDatabase(databaseConfigFromEnv());
  return holder.__interchangeDatabase;
}

/** Replaces the process-wide database (tests open their own). */
export function setProcessDatabase(db: Database | undefined): void {
  holder.__interchangeDatabase = db;
}

export function db(): PrismaClient {
  return database().prisma;
}

export async function closeDatabase(): Promise<void> {
  const current = holder.__interchangeDatabase;
  holder.__interchangeDatabase = undefined;
  if (current) {
    await current.prisma.$disconnect();
    await current.driver.close();
  }
}
