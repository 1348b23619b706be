import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import type { ParsedImportSet, ParseSetOptions, SetFile } from "@/lib/catalog/import/import-set";
import { ImportError, type ImportProblem } from "@/lib/catalog/import/model";
import { DiffInputError, type DiffResult, type InputProblem } from "@/lib/diff";
import type { LintOptions } from "@/lib/governance/lint";
import type { LintReport } from "@/lib/governance/schemas";
import { runInPool } from "./pool";

/** parseImportSet (lib/catalog/import/import-set.ts) on the worker pool: one task per import set (each file's time budget), same answers. */
export async function parseImportSetOffThread(ctx: Ctx, files: SetFile[], options: ParseSetOptions): Promise<ParsedImportSet> {
  const answer = await runInPool<ParsedImportSet>(ctx, "parseImportSet", [files, options], files.length);
  if (answer.ok) return answer.value;
  throw new ImportError(answer.problems as ImportProblem[]);
}

/** diffDocuments (lib/diff) on the worker pool, with the same errors. */
export async function diffDocumentsOffThread(ctx: Ctx, input: Parameters<typeof import("@/lib/diff").diffDocuments>[0]): Promise<DiffResult> {
  const answer = await runInPool<DiffResult>(ctx, "diffDocuments", [input]);
  if (answer.ok) return answer.value;
  throw new DiffInputError(answer.problems as InputProblem[]);
}

/**
 * lintDocument (lib/governance/lint.ts) on the worker pool: Spectral over a large spec holds its thread for as long as
 * the parse does, and on the request thread that stalled every other request.
 */
export async function lintDocumentOffThread(ctx: Ctx, text: string, fileName: string, options: LintOptions = {}): Promise<LintReport> {
  const answer = await runInPool<LintReport>(ctx, "lintDocument", [text, fileName, options]);
  if (answer.ok) return answer.value;
  if (answer.kind === "AppError") throw new AppError(answer.code, answer.problems[0] ?? "The document could not be linted");
  throw new AppError("VALIDATION", `${fileName}: the document could not be linted`);
}
