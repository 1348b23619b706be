import "server-only";
import { AppError } from "@/lib/api/errors";
import { toAppError } from "@/lib/api/problem";
import type { Ctx } from "@/lib/auth/can";
import { logger } from "@/lib/log";
import { parseDocumentOffThread } from "@/lib/workers/offload";
import { ImportError, importLimitsFromEnv, type ImportedDocument, type ImportLimits } from "./model";
import { persistDocuments } from "./persist";
import { retireMissing } from "./persist-retire";
import type { ImportFileInput, ImportFileResult, ImportResponse } from "./schemas";

export type ParseDocument = (fileName: string, text: string, options: ImportLimits) => Promise<ImportedDocument[]>;
export type ImportFilesOptions = { sync?: string; present?: string[] };

async function importOne(ctx: Ctx, file: ImportFileInput, options: ImportFilesOptions, parse: ParseDocument, limits: ImportLimits): Promise<ImportFileResult> {
  const failed = (error: string): ImportFileResult => ({ file: file.name, ok: false, error, interfaces: [] });
  if (Buffer.byteLength(file.content) > limits.maxBytes) return failed(`The file is larger than the import limit of ${limits.maxBytes} bytes`);
  let docs: ImportedDocument[];
  try {
    docs = await parse(file.name, file.content, limits);
  } catch (error) {
    if (error instanceof ImportError) return failed(error.message);
    logger.error({ err: error, requestId: ctx.requestId, file: file.name }, "parser crashed");
    return failed(`The document could not be read (unexpected parser error; request id ${ctx.requestId})`);
  }
  if (docs.length === 0) return failed("No API, event, catalog entity or data contract found in the file");
  try {
    const { interfaces, warnings } = await persistDocuments(ctx, docs, { fileName: file.name, sourcePath: options.sync === undefined ? undefined : file.name });
    return { file: file.name, ok: true, interfaces, ...(warnings.length ? { warnings } : {}) };
  } catch (error) {
    const known = toAppError(error);
    // Without a valid caller nothing else will succeed either: answer the whole request with 401.
    if (known?.code === "UNAUTHENTICATED") throw known;
    if (known) return failed(known.message);
    logger.error({ err: error, requestId: ctx.requestId, file: file.name }, "import failed");
    return failed(`The import failed unexpectedly; quote request id ${ctx.requestId} when reporting it`);
  }
}

/**
 * Imports files one by one, each in its own transaction: a folder import continues past bad files and reports
 * each one, and nothing from a bad file is written. With `sync`, interfaces whose file under that folder is gone
 * are retired afterwards.
 */
export async function importFilesWith(parse: ParseDocument, ctx: Ctx, files: ImportFileInput[], options: ImportFilesOptions = {}): Promise<ImportResponse> {
  if (!ctx.actor && ctx.via !== "system") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  const limits = importLimitsFromEnv();
  const results: ImportFileResult[] = [];
  for (const file of files) results.push(await importOne(ctx, file, options, parse, limits));
  if (options.sync === undefined) return { results, retired: [] };
  try {
    return { results, retired: await retireMissing(ctx, options.sync, options.present ?? files.map((f) => f.name)) };
  } catch (error) {
    // The files are imported and committed; a refused retirement must not hide their results.
    const known = toAppError(error);
    if (!known || known.code === "UNAUTHENTICATED") throw error;
    return { results, retired: [], retireError: known.message };
  }
}

/** importFilesWith the real parsers (OpenAPI, AsyncAPI, Backstage, ODCS) on the worker pool: what the API, the UI and the CLI use. */
export function importFiles(ctx: Ctx, files: ImportFileInput[], options: ImportFilesOptions = {}): Promise<ImportResponse> {
  return importFilesWith((fileName, text, limits) => parseDocumentOffThread(ctx, fileName, text, limits), ctx, files, options);
}

/** The request body limit: the file size limit plus room for JSON escaping and the file names. */
export function importBodyLimit(limits: ImportLimits = importLimitsFromEnv()): number {
  return limits.maxBytes * 2 + 1024 * 1024;
}
