// The definition of a Backstage API entity: inline text, or `{$text|$json|$yaml: path}` naming another file of
// the import set. A URL is never fetched (the API is catalogued without its definition, and says so); a path
// that leaves the set, or a file the set does not hold, is refused with its pointer.
import { asyncApiOrOpenApi } from "./definition-parse";
import type { BackstageFile, BackstageOptions, Entity } from "./backstage";
import { resolveInSet } from "./bundle";
import { ImportError, type ImportedInterface } from "./model";
import { isRecord, str } from "./util";

export type DefinitionResult = { parsed?: ImportedInterface; text: string; unavailable?: string; file?: string };

const SUBSTITUTIONS = ["$text", "$json", "$yaml"];
const URL_LIKE = /^[a-z][a-z0-9+.-]*:/i;

export async function definitionInterface(e: Entity, file: BackstageFile, textOf: (name: string) => string | undefined, options: BackstageOptions): Promise<DefinitionResult> {
  const type = (str(e.spec.type) ?? "").toLowerCase();
  const definition = e.spec.definition;
  const refuse = (pointer: string, message: string) => new ImportError([file.source.at(`/spec/definition${pointer}`, message, e.doc)]);
  let text = str(definition) ?? "";
  let from: string | undefined;
  if (isRecord(definition)) {
    const substitution = Object.keys(definition).find((k) => k.startsWith("$"));
    const target = substitution ? str(definition[substitution]) : undefined;
    if (!substitution || !target) throw refuse("", "spec.definition must be the definition text or a $text, $json or $yaml substitution");
    if (!SUBSTITUTIONS.includes(substitution)) throw refuse(`/${substitution}`, `spec.definition uses the ${substitution} substitution (${target}): imports never fetch files or URLs; use $text with a file of the import, or inline the definition`);
    if (URL_LIKE.test(target)) {
      return { text: "", unavailable: `definition ${substitution} ${target} is a URL; imports never fetch URLs, so the API is catalogued without its definition` };
    }
    const resolved = resolveInSet(file.name, target);
    if (resolved === undefined) throw refuse(`/${substitution}`, `spec.definition ${substitution} '${target}' points outside the imported files: imports never fetch files or URLs`);
    const found = textOf(resolved);
    if (found === undefined) throw refuse(`/${substitution}`, `spec.definition ${substitution} '${target}' names ${resolved}, which is not among the imported files (imports never fetch files or URLs): import it with this file`);
    text = found;
    from = resolved;
  }
  if ((type === "openapi" || type === "asyncapi") && text.trim()) {
    return { parsed: await asyncApiOrOpenApi(type, text, file.source, e.doc, options, from), text, file: from };
  }
  return { text, file: from };
}
