import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { logger } from "@/lib/log";
import { requestScoreSnapshot } from "@/lib/scorecards/data";
import { lintImported, lintUnlinted } from "./data";

/**
 * The importer's one call after a file's versions are committed: lint them, ask for a scorecard snapshot, and return
 * lines for the import result. The import itself stands whatever happens here, so a failure becomes a line too.
 */
export async function governImport(ctx: Ctx, interfaceIds: readonly string[]): Promise<string[]> {
  if (interfaceIds.length === 0) return [];
  try {
    const lines = await lintImported(ctx, interfaceIds);
    requestScoreSnapshot();
    return lines;
  } catch (error) {
    logger.error({ err: error, requestId: ctx.requestId }, "governance run after import failed");
    return [`governance: the rules could not be run (quote request id ${ctx.requestId}); the import itself succeeded`];
  }
}

/**
 * At boot, in the background: lints every interface's latest version that has no stored run (the demo estate,
 * versions stored before governance existed), then snapshots the scorecards. Serving does not wait for it.
 */
export function lintUnlintedInBackground(ctx: Ctx): void {
  lintUnlinted(ctx)
    .then((count) => {
      if (count) logger.info({ linted: count }, "linted interface versions without a governance run");
      requestScoreSnapshot(0);
    })
    .catch((error: unknown) => logger.error({ err: error }, "governance lint at boot failed"));
}
