import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { ImportError, type ImportedDocument, type ImportLimits, type ImportProblem } from "@/lib/catalog/import/model";
import { DiffInputError, type DiffResult, type InputProblem } from "@/lib/diff";
import { runInPool } from "./pool";

/** parseDocument (lib/catalog/import/parse.ts) on the worker pool, with the same errors. */
export async function parseDocumentOffThread(ctx: Ctx, fileName: string, text: string, limits: ImportLimits): Promise<ImportedDocument[]> {
  const answer = await runInPool<ImportedDocument[]>(ctx, "parseDocument", [fileName, text, { limits }]);
  if (answer.ok) return answer.value;
  throw new ImportError(answer.problems as ImportProblem[]);
}

/** diffDocuments (lib/diff) on the worker pool, with the same errors. */
export async function diffDocumentsOffThread(ctx: Ctx, input: Parameters<typeof import("@/lib/diff").diffDocuments>[0]): Promise<DiffResult> {
  const answer = await runInPool<DiffResult>(ctx, "diffDocuments", [input]);
  if (answer.ok) return answer.value;
  throw new DiffInputError(answer.problems as InputProblem[]);
}
