import "server-only";
import { AppError } from "@/lib/api/errors";
import { toAppError } from "@/lib/api/problem";
import type { Ctx } from "@/lib/auth/can";
import { duringImport, governImport, otherImportsRunning, queueGovernance } from "@/lib/governance/after-import";
import { logger } from "@/lib/log";
import { parseImportSetOffThread } from "@/lib/workers/offload";
import { type ParsedImportSet, type ParseSetOptions, type SetDefaults } from "./import-set";
import { ImportError, importLimitsFromEnv, type ImportedDocument, type ImportLimits } from "./model";
import { persistDocuments, type ImportResult } from "./persist";
import { retireMissing } from "./persist-retire";
import type { ImportFileInput, ImportFileResult, ImportResponse } from "./schemas";

export type ParseDocument = (fileName: string, text: string, options: ImportLimits) => Promise<ImportedDocument[]>;
/** The pure parse/resolve step: the texts of an import set in, plain data out (it may run in a worker). */
export type ParseImportSet = (files: ImportFileInput[], options: ParseSetOptions) => Promise<ParsedImportSet>;
export type ImportFilesOptions = { sync?: string; present?: string[]; defaults?: SetDefaults };

/** A set parser that reads each file on its own with `parse` (tests stand in a fake parser this way). */
export function eachFile(parse: ParseDocument): ParseImportSet {
  return async (files, { limits }) => ({
    files: await Promise.all(
      files.map(async ({ name, content }) => {
        if (Buffer.byteLength(content) > limits.maxBytes) return { file: name, status: "failed" as const, error: `The file is larger than the import limit of ${limits.maxBytes} bytes` };
        try {
          const documents = await parse(name, content, limits);
          return documents.length ? { file: name, status: "document" as const, documents } : { file: name, status: "failed" as const, error: "No API, event, catalog entity or data contract found in the file" };
        } catch (error) {
          if (error instanceof ImportError) return { file: name, status: "failed" as const, error: error.message };
          return { file: name, status: "failed" as const, error: "The document could not be read (unexpected parser error)", crash: String(error) };
        }
      }),
    ),
  });
}

type Govern = (ctx: Ctx, interfaceIds: string[]) => Promise<string[]> | string[];

/** Runs a write and turns a refusal into the file's error message; only a missing caller ends the whole request. */
async function persistOrExplain(ctx: Ctx, files: string, write: () => Promise<ImportResult>, govern: Govern): Promise<ImportResult | string> {
  try {
    const outcome = await write();
    // Governance rules run on what was committed; their findings come back as the file's warnings.
    outcome.warnings.push(...(await govern(ctx, outcome.interfaces.map((i) => i.id))));
    return outcome;
  } catch (error) {
    const known = toAppError(error);
    if (known?.code === "UNAUTHENTICATED") throw known;
    if (known) return known.message;
    logger.error({ err: error, requestId: ctx.requestId, files }, "import failed");
    return `The import failed unexpectedly; quote request id ${ctx.requestId} when reporting it`;
  }
}

/**
 * Imports an import set. Parsing resolves the files together (parseImportSet); then the Backstage catalog of
 * the set is written in one transaction and every other document file in its own, so a folder import goes
 * on past bad files and reports each one, and nothing from a bad file is written. With `sync`, interfaces
 * whose file under that folder is gone are retired afterwards.
 */
export async function importFilesWith(parseSet: ParseImportSet, ctx: Ctx, files: ImportFileInput[], options: ImportFilesOptions = {}): Promise<ImportResponse> {
  if (!ctx.actor && ctx.via !== "system") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  const limits = importLimitsFromEnv();
  // From the parse on: queued governance runs would otherwise take the CPU the next batch's parse needs.
  return duringImport(async () => writeParsedSet(ctx, files, await parseSet(files, { limits, defaults: options.defaults }), options));
}

async function writeParsedSet(ctx: Ctx, files: ImportFileInput[], parsed: ParsedImportSet, options: ImportFilesOptions): Promise<ImportResponse> {
  // One document is answered with its rules' findings (within GOVERNANCE_IMPORT_WAIT_MS); a folder's rules are
  // queued and run after the import, since linting file by file between the writes made folders many times slower.
  // So is a lone document while other imports run: the CLI sends a large file of a folder alone, and its lint held
  // the only parse thread while the folder's next batch waited (three minutes for the 20 MB Microsoft Graph spec).
  const writes = parsed.files.filter((p) => p.status === "document" || p.status === "catalog").length;
  const govern: Govern = writes > 1 || otherImportsRunning() ? queueGovernance : governImport;
  const results: ImportFileResult[] = files.map((f) => ({ file: f.name, ok: false, interfaces: [] }));
  const syncing = options.sync !== undefined;

  const catalogFiles = parsed.files.flatMap((p, i) => (p.status === "catalog" ? [i] : []));
  if (parsed.catalog && catalogFiles.length) {
    const names = catalogFiles.map((i) => parsed.files[i].file);
    // Teams and systems of the catalog first: the other documents of the set may name them.
    const outcome = await persistOrExplain(ctx, names.join(", "), () => persistDocuments(ctx, [parsed.catalog!], { fileName: names[0], sourcePath: syncing ? names[0] : undefined, syncEachFile: true }), govern);
    for (const i of catalogFiles) {
      const name = parsed.files[i].file;
      if (typeof outcome === "string") results[i] = { file: files[i].name, ok: false, error: outcome, interfaces: [] };
      else {
        const warnings = outcome.warnings.filter((w) => w.includes(name) || (i === catalogFiles[0] && !names.some((n) => w.includes(n))));
        results[i] = { file: files[i].name, ok: true, interfaces: outcome.interfaces.filter((r) => r.file === name).map(({ file: _file, ...r }) => r), ...(warnings.length ? { warnings } : {}) };
      }
    }
  }
  for (const [i, p] of parsed.files.entries()) {
    const file = files[i].name;
    if (p.status === "failed") {
      if (p.crash) logger.error({ err: p.crash, requestId: ctx.requestId, file }, "parser crashed");
      results[i] = { file, ok: false, error: p.crash ? `${p.error}; request id ${ctx.requestId}` : p.error, interfaces: [] };
    } else if (p.status === "used") results[i] = { file, ok: true, interfaces: [], warnings: [p.note] };
    else if (p.status === "document") {
      const outcome = await persistOrExplain(ctx, file, () => persistDocuments(ctx, p.documents, { fileName: file, sourcePath: syncing ? file : undefined }), govern);
      results[i] =
        typeof outcome === "string"
          ? { file, ok: false, error: outcome, interfaces: [] }
          : { file, ok: true, interfaces: outcome.interfaces.map(({ file: _file, ...r }) => r), ...(outcome.warnings.length ? { warnings: outcome.warnings } : {}) };
    }
  }
  if (!syncing) return { results, retired: [] };
  try {
    return { results, retired: await retireMissing(ctx, options.sync!, options.present ?? files.map((f) => f.name)) };
  } catch (error) {
    // The files are imported and committed; a refused retirement must not hide their results.
    const known = toAppError(error);
    if (!known || known.code === "UNAUTHENTICATED") throw error;
    return { results, retired: [], retireError: known.message };
  }
}

/** importFilesWith the real parsers (OpenAPI, AsyncAPI, Backstage, ODCS) on the worker pool: what the API, the UI and the CLI use. */
export function importFiles(ctx: Ctx, files: ImportFileInput[], options: ImportFilesOptions = {}): Promise<ImportResponse> {
  return importFilesWith((set, setOptions) => parseImportSetOffThread(ctx, set, setOptions), ctx, files, options);
}

/** The request body limit: the file size limit plus room for JSON escaping and the file names. */
export function importBodyLimit(limits: ImportLimits = importLimitsFromEnv()): number {
  return limits.maxBytes * 2 + 1024 * 1024;
}
