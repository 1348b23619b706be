// Parses the OpenAPI or AsyncAPI definition of a Backstage API entity. Problems of an inline definition are
// moved into the outer file: the line is offset by the line of `definition:` (right for the usual block scalar
// `|`), and the pointer is the outer pointer followed by the pointer inside the definition. Problems of a
// definition read from another file ($text) name that file.
import { parseAsyncApi } from "./asyncapi";
import type { BackstageOptions } from "./backstage";
import { ImportError, type ImportedInterface, type ImportProblem } from "./model";
import { clean, parseOpenApi } from "./openapi";
import { loadSource, type Source } from "./source";
import { isRecord } from "./util";

export async function asyncApiOrOpenApi(type: "openapi" | "asyncapi", text: string, outer: Source, doc: number, options: BackstageOptions, fromFile?: string): Promise<ImportedInterface> {
  const base = `/spec/definition`;
  const at = outer.locate(base, doc);
  const move = (p: ImportProblem): ImportProblem =>
    fromFile
      ? { ...p, message: `spec.definition (${fromFile}): ${p.message}` }
      : clean({ ...p, message: `spec.definition: ${p.message}`, pointer: p.pointer !== undefined ? base + (p.pointer === "/" ? "" : p.pointer) : base, line: p.line !== undefined && at ? at.line + p.line : at?.line, column: p.line !== undefined ? p.column : at?.column });
  try {
    const inner = loadSource(fromFile ?? `definition.${/^\s*[{[]/.test(text) ? "json" : "yaml"}`, text, options.limits);
    const value = inner.values[0];
    const expected = type === "openapi" ? isRecord(value) && (value.openapi !== undefined || value.swagger !== undefined) : isRecord(value) && value.asyncapi !== undefined;
    if (!expected) throw new ImportError([{ message: `spec.type is ${type} but the definition is not an ${type === "openapi" ? "OpenAPI" : "AsyncAPI"} document`, pointer: "/" }]);
    const opts = { limits: options.limits, systemSlug: options.systemSlug };
    return type === "openapi" ? await parseOpenApi(value, inner, opts) : await parseAsyncApi(value, inner, opts);
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(error.problems.map(move));
    throw error;
  }
}
