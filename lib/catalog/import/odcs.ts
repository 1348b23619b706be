import type { ImportLimits, ImportedDocument } from "./model";
import type { Source } from "./source";
export function parseOdcs(_root: unknown, _source: Source, _options: { limits: ImportLimits; systemSlug?: string }): ImportedDocument {
  throw new Error("todo");
}
