import "server-only";
import { database } from "./client";
import { describeDatabase } from "./config";
import { logger } from "@/lib/log";
import { migrationStatus, readMigrations, type Migration } from "./migrate";

import type { PublicServiceStatus, ServiceStatus } from "./status-schema";

/**
 * The migrations this server was deployed with, read once: load balancers probe the health route every few seconds,
 * and reading and hashing every migration file on each probe made the probe cost more than the requests it guards.
 */
let deployed: Promise<Migration[]> | undefined;
const deployedMigrations = () => (deployed ??= readMigrations().catch((error: unknown) => {
  deployed = undefined;
  throw error;
}));

/** GET /api/v1/health: the database answers and every migration in prisma/migrations is applied. */
export async function serviceStatus(): Promise<ServiceStatus> {
  const { driver, config } = database();
  try {
    await driver.query("SELECT 1");
  } catch (error) {
    // The details (host, driver message) go to the log, not to this unauthenticated endpoint.
    logger.error({ err: error, database: describeDatabase(config) }, "health check: database unreachable");
    return {
      status: "degraded",
      database: { reachable: false, kind: config.kind, error: "The database does not answer; see the server log" },
      migrations: { current: false, applied: 0, pending: [], problems: ["database unreachable"] },
    };
  }
  const migrations = await migrationStatus(driver, await deployedMigrations());
  const current = migrations.pending.length === 0 && migrations.problems.length === 0;
  return {
    status: current ? "ok" : "degraded",
    database: { reachable: true, kind: config.kind },
    migrations: { current, applied: migrations.applied.length, pending: migrations.pending, problems: migrations.problems },
  };
}

/** The unauthenticated probe's answer: the verdict only; why it is degraded goes to the server log. */
export async function publicServiceStatus(): Promise<PublicServiceStatus> {
  const status = await serviceStatus();
  if (status.status !== "ok") logger.warn({ database: status.database, migrations: status.migrations }, "health check degraded");
  return { status: status.status };
}
