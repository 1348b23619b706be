import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { EXCLUSIVE_WORK, runExclusively } from "@/lib/db/exclusive";
import { logger } from "@/lib/log";
import { requestScoreSnapshot, startScoreSnapshots } from "@/lib/scorecards/data";
import { holdPending, lintImported, lintUnlinted } from "./data";

/** How long an import's answer waits for its rules (GOVERNANCE_IMPORT_WAIT_MS); after that they finish in the background. */
export function importLintWaitMs(env: NodeJS.ProcessEnv = process.env): number {
  const ms = Number(env.GOVERNANCE_IMPORT_WAIT_MS);
  return Number.isFinite(ms) && ms >= 0 ? ms : 2000;
}

// Imports under way in this process. Queued lints wait for them: Spectral on a large spec holds the thread for
// seconds, and a folder of hundreds of files would otherwise be linted file by file in between its own writes.
let importsRunning = 0;
let lastImportEnded = 0;
let importsIdle: { promise: Promise<void>; resolve: () => void } | undefined;
// A folder sent in several requests leaves moments with no import running (the next request's body, up to 16 MB, is
// still being read and checked); a lint started in one held the only parse thread while the next batch waited (the
// Microsoft Graph spec's lint takes 25 s). Lints wait for this much quiet.
const IMPORT_QUIET_MS = 5000;

/** Whether an import other than the caller's own is under way (the caller runs inside duringImport). */
export function otherImportsRunning(): boolean {
  return importsRunning > 1;
}

/** Runs an import; queued governance runs start only once no import has run for a few seconds. */
export async function duringImport<T>(run: () => Promise<T>): Promise<T> {
  importsRunning++;
  try {
    return await run();
  } finally {
    importsRunning--;
    if (importsRunning === 0) {
      lastImportEnded = performance.now();
      importsIdle?.resolve();
      importsIdle = undefined;
    }
  }
}

function noImportRunning(): Promise<void> {
  if (importsRunning === 0) return Promise.resolve();
  if (!importsIdle) {
    let resolve!: () => void;
    const promise = new Promise<void>((r) => (resolve = r));
    importsIdle = { promise, resolve };
  }
  return importsIdle.promise;
}

/** Resolves once no import has been running for IMPORT_QUIET_MS. */
async function importsQuiet(): Promise<void> {
  for (;;) {
    await noImportRunning();
    const quietFor = performance.now() - lastImportEnded;
    if (importsRunning === 0 && quietFor >= IMPORT_QUIET_MS) return;
    await new Promise((resolve) => setTimeout(resolve, IMPORT_QUIET_MS - quietFor));
  }
}

type Queued = { ctx: Ctx; interfaceIds: string[]; release: () => void };
const queue: Queued[] = [];
let draining = false;

async function drain() {
  if (draining) return;
  draining = true;
  try {
    for (let next = queue.shift(); next; next = queue.shift()) {
      try {
        // Waited for before each version, not once per queued batch, which then ran through the imports that followed
        // (Spectral on the 20 MB Microsoft Graph spec alone takes about 25 s of the parse thread).
        await lintImported(next.ctx, next.interfaceIds, importsQuiet);
        requestScoreSnapshot();
      } catch (error) {
        logger.error({ err: error, requestId: next.ctx.requestId }, "queued governance run failed");
      } finally {
        next.release();
      }
    }
  } finally {
    draining = false;
  }
}

/** Lints the interfaces later, one queued import at a time and never while an import is running; the pages say so until done. */
export function queueGovernance(ctx: Ctx, interfaceIds: readonly string[]): string[] {
  const ids = [...new Set(interfaceIds)];
  if (ids.length === 0) return [];
  queue.push({ ctx, interfaceIds: ids, release: holdPending(ids) });
  void drain();
  return [`governance: the rules are queued for ${ids.length} interface(s) and run once the import is done; their findings appear on the interface page`];
}

/** Governance runs not yet finished (queued or running), e.g. for a benchmark to wait on. */
export function governanceBacklog(): number {
  return queue.reduce((sum, q) => sum + q.interfaceIds.length, 0) + (draining ? 1 : 0);
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
