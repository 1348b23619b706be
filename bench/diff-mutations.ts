// Known mutations for the bench:diff corpus. Each one edits a real OpenAPI 3 document in a way whose
// effect on existing consumers is known, and carries its label:
//   breaking   - existing consumers break: a detector must report it (missed = a miss)
//   compatible - nothing breaks: a detector that reports it breaking raises a false alarm
//   warn       - breaks only some consumers (our documented WARN cases): reported separately, not scored
// A mutation returns false when the document has nothing it applies to; the case is then skipped.
// Schemas are mutated on an inlined copy at one use site, so that a component shared by requests and
// responses cannot turn a compatible request change into a breaking response change.

/* eslint-disable @typescript-eslint/no-explicit-any -- mutations walk arbitrary parsed documents */
export type Label = "breaking" | "compatible" | "warn";
type Doc = Record<string, any>;
export type Mutation = { id: string; category: string; label: Label; apply: (doc: Doc) => boolean };

const METHODS = ["get", "put", "post", "delete", "patch"];
const JSON_TYPE = "application/json";

const clone = <T>(v: T): T => structuredClone(v);

function deref(doc: Doc, value: any): any {
  for (let i = 0; i < 20 && value && typeof value.$ref === "string" && value.$ref.startsWith("#/"); i++) {
    value = value.$ref
      .slice(2)
      .split("/")
      .map((s: string) => s.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce((node: any, key: string) => (node == null ? undefined : node[key]), doc);
  }
  return value;
}

function operations(doc: Doc): { path: string; method: string; op: Doc }[] {
  const list: { path: string; method: string; op: Doc }[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!item || typeof item !== "object" || "$ref" in (item as object)) continue;
    for (const method of METHODS) if ((item as Doc)[method]) list.push({ path, method, op: (item as Doc)[method] });
  }
  return list;
}

const isPrimitive = (s: any) => s && typeof s === "object" && !s.$ref && ["string", "integer", "number"].includes(s.type) && !s.allOf && !s.oneOf && !s.anyOf;

/** An object schema inlined at its use site, with at least one primitive property. */
function inlineObject(doc: Doc, holder: Doc, key: string): Doc | undefined {
  const schema = deref(doc, holder[key]);
  if (!schema || typeof schema !== "object" || !schema.properties || schema.allOf || schema.oneOf || schema.anyOf) return undefined;
  const props = Object.entries(schema.properties as Doc).filter(([, p]) => isPrimitive(p));
  if (!props.length) return undefined;
  holder[key] = clone(schema);
  return holder[key];
}

function requestSchema(doc: Doc): { op: Doc; schema: Doc } | undefined {
  for (const { op } of operations(doc)) {
    if (!op.requestBody) continue;
    const body = deref(doc, op.requestBody);
    if (!body?.content?.[JSON_TYPE]?.schema) continue;
    const probe = deref(doc, body.content[JSON_TYPE].schema);
    if (!probe?.properties) continue;
    op.requestBody = clone(body);
    const schema = inlineObject(doc, op.requestBody.content[JSON_TYPE], "schema");
    if (schema) return { op, schema };
  }
  return undefined;
}

function responseSchema(doc: Doc): { op: Doc; status: string; schema: Doc } | undefined {
  for (const { op } of operations(doc)) {
    for (const status of ["200", "201"]) {
      const response = deref(doc, op.responses?.[status]);
      if (!response?.content?.[JSON_TYPE]?.schema) continue;
      const probe = deref(doc, response.content[JSON_TYPE].schema);
      if (!probe?.properties) continue;
      op.responses[status] = clone(response);
      const schema = inlineObject(doc, op.responses[status].content[JSON_TYPE], "schema");
      if (schema) return { op, status, schema };
    }
  }
  return undefined;
}

function primitiveProperty(schema: Doc, want?: (p: Doc) => boolean): [string, Doc] | undefined {
  return Object.entries(schema.properties as Doc).find(([, p]) => isPrimitive(p) && (!want || want(p))) as [string, Doc] | undefined;
}

function queryParameter(doc: Doc, want: (p: Doc) => boolean): Doc | undefined {
  for (const { op } of operations(doc)) {
    const params: any[] = op.parameters ?? [];
    for (let i = 0; i < params.length; i++) {
      const p = deref(doc, params[i]);
      if (p?.in === "query" && isPrimitive(p.schema) && want(p)) {
        params[i] = clone(p);
        return params[i];
      }
    }
  }
  return undefined;
}

function firstOperation(doc: Doc, want: (o: { path: string; method: string; op: Doc }) => boolean = () => true) {
  return operations(doc).find(want);
}

export const MUTATIONS: Mutation[] = [
  // paths and operations
  { id: "path-removed", category: "paths", label: "breaking", apply: (d) => { const o = firstOperation(d, (o) => !o.op.deprecated); if (!o) return false; delete d.paths[o.path]; return true; } },
  { id: "path-added", category: "paths", label: "compatible", apply: (d) => { const o = firstOperation(d); if (!o) return false; d.paths["/bench-added"] = clone(d.paths[o.path]); return true; } },
  { id: "operation-removed", category: "operations", label: "breaking", apply: (d) => { const o = firstOperation(d, (o) => !o.op.deprecated && Object.keys(d.paths[o.path]).filter((k) => METHODS.includes(k)).length > 1); if (!o) return false; delete d.paths[o.path][o.method]; return true; } },
  { id: "operation-added", category: "operations", label: "compatible", apply: (d) => { const o = firstOperation(d, (o) => !d.paths[o.path].options); if (!o) return false; d.paths[o.path].options = { responses: { "204": { description: "allowed methods" } } }; return true; } },
  { id: "operation-deprecated", category: "operations", label: "compatible", apply: (d) => { const o = firstOperation(d, (o) => !o.op.deprecated); if (!o) return false; o.op.deprecated = true; return true; } },
  { id: "operation-removed-after-deprecation", category: "deprecation", label: "warn", apply: (d) => { const o = firstOperation(d, (o) => o.op.deprecated === true); if (!o) return false; delete d.paths[o.path][o.method]; return true; } },
  // parameters
  { id: "required-parameter-added", category: "parameters", label: "breaking", apply: (d) => { const o = firstOperation(d); if (!o) return false; (o.op.parameters ??= []).push({ name: "bench_required", in: "query", required: true, schema: { type: "string" } }); return true; } },
  { id: "optional-parameter-added", category: "parameters", label: "compatible", apply: (d) => { const o = firstOperation(d); if (!o) return false; (o.op.parameters ??= []).push({ name: "bench_optional", in: "query", required: false, schema: { type: "string" } }); return true; } },
  { id: "parameter-made-required", category: "parameters", label: "breaking", apply: (d) => { const p = queryParameter(d, (p) => !p.required); if (!p) return false; p.required = true; return true; } },
  { id: "parameter-made-optional", category: "parameters", label: "compatible", apply: (d) => { const p = queryParameter(d, (p) => p.required === true); if (!p) return false; p.required = false; return true; } },
  { id: "parameter-type-changed", category: "types", label: "breaking", apply: (d) => { const p = queryParameter(d, (p) => p.schema.type === "string" && !p.schema.enum); if (!p) return false; p.schema = { type: "integer" }; return true; } },
  { id: "parameter-enum-narrowed", category: "enums", label: "breaking", apply: (d) => { const p = queryParameter(d, (p) => Array.isArray(p.schema.enum) && p.schema.enum.length > 1); if (!p) return false; p.schema.enum = p.schema.enum.slice(0, -1); return true; } },
  { id: "parameter-enum-widened", category: "enums", label: "compatible", apply: (d) => { const p = queryParameter(d, (p) => Array.isArray(p.schema.enum) && p.schema.type === "string"); if (!p) return false; p.schema.enum = [...p.schema.enum, "bench_value"]; return true; } },
  { id: "parameter-maximum-tightened", category: "constraints", label: "breaking", apply: (d) => { const p = queryParameter(d, (p) => p.schema.type === "integer"); if (!p) return false; p.schema.maximum = typeof p.schema.maximum === "number" ? p.schema.maximum - 1 : 10; return true; } },
  { id: "parameter-maximum-relaxed", category: "constraints", label: "compatible", apply: (d) => { const p = queryParameter(d, (p) => p.schema.type === "integer" && typeof p.schema.maximum === "number"); if (!p) return false; p.schema.maximum += 100; return true; } },
  // request bodies
  { id: "request-property-now-required", category: "request-body", label: "breaking", apply: (d) => { const t = requestSchema(d); const prop = t && primitiveProperty(t.schema, () => true); if (!t || !prop) return false; const req = t.schema.required ?? []; const name = Object.keys(t.schema.properties).find((n) => !req.includes(n) && !deref(d, t.schema.properties[n])?.readOnly); if (!name) return false; t.schema.required = [...req, name]; return true; } },
  { id: "request-property-now-optional", category: "request-body", label: "compatible", apply: (d) => { const t = requestSchema(d); if (!t || !Array.isArray(t.schema.required) || !t.schema.required.length) return false; t.schema.required = t.schema.required.slice(1); if (!t.schema.required.length) delete t.schema.required; return true; } },
  { id: "request-property-added", category: "request-body", label: "compatible", apply: (d) => { const t = requestSchema(d); if (!t) return false; t.schema.properties.bench_note = { type: "string" }; return true; } },
  { id: "request-property-type-changed", category: "types", label: "breaking", apply: (d) => { const t = requestSchema(d); const prop = t && primitiveProperty(t.schema, (p) => p.type === "string" && !p.enum); if (!prop) return false; t!.schema.properties[prop[0]] = { type: "integer" }; return true; } },
  { id: "request-body-made-required", category: "request-body", label: "breaking", apply: (d) => { const t = requestSchema(d); if (!t || t.op.requestBody.required === true) return false; t.op.requestBody.required = true; return true; } },
  { id: "request-media-type-removed", category: "media-types", label: "breaking", apply: (d) => { const t = requestSchema(d); if (!t) return false; const c = t.op.requestBody.content; c["application/x-bench"] = c[JSON_TYPE]; delete c[JSON_TYPE]; return true; } },
  { id: "request-max-length-tightened", category: "constraints", label: "breaking", apply: (d) => { const t = requestSchema(d); const prop = t && primitiveProperty(t.schema, (p) => p.type === "string" && !p.enum && !p.format); if (!prop) return false; prop[1].maxLength = typeof prop[1].maxLength === "number" ? Math.max(0, prop[1].maxLength - 1) : 2; return true; } },
  { id: "request-max-length-relaxed", category: "constraints", label: "compatible", apply: (d) => { const t = requestSchema(d); const prop = t && primitiveProperty(t.schema, (p) => typeof p.maxLength === "number"); if (!prop) return false; prop[1].maxLength += 100; return true; } },
  { id: "request-format-narrowed", category: "formats", label: "breaking", apply: (d) => { const t = requestSchema(d); const prop = t && primitiveProperty(t.schema, (p) => p.type === "integer" && p.format !== "int32"); if (!prop) return false; prop[1].format = "int32"; return true; } },
  { id: "request-enum-narrowed", category: "enums", label: "breaking", apply: (d) => { const t = requestSchema(d); const prop = t && primitiveProperty(t.schema, (p) => Array.isArray(p.enum) && p.enum.length > 1); if (!prop) return false; prop[1].enum = prop[1].enum.slice(0, -1); return true; } },
  // responses
  { id: "success-response-removed", category: "responses", label: "breaking", apply: (d) => { const o = firstOperation(d, (o) => o.op.responses?.["200"] && Object.keys(o.op.responses).length > 1); if (!o) return false; delete o.op.responses["200"]; return true; } },
  { id: "error-response-added", category: "responses", label: "compatible", apply: (d) => { const o = firstOperation(d, (o) => o.op.responses && !o.op.responses["429"]); if (!o) return false; o.op.responses["429"] = { description: "rate limited" }; return true; } },
  { id: "response-required-property-removed", category: "response-body", label: "breaking", apply: (d) => { const t = responseSchema(d); const name = t && (t.schema.required ?? []).find((n: string) => t.schema.properties[n]); if (!t || !name) return false; delete t.schema.properties[name]; t.schema.required = t.schema.required.filter((n: string) => n !== name); if (!t.schema.required.length) delete t.schema.required; return true; } },
  { id: "response-property-made-optional", category: "response-body", label: "breaking", apply: (d) => { const t = responseSchema(d); if (!t || !Array.isArray(t.schema.required) || !t.schema.required.length) return false; t.schema.required = t.schema.required.slice(1); if (!t.schema.required.length) delete t.schema.required; return true; } },
  { id: "response-property-added", category: "response-body", label: "compatible", apply: (d) => { const t = responseSchema(d); if (!t) return false; t.schema.properties.bench_extra = { type: "string" }; return true; } },
  { id: "response-property-made-required", category: "response-body", label: "compatible", apply: (d) => { const t = responseSchema(d); if (!t) return false; const req: string[] = t.schema.required ?? []; const name = Object.keys(t.schema.properties).find((n) => !req.includes(n)); if (!name) return false; t.schema.required = [...req, name]; return true; } },
  { id: "response-optional-property-removed", category: "response-body", label: "warn", apply: (d) => { const t = responseSchema(d); const req: string[] = t?.schema.required ?? []; const name = t && Object.keys(t.schema.properties).find((n) => !req.includes(n)); if (!t || !name) return false; delete t.schema.properties[name]; return true; } },
  { id: "response-property-type-changed", category: "types", label: "breaking", apply: (d) => { const t = responseSchema(d); const prop = t && primitiveProperty(t.schema, (p) => p.type === "string"); if (!prop) return false; t!.schema.properties[prop[0]] = { type: "integer" }; return true; } },
  { id: "response-enum-narrowed", category: "enums", label: "compatible", apply: (d) => { const t = responseSchema(d); const prop = t && primitiveProperty(t.schema, (p) => Array.isArray(p.enum) && p.enum.length > 1); if (!prop) return false; prop[1].enum = prop[1].enum.slice(0, -1); return true; } },
  { id: "response-max-length-tightened", category: "constraints", label: "compatible", apply: (d) => { const t = responseSchema(d); const prop = t && primitiveProperty(t.schema, (p) => p.type === "string" && !p.enum); if (!prop) return false; prop[1].maxLength = typeof prop[1].maxLength === "number" ? Math.max(0, prop[1].maxLength - 1) : 2; return true; } },
  { id: "response-media-type-removed", category: "media-types", label: "breaking", apply: (d) => { const t = responseSchema(d); if (!t) return false; const c = t.op.responses[t.status].content; c["application/x-bench"] = c[JSON_TYPE]; delete c[JSON_TYPE]; return true; } },
  { id: "response-media-type-added", category: "media-types", label: "compatible", apply: (d) => { const t = responseSchema(d); if (!t) return false; const c = t.op.responses[t.status].content; c["application/x-bench"] = clone(c[JSON_TYPE]); return true; } },
  // security
  { id: "security-required", category: "security", label: "breaking", apply: (d) => { if (d.security?.length || operations(d).some((o) => o.op.security?.length)) return false; (d.components ??= {}).securitySchemes = { ...(d.components.securitySchemes ?? {}), benchKey: { type: "apiKey", in: "header", name: "X-Bench-Key" } }; d.security = [{ benchKey: [] }]; return true; } },
  { id: "security-scope-added", category: "security", label: "breaking", apply: (d) => { const o = firstOperation(d, (o) => Array.isArray(o.op.security) && o.op.security.length === 1 && Object.keys(o.op.security[0]).length === 1); if (!o) return false; const [scheme] = Object.keys(o.op.security[0]); o.op.security = [{ [scheme]: [...(o.op.security[0][scheme] ?? []), "bench:admin"] }]; return true; } },
  { id: "security-alternative-added", category: "security", label: "compatible", apply: (d) => { const o = firstOperation(d, (o) => Array.isArray(o.op.security) && o.op.security.length > 0); if (!o) return false; (d.components ??= {}).securitySchemes = { ...(d.components.securitySchemes ?? {}), benchKey: { type: "apiKey", in: "header", name: "X-Bench-Key" } }; o.op.security = [...o.op.security, { benchKey: [] }]; return true; } },
  // no semantic change at all
  { id: "descriptions-edited", category: "cosmetic", label: "compatible", apply: (d) => { let n = 0; for (const { op } of operations(d)) { op.description = `${op.description ?? ""} (edited)`; op.summary = `${op.summary ?? ""}!`; n++; } return n > 0; } },
  { id: "ref-inlined", category: "cosmetic", label: "compatible", apply: (d) => { for (const { op } of operations(d)) { const r = op.responses?.["200"]?.content?.[JSON_TYPE]?.schema; if (r?.$ref) { const target = deref(d, r); if (!target || JSON.stringify(target).includes('"$ref"')) continue; op.responses["200"].content[JSON_TYPE].schema = clone(target); return true; } } return false; } },
  { id: "paths-reordered", category: "cosmetic", label: "compatible", apply: (d) => { const keys = Object.keys(d.paths ?? {}); if (keys.length < 2) return false; d.paths = Object.fromEntries(keys.reverse().map((k) => [k, d.paths[k]])); return true; } },
];

/** A base and a changed document that differ by the mutation only (both get the same inlining). */
export function casePair(doc: Doc, mutation: Mutation): { base: Doc; changed: Doc } | undefined {
  const base = clone(doc);
  const changed = clone(doc);
  if (!mutation.apply(changed)) return undefined;
  prepare(base, mutation);
  return { base, changed };
}

/** Runs the same target finders as the mutation without editing, so base and changed share inlining. */
function prepare(doc: Doc, mutation: Mutation): void {
  if (mutation.id.startsWith("request-")) requestSchema(doc);
  else if (mutation.id.startsWith("response-")) responseSchema(doc);
  else if (mutation.id.startsWith("parameter-")) {
    const want: Record<string, (p: Doc) => boolean> = {
      "parameter-made-required": (p) => !p.required,
      "parameter-made-optional": (p) => p.required === true,
      "parameter-type-changed": (p) => p.schema.type === "string" && !p.schema.enum,
      "parameter-enum-narrowed": (p) => Array.isArray(p.schema.enum) && p.schema.enum.length > 1,
      "parameter-enum-widened": (p) => Array.isArray(p.schema.enum) && p.schema.type === "string",
      "parameter-maximum-tightened": (p) => p.schema.type === "integer",
      "parameter-maximum-relaxed": (p) => p.schema.type === "integer" && typeof p.schema.maximum === "number",
    };
    queryParameter(doc, want[mutation.id] ?? (() => false));
  }
}
