import path from "node:path";
import { MAX_FILES_PER_REQUEST, type ImportFileResult, type ImportResponse } from "../../catalog/import/schemas";
import { collectSpecFiles, planBatches, readSpec } from "../files";
import { formatSummary, toJsonOutput } from "../format";
import { apiRequest, type Connection } from "../http";

export type ImportOptions = { json?: boolean; sync?: string; team?: string; system?: string; domain?: string };

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
  // Files that refer to each other resolve only within one request: a folder goes whole when it fits.
  const batches = planBatches(files, { maxBytes: 16 * 1024 * 1024, maxFiles: MAX_FILES_PER_REQUEST });
  const results: ImportFileResult[] = [];
  let retired: ImportResponse["retired"] = [];
  let retireError: string | undefined;
  for (const [index, batch] of batches.entries()) {
    const last = index === batches.length - 1;
    const body = {
      files: await Promise.all(batch.map(readSpec)),
      ...(options.team ? { team: options.team } : {}),
      ...(options.system ? { system: options.system } : {}),
      ...(options.domain ? { domain: options.domain } : {}),
      // Retirement runs once, with the last batch, against every file of this run.
      ...(syncRoot !== undefined && last ? { sync: syncRoot, present: files.map((f) => f.name) } : {}),
    };
    if (batches.length > 1 && !options.json) process.stderr.write(`Sending batch ${index + 1}/${batches.length} (${batch.length} files)…\n`);
    const response = await apiRequest<ImportResponse>(connection, "POST", "api/v1/imports", body);
    results.push(...response.results);
    retired = retired.concat(response.retired ?? []);
    retireError ??= response.retireError;
  }
  if (retireError) process.stderr.write(`sync: nothing was retired: ${retireError}\n`);
  process.stdout.write(options.json ? `${JSON.stringify(toJsonOutput(results), null, 2)}\n` : `${formatSummary({ results, retired })}\n`);
  return results.some((r) => !r.ok) || retireError ? 1 : 0;
}
