import "server-only";
import { database } from "./client";
import { describeDatabase } from "./config";
import { migrationStatus } from "./migrate";

import type { ServiceStatus } from "./status-schema";

/** GET /api/v1/health: the database answers and every migration in prisma/migrations is applied. */
export async function serviceStatus(): Promise<ServiceStatus> {
  const { driver, config } = database();
  try {
    await driver.query("SELECT 1");
  } catch (error) {
    return {
      status: "degraded",
      database: { reachable: false, kind: config.kind, error: `${describeDatabase(config)}: ${(error as Error).message}` },
      migrations: { current: false, applied: 0, pending: [], problems: ["database unreachable"] },
    };
  }
  const migrations = await migrationStatus(driver);
  const current = migrations.pending.length === 0 && migrations.problems.length === 0;
  return {
    status: current ? "ok" : "degraded",
    database: { reachable: true, kind: config.kind },
    migrations: { current, applied: migrations.applied.length, pending: migrations.pending, problems: migrations.problems },
  };
}
