import path from "node:path";
import { MAX_FILES_PER_REQUEST, type ImportFileResult, type ImportResponse } from "../../catalog/import/schemas";
import { collectSpecFiles, planBatches, readSpec, type BatchLimits, type SpecFile } from "../files";
import { formatSummary, toJsonOutput } from "../format";
import { apiRequest, CliError, type Connection } from "../http";

export type ImportOptions = { json?: boolean; sync?: string; team?: string; system?: string; domain?: string };

/** How the files travel: requests of at most `batch` files/bytes, `inFlight` requests at once. */
export type SendOptions = Pick<ImportOptions, "team" | "system" | "domain"> & {
  /** Catalog-as-code root: retirement runs with the last request, against every file of the run. */
  syncRoot?: string;
  batch?: BatchLimits;
  inFlight?: number;
  /** Called as each request is answered, in the order they are answered. */
  onBatch?: (batch: { index: number; count: number; files: number; bytes: number; results: ImportFileResult[] }) => void;
};

export type SendResult = { results: ImportFileResult[]; retired: ImportResponse["retired"]; retireError?: string };

// Files that refer to each other resolve only within one request: a folder goes whole when it fits.
const CLI_BATCH: BatchLimits = { maxBytes: 16 * 1024 * 1024, maxFiles: MAX_FILES_PER_REQUEST };
// Two requests at once: the server parses one batch on its worker threads while it writes the other.
const IN_FLIGHT = 2;

/**
 * Sends the files in batches and returns every file's result in the files' order. Up to `inFlight` requests run at
 * once; with a sync root, the last batch goes alone after all others, since it retires what the run did not send.
 */
export async function sendImport(connection: Connection, files: SpecFile[], options: SendOptions = {}): Promise<SendResult> {
  const batches = planBatches(files, options.batch ?? CLI_BATCH);
  const answers: ImportResponse[] = new Array(batches.length);
  const send = async (index: number) => {
    const batch = batches[index];
    const last = index === batches.length - 1;
    const body = {
      files: await Promise.all(batch.map(readSpec)),
      ...(options.team ? { team: options.team } : {}),
      ...(options.system ? { system: options.system } : {}),
      ...(options.domain ? { domain: options.domain } : {}),
      ...(options.syncRoot !== undefined && last ? { sync: options.syncRoot, present: files.map((f) => f.name) } : {}),
    };
    answers[index] = await apiRequest<ImportResponse>(connection, "POST", "api/v1/imports", body).catch((error: unknown) => {
      // A batch the server refuses as too large or invalid fails its own files; the other batches go on.
      if (!(error instanceof CliError) || !/^4(13|22) /.test(error.message)) throw error;
      return { results: batch.map((f) => ({ file: f.name, ok: false, error: `the request with this file was refused: ${error.message}`, interfaces: [] })), retired: [] };
    });
    options.onBatch?.({ index, count: batches.length, files: batch.length, bytes: batch.reduce((sum, f) => sum + f.bytes, 0), results: answers[index].results });
  };
  const parallel = options.syncRoot === undefined ? batches.length : batches.length - 1;
  let next = 0;
  const lane = async () => {
    while (next < parallel) await send(next++);
  };
  await Promise.all(Array.from({ length: Math.max(1, options.inFlight ?? IN_FLIGHT) }, lane));
  if (parallel < batches.length) await send(batches.length - 1);
  return {
    results: answers.flatMap((a) => a.results),
    retired: answers.flatMap((a) => a.retired ?? []),
    retireError: answers.find((a) => a.retireError)?.retireError,
  };
}

/** Sends the files in batches, prints a summary (or --json), and returns the exit code: 1 if any file (or the sync) failed. */
export async function importCommand(connection: Connection, inputs: string[], options: ImportOptions): Promise<number> {
  // `npm run` moves to the package root; INIT_CWD is where the user typed the command, so their paths resolve there.
  const base = process.env.INIT_CWD || process.cwd();
  // The synced folder is always walked whole, or files missing from this run would be retired by mistake.
  const syncRoot = options.sync === undefined ? undefined : path.relative(base, path.resolve(base, options.sync)).split(path.sep).join("/") || ".";
  const files = await collectSpecFiles(options.sync === undefined ? inputs : [...inputs, options.sync], base);
  if (files.length === 0) {
    process.stderr.write("No *.yaml, *.yml or *.json files found.\n");
    return 1;
  }
  let answered = 0;
  const { results, retired, retireError } = await sendImport(connection, files, {
    team: options.team,
    system: options.system,
    domain: options.domain,
    syncRoot,
    onBatch: ({ count, files: sent }) => {
      if (count > 1 && !options.json) process.stderr.write(`Imported a batch of ${sent} files (${++answered}/${count})…\n`);
    },
  });
  if (retireError) process.stderr.write(`sync: nothing was retired: ${retireError}\n`);
  process.stdout.write(options.json ? `${JSON.stringify(toJsonOutput(results), null, 2)}\n` : `${formatSummary({ results, retired })}\n`);
  return results.some((r) => !r.ok) || retireError ? 1 : 0;
}
