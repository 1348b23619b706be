import type { ImportLimits, ImportedDocument } from "./model";
import type { Source } from "./source";
export async function parseBackstage(_source: Source, _options: { limits: ImportLimits; systemSlug?: string }): Promise<ImportedDocument> {
  throw new Error("todo");
}
