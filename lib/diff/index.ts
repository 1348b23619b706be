// Breaking-change detection for every spec format the catalog holds. Pure: text in, a change list out;
// no I/O, no database. Used by the contract workflow, POST /api/v1/diff and `npm run cli -- diff`.
//
// Each format module reports findings with two flags (does it break BACKWARD, does it break FORWARD);
// the compatibility mode turns them into levels (finding.ts). Transitive modes compare the proposal with
// every earlier version and name the version each violation breaks.
import { openApiSchemaErrors } from "@/lib/catalog/import/openapi-schema";
import { isRecord } from "@/lib/catalog/import/util";
import { compareAsyncApi } from "./asyncapi";
import { compareAvro, parseAvro } from "./avro";
import { toChange, type Finding } from "./finding";
import { compareJsonSchema } from "./json-schema-document";
import { checkSize, inputError, loadDocument, type Input } from "./load";
import { compareOpenApi } from "./openapi";
import { compareProto, parseProto } from "./protobuf";
import type { Change, DiffFormat, DiffResult, Mode, SchemaVersion } from "./types";
import { unjudgedDifferences } from "./unjudged";

export type { Change, DiffFormat, DiffLevel, DiffResult, Mode, SchemaVersion } from "./types";
export { DIFF_FORMATS, MODES } from "./types";
export { DiffInputError, describeProblem, type InputProblem } from "./load";

type Parsed = { format: DiffFormat; value: unknown };

/**
 * Versions oldest first; the last one is the proposal. Non-transitive modes compare it with the one
 * before, transitive modes with every earlier one (each violation names breaksVersion).
 */
export function diffVersions(input: { format: DiffFormat; versions: SchemaVersion[]; mode: Mode }): DiffResult {
  const { versions, mode, format } = input;
  if (versions.length < 2) return result([]);
  const last = versions.length - 1;
  const proposal = parse(format, { side: "next", text: versions[last].text, file: versions[last].version });
  const transitive = mode.endsWith("_TRANSITIVE");
  const earlier = transitive ? versions.slice(0, last) : [versions[last - 1]];
  const changes: Change[] = [];
  const seen = new Set<string>();
  const warnings = [...validityWarnings(proposal, versions[last].version)];
  for (const [i, version] of earlier.entries()) {
    const previous = parse(format, { side: "previous", text: version.text, file: version.version });
    warnings.push(...validityWarnings(previous, version.version));
    const immediate = i === earlier.length - 1;
    for (const finding of compare(previous, proposal)) {
      const change = toChange(finding, mode, version.version);
      // Compatible changes are listed once, against the version just before; violations against each version they break.
      if (change.level === "INFO" && !immediate) continue;
      const key = `${change.id}|${change.breaksVersion ?? ""}`;
      if (seen.has(key)) continue;
      seen.add(key);
      changes.push(change);
    }
  }
  return result(changes, warnings);
}

/** Compares two documents; the format is detected when absent. */
export function diffDocuments(input: { format?: DiffFormat; previous: string; next: string; mode?: Mode; previousName?: string; nextName?: string }): DiffResult {
  const format = input.format ?? detectFormat(input.next, input.nextName);
  const previous = parse(format, { side: "previous", text: input.previous, file: input.previousName });
  const next = parse(format, { side: "next", text: input.next, file: input.nextName });
  const mode = input.mode ?? "BACKWARD";
  const warnings = [...validityWarnings(previous, input.previousName ?? "previous"), ...validityWarnings(next, input.nextName ?? "next")];
  return result(
    compare(previous, next).map((f) => toChange(f, mode)),
    warnings,
  );
}

/** Which format a document is in, from its file name or its content. */
export function detectFormat(text: string, fileName?: string): DiffFormat {
  const name = fileName?.toLowerCase() ?? "";
  if (name.endsWith(".proto")) return "PROTOBUF";
  if (name.endsWith(".avsc")) return "AVRO";
  const head = text.slice(0, 4096);
  if (!/^\s*[{["']/.test(head) && /^\s*(syntax|package|message|import|option|enum|service)\b/m.test(head) && !/^\s*(openapi|swagger|asyncapi)\s*:/m.test(head)) return "PROTOBUF";
  if (/^\s*["']?(openapi|swagger)["']?\s*:/m.test(head) || /"(openapi|swagger)"\s*:/.test(head)) return "OPENAPI";
  if (/^\s*["']?asyncapi["']?\s*:/m.test(head) || /"asyncapi"\s*:/.test(head)) return "ASYNCAPI";
  if (/"type"\s*:\s*"(record|enum|fixed)"/.test(head) || /^\s*"(int|long|float|double|string|bytes|boolean|null)"\s*$/.test(text)) return "AVRO";
  return "JSON_SCHEMA";
}

function parse(format: DiffFormat, input: Input): Parsed {
  switch (format) {
    case "PROTOBUF": {
      checkSize(input);
      try {
        return { format, value: parseProto(input.text) };
      } catch (error) {
        const message = (error as Error).message;
        const line = /\(line (\d+)\)/.exec(message);
        throw inputError(input, `malformed .proto: ${message.replace(/\s*\(line \d+\)/, "")}`, line ? { line: Number(line[1]) } : {});
      }
    }
    case "AVRO": {
      const value = loadDocument(input);
      try {
        return { format, value: parseAvro(value) };
      } catch (error) {
        throw inputError(input, `invalid Avro schema: ${(error as Error).message}`, { pointer: "/" });
      }
    }
    default: {
      const value = loadDocument(input);
      expectShape(format, value, input);
      return { format, value };
    }
  }
}

function expectShape(format: DiffFormat, value: unknown, input: Input): void {
  const key = format === "OPENAPI" ? ["openapi", "swagger"] : format === "ASYNCAPI" ? ["asyncapi"] : undefined;
  if (format === "JSON_SCHEMA") {
    if (!isRecord(value) && typeof value !== "boolean") throw inputError(input, "a JSON Schema must be an object or a boolean", { pointer: "/" });
    return;
  }
  if (!isRecord(value) || !key!.some((k) => value[k] !== undefined)) {
    throw inputError(input, `not an ${format === "OPENAPI" ? "OpenAPI (no openapi or swagger key)" : "AsyncAPI (no asyncapi key)"} document`, { pointer: "/" });
  }
}

function compare(previous: Parsed, next: Parsed): Finding[] {
  const findings = compareFormat(previous, next);
  if (findings.length || (next.format !== "OPENAPI" && next.format !== "ASYNCAPI")) return findings;
  return unjudgedDifferences(previous.value, next.value);
}

function compareFormat(previous: Parsed, next: Parsed): Finding[] {
  switch (next.format) {
    case "OPENAPI":
      return compareOpenApi(previous.value as Record<string, unknown>, next.value as Record<string, unknown>);
    case "ASYNCAPI":
      return compareAsyncApi(previous.value as Record<string, unknown>, next.value as Record<string, unknown>);
    case "JSON_SCHEMA":
      return compareJsonSchema(previous.value, next.value);
    case "AVRO":
      return compareAvro(previous.value as ReturnType<typeof parseAvro>, next.value as ReturnType<typeof parseAvro>);
    case "PROTOBUF":
      return compareProto(previous.value as ReturnType<typeof parseProto>, next.value as ReturnType<typeof parseProto>);
  }
}

const ORDER = { ERR: 0, WARN: 1, INFO: 2 } as const;

function result(changes: Change[], warnings: string[] = []): DiffResult {
  const sorted = [...changes].sort((a, b) => ORDER[a.level] - ORDER[b.level]);
  return { breaking: sorted.some((c) => c.level === "ERR"), changes: sorted, warnings };
}

const MAX_VALIDITY_WARNINGS = 5;

/** An OpenAPI document its official schema rejects still diffs, but the answer says so (first problems, with pointers). */
function validityWarnings(doc: Parsed, name: string): string[] {
  if (doc.format !== "OPENAPI") return [];
  const errors = openApiSchemaErrors(doc.value as Record<string, unknown>);
  if (!errors.length) return [];
  const first = errors.slice(0, MAX_VALIDITY_WARNINGS).map((e) => `${name}: ${e.instancePath || "/"}: ${e.message ?? "invalid"}`);
  const more = errors.length > MAX_VALIDITY_WARNINGS ? [`${name}: ${errors.length - MAX_VALIDITY_WARNINGS} more problem(s)`] : [];
  return [`${name} is not a valid OpenAPI document; the diff may miss or misjudge changes`, ...first, ...more];
}

