import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { isDemoMode } from "@/lib/auth/oidc";
import { systemCtx } from "@/lib/auth/require";
import { database } from "@/lib/db/client";
import { describeDatabase } from "@/lib/db/config";
import { EXCLUSIVE_WORK, runExclusively } from "@/lib/db/exclusive";
import { migrate } from "@/lib/db/migrate";
import { recomputeAllViolations } from "@/lib/compliance/evaluate";
import { seedDemoContractWork } from "@/lib/demo/contract-work";
import { startDeliveryWorker } from "@/lib/contracts/delivery-worker";
import { startAuditChainer } from "@/lib/audit/chainer";
import { seedDemoEstate } from "@/lib/demo/seed";
import { lintUnlintedInBackground } from "@/lib/governance/after-import";
import { prepareDemoAgent } from "@/lib/demo/traffic-agent";
import { startHealthWorker } from "@/lib/health/worker";
import { logger } from "@/lib/log";

/** Runs once per server process before it serves: migrate, then (demo mode) load the demo estate into an empty database. */
export async function boot(): Promise<void> {
  const { driver, prisma, config } = database();
  logger.info({ database: describeDatabase(config) }, "opening database");
  const applied = await migrate(driver);
  if (applied.length) logger.info({ applied }, "applied migrations");
  if (isDemoMode()) {
    const started = performance.now();
    logger.info({ step: "demo" }, "loading the demo estate (empty database only)");
    const result = await seedDemoEstate(prisma, (tx, counts) =>
      recordAudit(tx, systemCtx("demo-seed"), { action: "demo.seed", entityType: "estate", after: counts }),
    );
    if (result.seeded) logger.info({ counts: result.counts, ms: Math.round(performance.now() - started) }, "loaded the demo estate");
    if (result.seeded) await seedDemoContractWork(prisma).catch((error: unknown) => logger.error({ err: error }, "could not add the demo contract work in progress"));
  }
  await recomputeViolationsAtBoot(prisma);
  await startHealthWorker();
  if (isDemoMode()) {
    // npm start runs the agent once the server answers; a failure here leaves the demo without traffic, not broken.
    const agent = await prepareDemoAgent(prisma).catch((error: unknown) => logger.error({ err: error }, "could not prepare the demo connector agent"));
    if (agent?.configFile) logger.info(agent, "demo connector agent configured");
  }
  lintUnlintedInBackground(systemCtx("governance"));
  startDeliveryWorker();
  startAuditChainer(prisma);
}

// Instances started together take turns: two concurrent full recomputes would insert the same new violations.
async function recomputeViolationsAtBoot(prisma: ReturnType<typeof database>["prisma"]) {
  const outcome = await runExclusively(EXCLUSIVE_WORK.bootViolations, () => recomputeAllViolations(prisma), { wait: true });
  if (outcome.ran) logger.info(outcome.result, "re-evaluated the compliance policies");
}
