// Text in, plain value out, with the import pipeline's size, alias and depth limits. Unparsable input
// becomes a DiffInputError naming the side (previous/next), the file, the line and the JSON pointer.
import { AppError } from "@/lib/api/errors";
import { ImportError, importLimitsFromEnv, type ImportLimits } from "@/lib/catalog/import/model";
import { formatMegabytes, loadSource } from "@/lib/catalog/import/source";

export type Side = "previous" | "next";

export type InputProblem = { side: Side; file?: string; line?: number; column?: number; pointer?: string; message: string };

/** Unreadable input: a 422 over HTTP (pointer into the request body), exit code 2 in the CLI. */
export class DiffInputError extends AppError {
  constructor(readonly problems: InputProblem[]) {
    super("VALIDATION", problems.map(describeProblem).join("; "), {
      errors: problems.map((p) => ({ pointer: `/${p.side}`, message: describeProblem(p) })),
    });
    this.name = "DiffInputError";
  }
}

export function describeProblem(p: InputProblem): string {
  const where = p.file ? `${p.file}${p.line ? `:${p.line}` : ""}` : `${p.side}${p.line ? ` line ${p.line}` : ""}`;
  return `${where}: ${p.pointer && p.pointer !== "/" ? `${p.pointer}: ` : ""}${p.message}`;
}

export type Input = { side: Side; text: string; file?: string };

export function diffLimits(env = process.env): ImportLimits {
  return importLimitsFromEnv(env);
}

/**
 * JSON fast path: a big spec is parsed once with JSON.parse and its depth checked without building
 * pointers. Anything wrong falls through to the import pipeline's loader, which names line and pointer.
 */
function fastJson(input: Input, limits: ImportLimits): unknown {
  if (!/^\s*[{[]/.test(input.text.slice(0, 64))) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(input.text);
  } catch {
    return undefined;
  }
  const values: unknown[] = [value];
  const depths: number[] = [0];
  while (values.length) {
    const v = values.pop();
    const depth = depths.pop()!;
    if (depth > limits.maxDepth) return undefined;
    if (Array.isArray(v)) {
      for (const child of v) {
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    } else if (typeof v === "object" && v !== null) {
      const record = v as Record<string, unknown>;
      for (const key in record) {
        const child = record[key];
        if (typeof child === "object" && child !== null) {
          values.push(child);
          depths.push(depth + 1);
        }
      }
    }
  }
  return value;
}

/** Parses a JSON or YAML document (one document only). */
export function loadDocument(input: Input, limits = diffLimits()): unknown {
  checkSize(input, limits);
  const fast = fastJson(input, limits);
  if (fast !== undefined && fast !== null) return fast;
  try {
    const source = loadSource(input.file ?? (input.side === "previous" ? "previous" : "next"), input.text, limits);
    const values = source.values.filter((v) => v !== null && v !== undefined);
    if (values.length === 0) throw new DiffInputError([{ side: input.side, file: input.file, message: "document is empty" }]);
    if (source.values.length > 1) throw new DiffInputError([{ side: input.side, file: input.file, message: `expected one YAML document, found ${source.values.length}` }]);
    return values[0];
  } catch (error) {
    if (error instanceof ImportError) throw new DiffInputError(error.problems.map((p) => ({ side: input.side, file: input.file, ...p })));
    throw error;
  }
}

/** Size check for formats with their own parser (Protobuf). */
export function checkSize(input: Input, limits = diffLimits()): void {
  const bytes = Buffer.byteLength(input.text, "utf8");
  if (bytes > limits.maxBytes) {
    throw new DiffInputError([{ side: input.side, file: input.file, message: `document is ${formatMegabytes(bytes)} MB, over the ${formatMegabytes(limits.maxBytes)} MB limit` }]);
  }
  if (!input.text.trim()) throw new DiffInputError([{ side: input.side, file: input.file, message: "document is empty" }]);
}

export function inputError(input: Input, message: string, extra: { line?: number; column?: number; pointer?: string } = {}): DiffInputError {
  return new DiffInputError([{ side: input.side, file: input.file, message, ...extra }]);
}
