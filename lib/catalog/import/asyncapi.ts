import type { ImportLimits, ImportedInterface } from "./model";
import type { Source } from "./source";
export async function parseAsyncApi(_root: unknown, _source: Source, _options: { limits: ImportLimits; systemSlug?: string; doc?: number }): Promise<ImportedInterface> {
  throw new Error("todo");
}
