// OpenAPI 2.0 / 3.0 / 3.1 -> one interface with an OPERATION per path and method and a SCHEMA per named
// schema. Validation is swagger-parser's (JSON Schema of the spec, plus its Swagger 2.0 semantic checks);
// extraction walks the raw document so that $refs keep their names ("ref:Pet" for recursion).
import SwaggerParser from "@apidevtools/swagger-parser";
import type { ImportLimits, ImportedElement, ImportedInterface, ImportProblem } from "./model";
import { ImportError } from "./model";
import { openApiSchemaErrors } from "./openapi-schema";
import { checkRefs, deref, flattenSchema, type SchemaContext } from "./refs";
import type { Source } from "./source";
import { asArray, asRecord, escapePointer, isRecord, slugify, str, type Json } from "./util";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type OpenApiOptions = { limits: ImportLimits; systemSlug?: string; doc?: number };

export async function parseOpenApi(root: unknown, source: Source, options: OpenApiOptions): Promise<ImportedInterface> {
  const doc = asRecord(root);
  checkVersion(doc, source, options.doc);
  checkRefs(root, source, options.limits, options.doc);
  await validateOpenApi(doc, source, options.doc);
  return extractOpenApi(doc, source.text, options);
}

function checkVersion(doc: Json, source: Source, docIndex?: number): void {
  const version = doc.swagger ?? doc.openapi;
  const key = doc.swagger !== undefined ? "swagger" : "openapi";
  if (typeof version !== "string") throw new ImportError([source.at(`/${key}`, `${key} version must be a string such as "3.0.3", not ${JSON.stringify(version)}`, docIndex)]);
  if (key === "swagger" ? version !== "2.0" : !/^3\.[01]\.\d+$/.test(version)) {
    throw new ImportError([source.at(`/${key}`, `unsupported ${key} version ${version}: expected 2.0, 3.0.x or 3.1.x`, docIndex)]);
  }
  const info = asRecord(doc.info);
  if (info.version !== undefined && typeof info.version !== "string") {
    throw new ImportError([source.at("/info/version", `info.version must be a string, not ${JSON.stringify(info.version)}`, docIndex)]);
  }
}

type AjvError = { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> };

function isAjvError(value: unknown): value is AjvError {
  return isRecord(value) && typeof value.instancePath === "string" && typeof value.keyword === "string";
}

async function validateOpenApi(doc: Json, source: Source, docIndex?: number): Promise<void> {
  const swagger2 = doc.swagger !== undefined;
  const schemaErrors = openApiSchemaErrors(doc).filter(isAjvError);
  if (schemaErrors.length) throw new ImportError(ajvProblems(schemaErrors, source, docIndex));
  try {
    // structuredClone: swagger-parser dereferences in place. 3.x is validated undereferenced (faster, and
    // error pointers then match the text); Swagger 2.0's semantic checks need dereferenced parameters.
    await new SwaggerParser().validate(structuredClone(doc) as never, {
      resolve: { external: false, file: false, http: false },
      dereference: { circular: "ignore", ...(swagger2 ? {} : { excludedPathMatcher: () => true }) },
      validate: { schema: false, spec: true },
    });
  } catch (error) {
    const details = isRecord(error) ? asArray(error.details).filter(isAjvError) : [];
    if (details.length) throw new ImportError(ajvProblems(details, source, docIndex));
    const message = error instanceof Error ? error.message : String(error);
    throw new ImportError([specProblem(message, source, docIndex)]);
  }
}

/** Keeps the errors a person can act on: drops oneOf/anyOf summaries and "must have $ref" alternatives. */
export function ajvProblems(errors: AjvError[], source: Source, docIndex?: number): ImportProblem[] {
  const seen = new Set<string>();
  const problems: ImportProblem[] = [];
  for (const e of errors) {
    if (["oneOf", "anyOf", "not", "if", "then", "else", "$ref", "false schema"].includes(e.keyword)) continue;
    if (e.keyword === "required" && e.params.missingProperty === "$ref") continue;
    let pointer = e.instancePath;
    let message = `invalid spec: ${e.message ?? e.keyword}`;
    if (e.keyword === "additionalProperties" && typeof e.params.additionalProperty === "string") {
      const name = e.params.additionalProperty;
      pointer = `${pointer}/${escapePointer(name)}`;
      message = pointer.startsWith("/paths/") && pointer.split("/").length === 3 && !name.startsWith("/") ? `invalid spec: path '${name}' must start with '/'` : `invalid spec: unknown property '${name}'`;
    }
    const key = `${pointer} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(source.at(pointer, message, docIndex));
    if (problems.length >= 20) break;
  }
  return problems.length ? problems : [{ message: "invalid spec" }];
}

// Swagger 2.0 semantic errors name a location like "/paths/pets/{id}/get"; turn it into a pointer.
function specProblem(message: string, source: Source, docIndex?: number): ImportProblem {
  const reason = message.replace(/^Validation failed\.\s*/, "");
  const op = /(\/paths(\/\S*?)\/(get|put|post|delete|options|head|patch))\b/.exec(reason);
  if (op) return source.at(`/paths/${escapePointer(op[2])}/${op[3]}`, `invalid spec: ${reason}`, docIndex);
  const def = /\/definitions\/([^\s/]+)/.exec(reason);
  if (def) return source.at(`/definitions/${escapePointer(def[1])}`, `invalid spec: ${reason}`, docIndex);
  return { message: `invalid spec: ${reason}` };
}

export function extractOpenApi(doc: Json, text: string, options: OpenApiOptions): ImportedInterface {
  const ctx: SchemaContext = { root: doc, limits: options.limits };
  const info = asRecord(doc.info);
  const title = str(info.title) ?? "Untitled API";
  const elements: ImportedElement[] = [];
  const paths = asRecord(doc.paths);
  for (const [path, rawItem] of Object.entries(paths)) {
    const item = asRecord(deref(ctx, rawItem).value);
    for (const method of METHODS) {
      if (!isRecord(item[method])) continue;
      elements.push(operationElement(ctx, doc, path, method, item, item[method] as Json));
    }
  }
  const swagger2 = doc.swagger !== undefined;
  const schemas = swagger2 ? asRecord(doc.definitions) : asRecord(asRecord(doc.components).schemas);
  const base = swagger2 ? "#/definitions/" : "#/components/schemas/";
  for (const [name, schema] of Object.entries(schemas)) {
    const { fields, truncated } = flattenSchema(ctx, schema, name, [base + escapePointer(name)]);
    const s = asRecord(schema);
    elements.push(clean({ kind: "SCHEMA", name, description: str(s.description), deprecated: s.deprecated === true ? true : undefined, details: clean({ type: str(s.type), truncatedFields: truncated || undefined }), fields }));
  }
  const operations = elements.filter((e) => e.kind === "OPERATION");
  const titleSlug = slugify(title);
  return clean({
    sourceKey: `openapi:${titleSlug}`,
    name: title,
    description: str(info.description),
    kind: "API",
    protocol: "HTTP",
    style: "REQUEST_RESPONSE",
    specFormat: "OPENAPI",
    version: str(info.version) ?? "",
    tags: asArray(doc.tags).map((t) => str(asRecord(t).name)).filter((t): t is string => !!t),
    // What the document names wins over the importer's default for documents that name none.
    systemSlug: str(doc["x-interchange-system"]) ? slugify(str(doc["x-interchange-system"])!) : (options.systemSlug ?? titleSlug),
    systemName: options.systemSlug || doc["x-interchange-system"] ? undefined : title,
    ownerTeamSlug: str(doc["x-interchange-owner"]) ? slugify(str(doc["x-interchange-owner"])!.replace(/^group:(default\/)?/, "")) : undefined,
    lifecycle: operations.length > 0 && operations.every((o) => o.deprecated) ? "DEPRECATED" : undefined,
    spec: text,
    elements,
  });
}

function operationElement(ctx: SchemaContext, doc: Json, path: string, method: string, item: Json, op: Json): ImportedElement {
  const swagger2 = doc.swagger !== undefined;
  const params = [...asArray(item.parameters), ...asArray(op.parameters)].map((p) => asRecord(deref(ctx, p).value));
  // An operation-level parameter overrides a path-level one with the same name and location.
  const byKey = new Map(params.map((p) => [`${str(p.in)}:${str(p.name)}`, p]));
  const parameters = [...byKey.values()].map((p) =>
    clean({ name: str(p.name), in: str(p.in), required: p.required === true, type: str(p.type) ?? typeName(ctx, p.schema) }),
  );
  let body: unknown;
  let contentTypes: string[] = [];
  if (swagger2) {
    const bodyParam = [...byKey.values()].find((p) => p.in === "body");
    body = bodyParam?.schema;
    if (bodyParam) contentTypes = asArray(op.consumes ?? doc.consumes).map(String);
  } else {
    const requestBody = asRecord(deref(ctx, op.requestBody).value);
    const content = asRecord(requestBody.content);
    contentTypes = Object.keys(content);
    body = contentTypes.length ? asRecord(content[contentTypes.find((c) => /json/.test(c)) ?? contentTypes[0]]).schema : undefined;
  }
  const responses = Object.entries(asRecord(op.responses)).map(([code, r]) => clean({ code, description: str(asRecord(deref(ctx, r).value).description) }));
  const security = asArray(op.security ?? doc.security).flatMap((req) => Object.keys(asRecord(req)));
  const { fields, truncated } = body === undefined ? { fields: [], truncated: false } : flattenSchema(ctx, body, "body");
  return clean({
    kind: "OPERATION",
    name: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    path,
    summary: str(op.summary),
    description: str(op.description),
    deprecated: op.deprecated === true ? true : undefined,
    details: clean({
      operationId: str(op.operationId),
      tags: asArray(op.tags).map(String),
      parameters,
      requestBody: contentTypes.length ? { contentTypes, schema: typeName(ctx, body) } : undefined,
      responses,
      security: [...new Set(security)],
      truncatedFields: truncated || undefined,
    }),
    fields,
  });
}

function typeName(ctx: SchemaContext, schema: unknown): string | undefined {
  const resolved = deref(ctx, schema);
  if (resolved.refName) return resolved.refName;
  const s = asRecord(resolved.value);
  if (str(s.type) === "array") return `array<${typeName(ctx, s.items) ?? "unknown"}>`;
  return str(s.type);
}

/** Drops undefined members so that output is deep-equal across runs and small when serialised. */
export function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

