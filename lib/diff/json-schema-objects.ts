// Object keywords. Strict policy (standalone JSON Schema, registry semantics): a property that only one side
// declares is judged on the schema each side applies to it (its declaration, a matching patternProperties
// entry, or additionalProperties), so declaring `bar: string` where additionalProperties already says
// string is no change. Lenient policy (OpenAPI/AsyncAPI payloads): see json-schema.ts.
import { isRecord, type Json } from "@/lib/catalog/import/util";
import type { Flag } from "./finding";
import { cap, closed } from "./json-schema-keywords";
import type { SchemaWalker, Side } from "./json-schema-walker";
import { child } from "./refs";

const has = (o: Json, key: string) => Object.prototype.hasOwnProperty.call(o, key);
const record = (v: unknown): Json => (isRecord(v) ? v : {});
const names = (v: unknown) => new Set(Array.isArray(v) ? v.filter((r): r is string => typeof r === "string") : []);

function matches(pattern: string, name: string): boolean {
  try {
    return new RegExp(pattern, "u").test(name);
  } catch {
    return false;
  }
}

/** The schema an object applies to the property `name`. */
function effective(s: Json, name: string): unknown {
  const patterns = Object.entries(record(s.patternProperties)).filter(([p]) => matches(p, name)).map(([, v]) => v);
  const declared = has(record(s.properties), name) ? [record(s.properties)[name]] : [];
  const all = [...declared, ...patterns];
  if (all.length === 0) return s.additionalProperties ?? true;
  return all.length === 1 ? all[0] : { allOf: all };
}

export function objects(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  const a = record(o.properties);
  const b = record(n.properties);
  const aReq = names(o.required);
  const bReq = names(n.required);
  const aClosed = closed(o);
  const bClosed = closed(n);
  for (const [name, schema] of Object.entries(a)) {
    if (has(b, name)) w.node(schema, child(oldPointer, "properties", name), b[name], child(at, "properties", name));
    else if (w.lenient) lenientRemoved(w, name, schema, child(at, "properties", name), aReq.has(name), bClosed);
    else strictOneSided(w, name, o, n, at, "removed", aReq.has(name));
  }
  for (const [name, schema] of Object.entries(b)) {
    if (has(a, name)) continue;
    if (w.lenient) {
      const widens: Flag = aClosed ? "maybe" : false;
      w.emit("jsonschema.property.added", child(at, "properties", name), `${bReq.has(name) ? "required" : "optional"} property '${name}' added`, false, widens);
    } else strictOneSided(w, name, o, n, at, "added", bReq.has(name));
    void schema;
  }
  for (const name of bReq) {
    if (aReq.has(name)) continue;
    const schema = w.resolved("new", b[name], child(at, "properties", name));
    const hasDefault = isRecord(schema) && schema.default !== undefined && !w.lenient;
    const unused = w.lenient && w.notInThisDirection(schema);
    const why = unused ? ` (${w.flipped ? "writeOnly" : "readOnly"}: not part of this direction)` : "";
    w.emit("jsonschema.required.added", child(at, "properties", name), `property '${name}' is now required${why}`, !hasDefault && !unused, false, child(at, "required", name));
  }
  for (const name of aReq) {
    if (bReq.has(name) || (has(a, name) && !has(b, name))) continue;
    const unused = w.lenient && w.notInThisDirection(w.resolved("old", a[name], child(oldPointer, "properties", name)));
    w.emit("jsonschema.required.removed", child(at, "properties", name), `property '${name}' is no longer required`, false, !unused, child(at, "required", name));
  }
  additional(w, o, oldPointer, n, at, aClosed, bClosed);
  patterns(w, o, oldPointer, n, at);
  if (o.propertyNames !== undefined || n.propertyNames !== undefined) w.node(o.propertyNames ?? true, child(oldPointer, "propertyNames"), n.propertyNames ?? true, child(at, "propertyNames"));
  dependencies(w, o, oldPointer, n, at);
  if (isRecord(o.unevaluatedProperties) || isRecord(n.unevaluatedProperties)) {
    w.node(o.unevaluatedProperties ?? true, child(oldPointer, "unevaluatedProperties"), n.unevaluatedProperties ?? true, child(at, "unevaluatedProperties"));
  }
}

function lenientRemoved(w: SchemaWalker, name: string, schema: unknown, pointer: string, required: boolean, bClosed: boolean): void {
  const deprecated = isRecord(schema) && schema.deprecated === true;
  let narrows: Flag = bClosed ? true : "maybe";
  let widens: Flag = required ? true : "maybe";
  if (deprecated) [narrows, widens] = [cap(narrows), cap(widens)];
  const rule = deprecated ? "jsonschema.property.removed-after-deprecation" : "jsonschema.property.removed";
  w.emit(rule, pointer, `${required ? "required" : "optional"} property '${name}' removed${deprecated ? " (it was deprecated)" : ""}`, narrows, widens);
}

function strictOneSided(w: SchemaWalker, name: string, o: Json, n: Json, at: string, how: "added" | "removed", required: boolean): void {
  const x = effective(o, name);
  const y = effective(n, name);
  const narrows = !w.subset(x, "old", y, "new");
  const widens = !w.subset(y, "new", x, "old");
  const note = narrows || widens ? "" : " (the same values were already allowed there)";
  w.emit(`jsonschema.property.${how}`, child(at, "properties", name), `${required ? "required" : "optional"} property '${name}' ${how}${note}`, narrows, widens);
}

function additional(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string, aClosed: boolean, bClosed: boolean): void {
  const maybe = (flag: boolean): Flag => (w.lenient && flag ? "maybe" : flag);
  if (!aClosed && bClosed) {
    w.emit("jsonschema.additionalProperties.closed", at, "object closed: additional properties are no longer allowed", maybe(true), false, `${at}/additionalProperties`);
    return;
  }
  if (aClosed && !bClosed) {
    w.emit("jsonschema.additionalProperties.opened", at, "object opened: additional properties are now allowed", false, maybe(true), `${at}/additionalProperties`);
    return;
  }
  if (isRecord(o.additionalProperties) || isRecord(n.additionalProperties)) {
    w.node(o.additionalProperties ?? true, child(oldPointer, "additionalProperties"), n.additionalProperties ?? true, child(at, "additionalProperties"));
  }
}

/** A pattern only one side has is compared with what the other side applies to such names (additionalProperties). */
function patterns(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  const a = record(o.patternProperties);
  const b = record(n.patternProperties);
  const sides: [Side, Side] = ["old", "new"];
  for (const pattern of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const pointer = child(at, "patternProperties", pattern);
    if (has(a, pattern) && has(b, pattern)) {
      w.node(a[pattern], child(oldPointer, "patternProperties", pattern), b[pattern], pointer);
      continue;
    }
    const x = has(a, pattern) ? a[pattern] : (o.additionalProperties ?? true);
    const y = has(b, pattern) ? b[pattern] : (n.additionalProperties ?? true);
    const narrows = !w.subset(x, sides[0], y, sides[1]);
    const widens = !w.subset(y, sides[1], x, sides[0]);
    w.emit(`jsonschema.patternProperties.${has(a, pattern) ? "removed" : "added"}`, pointer, `patternProperties /${pattern}/ ${has(a, pattern) ? "removed" : "added"}`, narrows, widens);
  }
}

/** dependentRequired / dependentSchemas, and draft-07 `dependencies` (arrays are the first, schemas the second). */
function dependencies(w: SchemaWalker, o: Json, oldPointer: string, n: Json, at: string): void {
  const split = (s: Json) => {
    const required: Record<string, Set<string>> = {};
    const schemas: Record<string, { schema: unknown; key: string }> = {};
    for (const [k, v] of Object.entries(record(s.dependentRequired))) required[k] = names(v);
    for (const [k, v] of Object.entries(record(s.dependentSchemas))) schemas[k] = { schema: v, key: "dependentSchemas" };
    for (const [k, v] of Object.entries(record(s.dependencies))) {
      if (Array.isArray(v)) required[k] = names(v);
      else schemas[k] = { schema: v, key: "dependencies" };
    }
    return { required, schemas };
  };
  const x = split(o);
  const y = split(n);
  for (const key of new Set([...Object.keys(x.required), ...Object.keys(y.required)])) {
    const before = x.required[key] ?? new Set<string>();
    const after = y.required[key] ?? new Set<string>();
    const added = [...after].filter((p) => !before.has(p));
    const removed = [...before].filter((p) => !after.has(p));
    if (!added.length && !removed.length) continue;
    const list = (ps: string[]) => ps.map((p) => `'${p}'`).join(", ");
    const what = [added.length ? `now also requires ${list(added)}` : "", removed.length ? `no longer requires ${list(removed)}` : ""].filter(Boolean).join(" and ");
    w.emit("jsonschema.dependentRequired.changed", child(at, "dependentRequired", key), `when '${key}' is present the object ${what}`, added.length > 0, removed.length > 0);
  }
  for (const key of new Set([...Object.keys(x.schemas), ...Object.keys(y.schemas)])) {
    const p = x.schemas[key];
    const q = y.schemas[key];
    w.node(p?.schema ?? true, child(oldPointer, p?.key ?? "dependentSchemas", key), q?.schema ?? true, child(at, q?.key ?? p?.key ?? "dependentSchemas", key));
  }
}
