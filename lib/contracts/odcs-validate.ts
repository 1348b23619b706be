// Validates an ODCS document against the official JSON Schema of the version it declares (draft 2019-09,
// formats on). Server-only in practice: the schemas are large and stay out of the browser bundle.
import Ajv2019, { type ValidateFunction } from "ajv/dist/2019";
import addFormats from "ajv-formats";
import v300 from "./odcs-schemas/odcs-json-schema-v3.0.0.json";
import v301 from "./odcs-schemas/odcs-json-schema-v3.0.1.json";
import v302 from "./odcs-schemas/odcs-json-schema-v3.0.2.json";
import v310 from "./odcs-schemas/odcs-json-schema-v3.1.0.json";

const SCHEMAS: Record<string, object> = { "v3.0.0": v300, "v3.0.1": v301, "v3.0.2": v302, "v3.1.0": v310 };
export const ODCS_VERSIONS = Object.keys(SCHEMAS);

const compiled = new Map<string, ValidateFunction>();

function validatorFor(version: string): ValidateFunction | undefined {
  if (!SCHEMAS[version]) return undefined;
  if (!compiled.has(version)) {
    const ajv = new Ajv2019({ allErrors: false, strict: false });
    addFormats(ajv);
    compiled.set(version, ajv.compile(SCHEMAS[version]));
  }
  return compiled.get(version);
}

/** "valid", the first errors as "pointer message" lines, or undefined when the version has no official schema here. */
export function validateOdcs(doc: unknown): { valid: true } | { valid: false; errors: string[] } | undefined {
  const version = typeof doc === "object" && doc !== null ? (doc as Record<string, unknown>).apiVersion : undefined;
  const validate = typeof version === "string" ? validatorFor(version) : undefined;
  if (!validate) return undefined;
  if (validate(doc)) return { valid: true };
  return { valid: false, errors: (validate.errors ?? []).slice(0, 5).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`) };
}

const CORE = new Set(["apiVersion", "kind", "id", "version", "status", "customProperties"]);

/** Removes the value at a pointer deep inside a schema object (never a whole schema object or property). */
function dropAt(doc: Record<string, unknown>, pointer: string): string | undefined {
  const segments = pointer.split("/").slice(1);
  if (segments.length === 1 && !CORE.has(segments[0]) && segments[0] !== "schema" && segments[0] in doc) {
    delete doc[segments[0]];
    return segments[0];
  }
  if (segments[0] !== "schema" || segments.length < 3 || segments.at(-2) === "properties" || segments.at(-2) === "schema") return undefined;
  let node: unknown = doc;
  for (const seg of segments.slice(0, -1)) node = (node as Record<string, unknown> | undefined)?.[seg];
  const last = segments.at(-1)!;
  if (Array.isArray(node) && /^\d+$/.test(last)) node.splice(Number(last), 1);
  else if (node && typeof node === "object" && last in node) delete (node as Record<string, unknown>)[last];
  else return undefined;
  return pointer;
}

/**
 * The export as a document that validates against the official schema of the version it declares. What was
 * kept verbatim from an imported document and its own official schema rejects (some official examples do this)
 * is left out and named, rather than exporting an invalid document.
 */
export function validOdcsDocument(doc: Record<string, unknown>): { doc: Record<string, unknown>; dropped: string[]; errors: string[] } {
  const current = structuredClone(doc);
  const dropped: string[] = [];
  for (let round = 0; round < 20; round++) {
    const result = validateOdcs(current);
    if (!result || result.valid) return { doc: current, dropped, errors: [] };
    const removed = result.errors.map((e) => dropAt(current, e.split(" ")[0])).find(Boolean);
    if (!removed) return { doc: current, dropped, errors: result.errors };
    dropped.push(removed);
  }
  return { doc: current, dropped, errors: ["too many invalid parts"] };
}
