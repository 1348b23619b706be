import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { EXCLUSIVE_WORK, runExclusively } from "@/lib/db/exclusive";
import { logger } from "@/lib/log";
import { requestScoreSnapshot, startScoreSnapshots } from "@/lib/scorecards/data";
import { lintImported, lintUnlinted } from "./data";

/** How long an import's answer waits for its rules (GOVERNANCE_IMPORT_WAIT_MS); after that they finish in the background. */
export function importLintWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.GOVERNANCE_IMPORT_WAIT_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : 2000;
}

/**
 * The importer's one call after a file's versions are committed: lint them, ask for a scorecard snapshot, and return
 * lines for the import result. The import itself stands whatever happens here, so a failure becomes a line too.
 * When the rules take longer than importLintWaitMs, the import answers without them: the lint goes on, stores its
 * result, and the interface page says the rules are still running until then.
 */
export async function governImport(ctx: Ctx, interfaceIds: readonly string[], waitMs = importLintWaitMs()): Promise<string[]> {
  if (interfaceIds.length === 0) return [];
  const failed = (error: unknown) => {
    logger.error({ err: error, requestId: ctx.requestId }, "governance run after import failed");
    return [`governance: the rules could not be run (quote request id ${ctx.requestId}); the import itself succeeded`];
  };
  const lint = lintImported(ctx, interfaceIds).then((lines) => {
    requestScoreSnapshot();
    return lines;
  }, failed);
  const running = [`governance: the rules are still running for ${new Set(interfaceIds).size} interface(s); their findings appear on the interface page when done`];
  if (waitMs <= 0) return running;
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), waitMs);
    timer.unref?.();
  });
  const lines = await Promise.race([lint, late]);
  clearTimeout(timer);
  return lines ?? running;
}

/**
 * At boot, in the background: lints every interface's latest version that has no stored run (the demo estate,
 * versions stored before governance existed), then snapshots the scorecards; and starts the periodic scorecard
 * snapshot that records SLA health changes in the trend. Serving does not wait for either. With several instances,
 * one lints; the others skip it rather than lint the same versions twice.
 */
export function lintUnlintedInBackground(ctx: Ctx): void {
  runExclusively(EXCLUSIVE_WORK.bootLint, () => lintUnlinted(ctx))
    .then((outcome) => {
      if (!outcome.ran) return logger.info("another instance is linting the versions without a governance run; this one skips it");
      if (outcome.result) logger.info({ linted: outcome.result }, "linted interface versions without a governance run");
      requestScoreSnapshot(0);
    })
    .catch((error: unknown) => logger.error({ err: error }, "governance lint at boot failed"));
  startScoreSnapshots();
}
