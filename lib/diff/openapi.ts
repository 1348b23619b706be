// OpenAPI 3.x and Swagger 2.0 rules. "backward" here = consumers built against the old version break when
// talking to the new one. Requests are written by consumers and read by the provider, so tightening a
// request breaks them; responses are read by consumers, so loosening a response (a new enum value, a
// property that may now be missing) breaks them. Removing something that the previous version already
// marked deprecated is a WARN instead of an ERR: consumers were told, but some may still rely on it.
import { isRecord, type Json } from "@/lib/catalog/import/util";
import { Findings, type Finding, type Flag } from "./finding";
import { SchemaComparer } from "./json-schema";
import { webhooks } from "./openapi-webhooks";
import { child, resolve } from "./refs";

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;

export type Operation = { label: string; method: string; pathText: string; pointer: string; value: Json; pathItem: Json; pathPointer: string };
type Parameter = { key: string; label: string; pointer: string; value: Json };
type Body = { required: boolean; media: Map<string, { schema: unknown; pointer: string }> };
export type Doc = { root: Json; swagger: boolean };

export function compareOpenApi(oldRoot: Json, newRoot: Json): Finding[] {
  const out = new Findings();
  const a: Doc = { root: oldRoot, swagger: oldRoot.swagger !== undefined };
  const b: Doc = { root: newRoot, swagger: newRoot.swagger !== undefined };
  const schemas = new SchemaComparer(oldRoot, newRoot, out, { lenient: true, idSuffix: (flip) => (flip ? "@response" : "@request") });
  const ctx = { a, b, out, schemas };
  servers(ctx);
  securitySchemes(ctx);
  rootSecurity(ctx);
  const oldPaths = pathsOf(a);
  const newPaths = pathsOf(b);
  for (const [key, oldPath] of oldPaths) {
    const newPath = newPaths.get(key);
    if (!newPath) {
      const ops = operationsOf(oldPath.text, oldPath.value, oldPath.pointer);
      const allDeprecated = ops.length > 0 && ops.every((op) => op.value.deprecated === true);
      const methods = ops.map((op) => op.method).join(", ") || "no operations";
      out.add(
        allDeprecated ? "openapi.path.removed-after-deprecation" : "openapi.path.removed",
        oldPath.pointer,
        `path ${oldPath.text} removed (${methods})${allDeprecated ? "; its operations were deprecated" : ""}`,
        allDeprecated ? "maybe" : ops.length > 0,
        false,
        oldPath.text,
      );
      continue;
    }
    const oldOps = new Map(operationsOf(oldPath.text, oldPath.value, oldPath.pointer).map((op) => [op.method, op]));
    const newOps = new Map(operationsOf(newPath.text, newPath.value, newPath.pointer).map((op) => [op.method, op]));
    for (const [method, op] of oldOps) {
      const next = newOps.get(method);
      if (!next) {
        const deprecated = op.value.deprecated === true;
        out.add(
          deprecated ? "openapi.operation.removed-after-deprecation" : "openapi.operation.removed",
          op.pointer,
          `operation ${op.label} removed${deprecated ? " (it was deprecated)" : ""}`,
          deprecated ? "maybe" : true,
          false,
          op.label,
        );
      } else operation(ctx, op, next);
    }
    for (const [method, op] of newOps) if (!oldOps.has(method)) out.add("openapi.operation.added", op.pointer, `operation ${op.label} added`, false, false, op.label);
  }
  for (const [key, path] of newPaths) if (!oldPaths.has(key)) out.add("openapi.path.added", path.pointer, `path ${path.text} added`, false, false, path.text);
  webhooks(ctx);
  return out.list;
}

export type Ctx = { a: Doc; b: Doc; out: Findings; schemas: SchemaComparer };

function servers({ a, b, out }: Ctx): void {
  if (a.swagger && b.swagger) {
    const x = typeof a.root.basePath === "string" ? a.root.basePath : "/";
    const y = typeof b.root.basePath === "string" ? b.root.basePath : "/";
    if (x.replace(/\/$/, "") !== y.replace(/\/$/, "")) out.add("openapi.base-path.changed", "/basePath", `base path changed from ${x} to ${y}: every operation moved`, true, true);
    return;
  }
  const urls = (d: Doc) => new Set((Array.isArray(d.root.servers) ? d.root.servers : []).map((s) => (isRecord(s) && typeof s.url === "string" ? s.url : "")).filter(Boolean));
  const x = urls(a);
  const y = urls(b);
  for (const url of x) if (!y.has(url) && y.size > 0) out.add("openapi.server.removed", "/servers", `server ${url} removed`, "maybe", false, url);
}

function normalisePath(text: string): string {
  return text.replace(/\{[^}]*\}/g, "{}").replace(/\/+$/, "") || "/";
}

function pathsOf(d: Doc): Map<string, { text: string; value: Json; pointer: string }> {
  const map = new Map<string, { text: string; value: Json; pointer: string }>();
  const paths = isRecord(d.root.paths) ? d.root.paths : {};
  for (const [text, raw] of Object.entries(paths)) {
    if (text.startsWith("x-")) continue;
    const resolved = resolve(d.root, raw, child("/paths", text));
    if (isRecord(resolved.value)) map.set(normalisePath(text), { text, value: resolved.value, pointer: child("/paths", text) });
  }
  return map;
}

export function operationsOf(pathText: string, pathItem: Json, pathPointer: string): Operation[] {
  const ops: Operation[] = [];
  for (const method of METHODS) {
    const value = pathItem[method];
    if (isRecord(value)) ops.push({ label: `${method.toUpperCase()} ${pathText}`, method: method.toUpperCase(), pathText, pointer: child(pathPointer, method), value, pathItem, pathPointer });
  }
  return ops;
}

function operation(ctx: Ctx, a: Operation, b: Operation): void {
  const { out } = ctx;
  if (a.value.deprecated !== true && b.value.deprecated === true) out.add("openapi.operation.deprecated", b.pointer, `operation ${b.label} deprecated`, false, false, b.label);
  parameters(ctx, a, b);
  requestBody(ctx, a, b);
  responses(ctx, a, b);
  security(ctx, a, b);
}

// ---------------------------------------------------------------- parameters

function parametersOf(d: Doc, op: Operation): Parameter[] {
  const byKey = new Map<string, Parameter>();
  const pathParams = [...op.pathText.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const add = (list: unknown, pointer: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((raw, i) => {
      const resolved = resolve(d.root, raw, child(pointer, i));
      const p = resolved.value;
      if (!isRecord(p) || typeof p.name !== "string" || typeof p.in !== "string") return;
      if (p.in === "body") return;
      const index = p.in === "path" ? pathParams.indexOf(p.name) : -1;
      const key = p.in === "path" && index >= 0 ? `path:#${index}` : `${p.in}:${p.in === "header" ? p.name.toLowerCase() : p.name}`;
      byKey.set(key, { key, label: `${p.in} parameter '${p.name}'`, pointer: resolved.pointer, value: p });
    });
  };
  add(op.pathItem.parameters, child(op.pathPointer, "parameters"));
  add(op.value.parameters, child(op.pointer, "parameters"));
  return [...byKey.values()];
}

function parameterSchema(d: Doc, p: Parameter): { schema: unknown; pointer: string } {
  if (d.swagger) return { schema: p.value, pointer: p.pointer };
  if (p.value.schema !== undefined) return { schema: p.value.schema, pointer: child(p.pointer, "schema") };
  if (isRecord(p.value.content)) {
    const [mt, media] = Object.entries(p.value.content)[0] ?? [];
    if (mt && isRecord(media)) return { schema: media.schema ?? true, pointer: child(p.pointer, "content", mt, "schema") };
  }
  return { schema: true, pointer: p.pointer };
}

function parameters(ctx: Ctx, a: Operation, b: Operation): void {
  const { out } = ctx;
  const x = new Map(parametersOf(ctx.a, a).map((p) => [p.key, p]));
  const y = new Map(parametersOf(ctx.b, b).map((p) => [p.key, p]));
  for (const [key, p] of x) {
    const q = y.get(key);
    const at = `${b.label} ${key}`;
    if (!q) {
      if (p.value.in === "path") continue;
      const deprecated = p.value.deprecated === true;
      out.add(
        deprecated ? "openapi.parameter.removed-after-deprecation" : "openapi.parameter.removed",
        p.pointer,
        `${p.label} of ${a.label} removed: the provider now ignores it${deprecated ? " (it was deprecated)" : ""}`,
        deprecated ? false : "maybe",
        false,
        at,
      );
      continue;
    }
    const required = (v: Json) => v.required === true || v.in === "path";
    if (!required(p.value) && required(q.value)) out.add("openapi.parameter.now-required", q.pointer, `${q.label} of ${b.label} is now required`, true, false, at);
    if (required(p.value) && !required(q.value)) out.add("openapi.parameter.now-optional", q.pointer, `${q.label} of ${b.label} is now optional`, false, true, at);
    for (const key of ["style", "explode", "collectionFormat", "allowReserved"]) {
      if (p.value[key] !== undefined && q.value[key] !== undefined && p.value[key] !== q.value[key]) {
        out.add("openapi.parameter.serialization.changed", q.pointer, `${q.label} of ${b.label}: ${key} changed from ${String(p.value[key])} to ${String(q.value[key])}`, true, true, `${at}/${key}`);
      }
    }
    if (p.value.deprecated !== true && q.value.deprecated === true) out.add("openapi.parameter.deprecated", q.pointer, `${q.label} of ${b.label} deprecated`, false, false, at);
    const s = parameterSchema(ctx.a, p);
    const t = parameterSchema(ctx.b, q);
    ctx.schemas.compare(s.schema, s.pointer, t.schema, t.pointer, false, `${q.label} of ${b.label}`);
  }
  for (const [key, q] of y) {
    if (x.has(key)) continue;
    const required = q.value.required === true;
    out.add(
      required ? "openapi.parameter.required-added" : "openapi.parameter.added",
      q.pointer,
      `${required ? "required" : "optional"} ${q.label} added to ${b.label}`,
      required && q.value.in !== "path",
      false,
      `${b.label} ${key}`,
    );
  }
}

// ---------------------------------------------------------------- request bodies

function mediaTypesOf(list: unknown, fallback: unknown): string[] {
  const values = Array.isArray(list) ? list : Array.isArray(fallback) ? fallback : ["application/json"];
  return values.filter((v): v is string => typeof v === "string");
}

export function requestBodyOf(d: Doc, op: Operation): Body | undefined {
  if (d.swagger) {
    const params = [...(Array.isArray(op.pathItem.parameters) ? op.pathItem.parameters : []), ...(Array.isArray(op.value.parameters) ? op.value.parameters : [])];
    const all = [...(Array.isArray(op.pathItem.parameters) ? op.pathItem.parameters.map((_, i) => child(op.pathPointer, "parameters", i)) : []), ...(Array.isArray(op.value.parameters) ? op.value.parameters.map((_, i) => child(op.pointer, "parameters", i)) : [])];
    for (let i = params.length - 1; i >= 0; i--) {
      const r = resolve(d.root, params[i], all[i]);
      if (isRecord(r.value) && r.value.in === "body") {
        const media = new Map<string, { schema: unknown; pointer: string }>();
        for (const mt of mediaTypesOf(op.value.consumes, d.root.consumes)) media.set(mt, { schema: r.value.schema ?? true, pointer: child(r.pointer, "schema") });
        return { required: r.value.required === true, media };
      }
    }
    return undefined;
  }
  if (op.value.requestBody === undefined) return undefined;
  const r = resolve(d.root, op.value.requestBody, child(op.pointer, "requestBody"));
  if (!isRecord(r.value)) return undefined;
  return { required: r.value.required === true, media: contentOf(r.value.content, child(r.pointer, "content")) };
}

function contentOf(content: unknown, pointer: string): Map<string, { schema: unknown; pointer: string }> {
  const media = new Map<string, { schema: unknown; pointer: string }>();
  if (!isRecord(content)) return media;
  for (const [mt, value] of Object.entries(content)) media.set(mt, { schema: isRecord(value) && value.schema !== undefined ? value.schema : true, pointer: child(pointer, mt, "schema") });
  return media;
}

/** Pairs media types; "application/json" and "application/json; charset=utf-8" are the same type. */
export function pairMedia(x: Map<string, unknown>, y: Map<string, unknown>): { matched: [string, string][]; oldOnly: string[]; newOnly: string[] } {
  const base = (mt: string) => mt.split(";")[0].trim().toLowerCase();
  const matched: [string, string][] = [];
  const usedY = new Set<string>();
  const oldOnly: string[] = [];
  for (const mt of x.keys()) {
    const hit = y.has(mt) ? mt : [...y.keys()].find((k) => !usedY.has(k) && base(k) === base(mt));
    if (hit && !usedY.has(hit)) {
      matched.push([mt, hit]);
      usedY.add(hit);
    } else oldOnly.push(mt);
  }
  return { matched, oldOnly, newOnly: [...y.keys()].filter((k) => !usedY.has(k)) };
}

function requestBody(ctx: Ctx, a: Operation, b: Operation): void {
  const { out } = ctx;
  const x = requestBodyOf(ctx.a, a);
  const y = requestBodyOf(ctx.b, b);
  const pointer = child(b.pointer, "requestBody");
  if (!x && !y) return;
  if (!x) {
    out.add(y!.required ? "openapi.request-body.required-added" : "openapi.request-body.added", pointer, `${y!.required ? "required " : ""}request body added to ${b.label}`, y!.required, false, b.label);
    return;
  }
  if (!y) {
    out.add("openapi.request-body.removed", pointer, `request body of ${b.label} removed: the provider now ignores it`, "maybe", false, b.label);
    return;
  }
  if (!x.required && y.required) out.add("openapi.request-body.now-required", pointer, `request body of ${b.label} is now required`, true, false, b.label);
  if (x.required && !y.required) out.add("openapi.request-body.now-optional", pointer, `request body of ${b.label} is now optional`, false, true, b.label);
  const pairs = pairMedia(x.media, y.media);
  for (const mt of pairs.oldOnly) out.add("openapi.request-body.media-type.removed", pointer, `${b.label} no longer accepts ${mt} request bodies`, true, false, `${b.label} ${mt}`);
  for (const mt of pairs.newOnly) out.add("openapi.request-body.media-type.added", pointer, `${b.label} now accepts ${mt} request bodies`, false, true, `${b.label} ${mt}`);
  for (const [m, n] of pairs.matched) {
    const s = x.media.get(m)!;
    const t = y.media.get(n)!;
    ctx.schemas.compare(s.schema, s.pointer, t.schema, t.pointer, false, `request body of ${b.label}`);
  }
}

// ---------------------------------------------------------------- responses

type Response = { pointer: string; value: Json; media: Map<string, { schema: unknown; pointer: string }>; headers: Map<string, { value: Json; pointer: string }> };

export function responsesOf(d: Doc, op: Operation): Map<string, Response> {
  const map = new Map<string, Response>();
  const responses = isRecord(op.value.responses) ? op.value.responses : {};
  for (const [status, raw] of Object.entries(responses)) {
    if (status.startsWith("x-")) continue;
    const r = resolve(d.root, raw, child(op.pointer, "responses", status));
    if (!isRecord(r.value)) continue;
    let media: Response["media"];
    if (d.swagger) {
      media = new Map();
      if (r.value.schema !== undefined) media.set("(body)", { schema: r.value.schema, pointer: child(r.pointer, "schema") });
    } else media = contentOf(r.value.content, child(r.pointer, "content"));
    const headers = new Map<string, { value: Json; pointer: string }>();
    if (isRecord(r.value.headers)) {
      for (const [name, h] of Object.entries(r.value.headers)) {
        const hr = resolve(d.root, h, child(r.pointer, "headers", name));
        if (isRecord(hr.value)) headers.set(name.toLowerCase(), { value: hr.value, pointer: hr.pointer });
      }
    }
    map.set(status.toUpperCase(), { pointer: r.pointer, value: r.value, media, headers });
  }
  return map;
}

const isSuccess = (status: string) => /^[23]/.test(status);

function responses(ctx: Ctx, a: Operation, b: Operation): void {
  const { out } = ctx;
  const x = responsesOf(ctx.a, a);
  const y = responsesOf(ctx.b, b);
  for (const [status, r] of x) {
    const s = y.get(status);
    const at = `${b.label} ${status}`;
    if (!s) {
      const success = isSuccess(status);
      out.add("openapi.response.removed", child(a.pointer, "responses", status), `response ${status} of ${b.label} removed${success ? ": consumers expecting it break" : ""}`, success, false, at);
      continue;
    }
    if (ctx.a.swagger && ctx.b.swagger) {
      const mx = new Set(mediaTypesOf(a.value.produces, ctx.a.root.produces));
      const my = new Set(mediaTypesOf(b.value.produces, ctx.b.root.produces));
      if (r.media.size && status === [...x.keys()].find(isSuccess)) {
        for (const mt of mx) if (!my.has(mt)) out.add("openapi.response.media-type.removed", child(b.pointer, "produces"), `${b.label} no longer produces ${mt}`, true, false, `${b.label} ${mt}`);
      }
    }
    const pairs = pairMedia(r.media, s.media);
    for (const mt of pairs.oldOnly) out.add("openapi.response.media-type.removed", s.pointer, `response ${status} of ${b.label} no longer returns ${mt === "(body)" ? "a body" : mt}`, true, false, `${at} ${mt}`);
    for (const mt of pairs.newOnly) out.add("openapi.response.media-type.added", s.pointer, `response ${status} of ${b.label} now also returns ${mt === "(body)" ? "a body" : mt}`, false, false, `${at} ${mt}`);
    for (const [m, n] of pairs.matched) {
      const p = r.media.get(m)!;
      const q = s.media.get(n)!;
      ctx.schemas.compare(p.schema, p.pointer, q.schema, q.pointer, true, `response ${status} of ${b.label}`);
    }
    for (const [name, h] of r.headers) {
      const k = s.headers.get(name);
      if (!k) {
        const required = h.value.required === true;
        out.add("openapi.response.header.removed", h.pointer, `response header ${name} of ${b.label} ${status} removed`, required ? true : "maybe", false, `${at} ${name}`);
        continue;
      }
      if (h.value.required === true && k.value.required !== true) out.add("openapi.response.header.now-optional", k.pointer, `response header ${name} of ${b.label} ${status} is now optional`, true, false, `${at} ${name}`);
      const hs = ctx.a.swagger ? { schema: h.value, pointer: h.pointer } : { schema: h.value.schema ?? true, pointer: child(h.pointer, "schema") };
      const ks = ctx.b.swagger ? { schema: k.value, pointer: k.pointer } : { schema: k.value.schema ?? true, pointer: child(k.pointer, "schema") };
      ctx.schemas.compare(hs.schema, hs.pointer, ks.schema, ks.pointer, true, `response header ${name} of ${b.label} ${status}`);
    }
  }
  for (const status of y.keys()) {
    if (x.has(status)) continue;
    out.add("openapi.response.added", child(b.pointer, "responses", status), `response ${status} added to ${b.label}`, false, false, `${b.label} ${status}`);
  }
}

// ---------------------------------------------------------------- security

type Requirement = Map<string, Set<string>>;

function requirementsOf(d: Doc, op: Operation): Requirement[] {
  const raw = Array.isArray(op.value.security) ? op.value.security : Array.isArray(d.root.security) ? d.root.security : [];
  return raw.filter(isRecord).map((r) => new Map(Object.entries(r).map(([k, v]) => [k, new Set(Array.isArray(v) ? v.map(String) : [])])));
}

const anonymous = (list: Requirement[]) => list.length === 0 || list.some((r) => r.size === 0);

function schemeDefinitions(d: Doc): Json {
  if (d.swagger) return isRecord(d.root.securityDefinitions) ? d.root.securityDefinitions : {};
  const components = isRecord(d.root.components) ? d.root.components : {};
  return isRecord(components.securitySchemes) ? components.securitySchemes : {};
}

/** Operations that inherit the document's security in both versions are covered by rootSecurity(). */
function security(ctx: Ctx, a: Operation, b: Operation): void {
  if (!Array.isArray(a.value.security) && !Array.isArray(b.value.security)) return;
  compareSecurity(ctx.out, requirementsOf(ctx.a, a), requirementsOf(ctx.b, b), child(b.pointer, "security"), b.label);
}

function rootSecurity({ a, b, out }: Ctx): void {
  const list = (d: Doc) => (Array.isArray(d.root.security) ? d.root.security : []).filter(isRecord).map((r) => new Map(Object.entries(r).map(([k, v]) => [k, new Set(Array.isArray(v) ? v.map(String) : [])])));
  compareSecurity(out, list(a), list(b), "/security", "every operation");
}

function compareSecurity(out: Findings, x: Requirement[], y: Requirement[], pointer: string, label: string): void {
  if (!anonymous(x) && anonymous(y)) {
    out.add("openapi.security.removed", pointer, `${label} no longer requires authentication`, false, false, label);
    return;
  }
  if (anonymous(x) && !anonymous(y)) {
    out.add("openapi.security.added", pointer, `${label} now requires authentication (${y.map((r) => [...r.keys()].join(" + ")).join(" or ")})`, true, false, label);
    return;
  }
  if (anonymous(x)) return;
  for (const r of x) {
    if (r.size === 0) continue;
    const how = [...r.keys()].join(" + ");
    // A consumer authenticating this way still gets in if some new alternative asks for no more than it.
    const satisfied = y.some((s) => [...s].every(([scheme, scopes]) => r.has(scheme) && [...scopes].every((sc) => r.get(scheme)!.has(sc))));
    if (satisfied) continue;
    const same = y.find((s) => s.size === r.size && [...s.keys()].every((k) => r.has(k)));
    if (same) {
      const added = [...same].flatMap(([scheme, scopes]) => [...scopes].filter((sc) => !r.get(scheme)!.has(sc)).map((sc) => `${scheme}:${sc}`));
      out.add("openapi.security.scopes.added", pointer, `${label} now requires the scopes ${added.join(", ")}`, true, false, `${label} ${how}`);
    } else out.add("openapi.security.requirement.removed", pointer, `${label} no longer accepts ${how} authentication`, true, false, `${label} ${how}`);
  }
  for (const s of y) {
    const how = [...s.keys()].join(" + ");
    if (!x.some((r) => r.size === s.size && [...s.keys()].every((k) => r.has(k)))) out.add("openapi.security.requirement.added", pointer, `${label} now also accepts ${how || "anonymous"} access`, false, false, `${label} +${how}`);
  }
}

function schemesInUse(d: Doc): Set<string> {
  const names = new Set<string>();
  const collect = (list: unknown) => (Array.isArray(list) ? list.filter(isRecord).forEach((r) => Object.keys(r).forEach((k) => names.add(k))) : undefined);
  collect(d.root.security);
  for (const path of pathsOf(d).values()) for (const op of operationsOf(path.text, path.value, path.pointer)) collect(op.value.security);
  return names;
}

/** Security schemes are compared once, where they are defined. */
function securitySchemes({ a, b, out }: Ctx): void {
  const defsA = schemeDefinitions(a);
  const defsB = schemeDefinitions(b);
  const base = a.swagger ? "/securityDefinitions" : "/components/securitySchemes";
  for (const [scheme, x] of Object.entries(defsA)) {
    const y = defsB[scheme];
    const pointer = child(base, scheme);
    if (!isRecord(x)) continue;
    if (!isRecord(y)) {
      // Requirements that named it are judged where they are; a scheme nothing requires any more breaks no one.
      const used = schemesInUse(b).has(scheme);
      out.add("openapi.security.scheme.removed", pointer, `security scheme ${scheme} removed${used ? " but still required" : " (no operation requires it)"}`, used, false, scheme);
      continue;
    }
    const keys = ["type", "in", "name", "scheme", "bearerFormat", "openIdConnectUrl", "flow", "tokenUrl", "authorizationUrl"];
    const changed = keys.filter((k) => x[k] !== y[k]);
    const flowsOf = (v: Json) => JSON.stringify(Object.keys(isRecord(v.flows) ? v.flows : {}).sort());
    if (flowsOf(x) !== flowsOf(y)) changed.push("flows");
    if (!changed.length) continue;
    const flag: Flag = changed.some((k) => ["type", "in", "name", "scheme"].includes(k)) ? true : "maybe";
    out.add("openapi.security.scheme.changed", pointer, `security scheme ${scheme} changed (${changed.join(", ")})`, flag, flag, scheme);
  }
}
