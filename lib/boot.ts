import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { isDemoMode } from "@/lib/auth/oidc";
import { systemCtx } from "@/lib/auth/require";
import { database } from "@/lib/db/client";
import { describeDatabase } from "@/lib/db/config";
import { migrate } from "@/lib/db/migrate";
import { recomputeAllViolations } from "@/lib/compliance/evaluate";
import { startDeliveryWorker } from "@/lib/contracts/delivery-worker";
import { seedDemoEstate } from "@/lib/demo/seed";
import { startHealthWorker } from "@/lib/health/worker";
import { logger } from "@/lib/log";

/** Runs once per server process before it serves: migrate, then (demo mode) load the demo estate into an empty database. */
export async function boot(): Promise<void> {
  const { driver, prisma, config } = database();
  logger.info({ database: describeDatabase(config) }, "opening database");
  const applied = await migrate(driver);
  if (applied.length) logger.info({ applied }, "applied migrations");
  if (isDemoMode()) {
    const result = await seedDemoEstate(prisma, (tx, counts) =>
      recordAudit(tx, systemCtx("demo-seed"), { action: "demo.seed", entityType: "estate", after: counts }),
    );
    if (result.seeded) logger.info({ counts: result.counts }, "loaded the demo estate");
  }
  await recomputeViolationsAtBoot(prisma);
  await startHealthWorker();
  startDeliveryWorker();
}

async function recomputeViolationsAtBoot(prisma: ReturnType<typeof database>["prisma"]) {
  const result = await recomputeAllViolations(prisma);
  logger.info(result, "re-evaluated the compliance policies");
}
