// Keyword helpers for the JSON Schema comparison (json-schema.ts): reading types, enums and bounds, and
// pairing oneOf/anyOf/allOf alternatives.
import { isRecord, type Json } from "@/lib/catalog/import/util";
import type { Flag } from "./finding";
import { refName } from "./refs";

export type Bound = { value: number; exclusive: boolean };

export function cap(flag: Flag): Flag {
  return flag === true ? "maybe" : flag;
}

/**
 * {allOf: [X]}, {anyOf: [X]} or {oneOf: [X]} with nothing else that constrains is X, unless the other side
 * uses the same combinator (then the branches are matched instead).
 */
export function unwrap(value: unknown, other?: unknown): unknown {
  if (!isRecord(value)) return value;
  const kind = (["allOf", "anyOf", "oneOf"] as const).find((k) => Array.isArray(value[k]) && (value[k] as unknown[]).length === 1);
  if (!kind || (isRecord(other) && Array.isArray(other[kind]))) return value;
  const keys = Object.keys(value).filter((k) => k !== kind && k !== "discriminator" && !ANNOTATIONS.has(k) && !k.startsWith("x-"));
  return keys.length ? value : (value[kind] as unknown[])[0];
}

/**
 * Keywords that never change which values a schema accepts, and that no reader acts on. (A discriminator or a
 * vendor extension such as x-extensible-enum may steer readers, so their changes are reported as not judged.)
 */
export const ANNOTATIONS = new Set(["description", "title", "example", "examples", "deprecated", "externalDocs", "$comment", "$schema", "$id", "$anchor", "$defs", "definitions", "readOnly", "writeOnly", "xml", "contentSchema", "default"]);

/** Keywords json-schema.ts and its keyword modules judge; any other keyword that differs is reported as not judged. */
export const JUDGED = new Set([
  ...["type", "nullable", "format", "enum", "const", "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum", "multipleOf"],
  ...["minLength", "maxLength", "pattern", "contentEncoding", "contentMediaType", "minItems", "maxItems", "uniqueItems"],
  ...["items", "prefixItems", "additionalItems", "contains", "minContains", "maxContains", "unevaluatedItems"],
  ...["properties", "required", "additionalProperties", "patternProperties", "propertyNames", "minProperties", "maxProperties"],
  ...["dependentRequired", "dependencies", "dependentSchemas", "unevaluatedProperties", "allOf", "anyOf", "oneOf", "not", "if", "then", "else", "$ref"],
]);

/** JSON text with object keys sorted: equal schemas written in another key order compare equal. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (isRecord(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v)) ?? "undefined";
}

export function typesOf(s: Json, lenient: boolean): Set<string> | undefined {
  let types: Set<string> | undefined;
  if (typeof s.type === "string") types = new Set([s.type]);
  else if (Array.isArray(s.type)) types = new Set(s.type.filter((t): t is string => typeof t === "string"));
  else if (lenient && (isRecord(s.properties) || isRecord(s.additionalProperties))) types = new Set(["object"]);
  else if (lenient && s.items !== undefined) types = new Set(["array"]);
  if (types && s.nullable === true) types.add("null");
  return types;
}

export function covered(type: string, set: Set<string>): boolean {
  return set.has(type) || (type === "integer" && set.has("number"));
}

export function enumOf(s: Json): Map<string, string> | undefined {
  const values = Array.isArray(s.enum) ? s.enum : s.const !== undefined ? [s.const] : undefined;
  if (!values) return undefined;
  const map = new Map<string, string>();
  for (const v of values) {
    const key = JSON.stringify(v);
    map.set(key, typeof v === "string" ? v : key);
  }
  if (s.nullable === true) map.set("null", "null");
  return map;
}

export function numberBound(value: unknown): Bound | undefined {
  return typeof value === "number" ? { value, exclusive: false } : undefined;
}

export function lowerOf(s: Json): Bound | undefined {
  if (typeof s.exclusiveMinimum === "number") return { value: s.exclusiveMinimum, exclusive: true };
  if (typeof s.minimum === "number") return { value: s.minimum, exclusive: s.exclusiveMinimum === true };
  return undefined;
}

export function upperOf(s: Json): Bound | undefined {
  if (typeof s.exclusiveMaximum === "number") return { value: s.exclusiveMaximum, exclusive: true };
  if (typeof s.maximum === "number") return { value: s.maximum, exclusive: s.exclusiveMaximum === true };
  return undefined;
}

export function isMultiple(value: number, of: number): boolean {
  const q = value / of;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

export function closed(s: Json): boolean {
  return s.additionalProperties === false || s.unevaluatedProperties === false;
}

export function isEmptySchema(s: unknown): boolean {
  return s === true || (isRecord(s) && Object.keys(s).every((k) => ["description", "title", "example", "examples"].includes(k)));
}

export function short(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** Pairs alternatives by meaning: equal schemas first, then by $ref target, then by title, then the rest by position. */
export function matchBranches(a: unknown[], b: unknown[]): { matched: [number, number][]; oldOnly: number[]; newOnly: number[] } {
  const keyOf = (s: unknown) => (isRecord(s) ? (typeof s.$ref === "string" ? `ref:${refName(s.$ref)}` : typeof s.title === "string" ? `title:${s.title}` : undefined) : undefined);
  const matched: [number, number][] = [];
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  const textB = b.map(canonical);
  a.forEach((x, i) => {
    const text = canonical(x);
    const j = textB.findIndex((t, k) => !usedB.has(k) && t === text);
    if (j >= 0) {
      matched.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  a.forEach((x, i) => {
    const key = keyOf(x);
    if (!key || usedA.has(i)) return;
    const j = b.findIndex((y, k) => !usedB.has(k) && keyOf(y) === key);
    if (j >= 0) {
      matched.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  const restA = a.map((_, i) => i).filter((i) => !usedA.has(i) && !keyOf(a[i]));
  const restB = b.map((_, j) => j).filter((j) => !usedB.has(j) && !keyOf(b[j]));
  // Leftovers pair by position only when both sides have them: an edited branch rather than an added one.
  while (restA.length && restB.length) {
    const i = restA.shift()!;
    const j = restB.shift()!;
    matched.push([i, j]);
    usedA.add(i);
    usedB.add(j);
  }
  return { matched, oldOnly: a.map((_, i) => i).filter((i) => !usedA.has(i)), newOnly: b.map((_, j) => j).filter((j) => !usedB.has(j)) };
}

const refSiblings = new WeakMap<object, unknown>();

/**
 * `{$ref: X, const: "a"}`: keywords beside a $ref constrain too (2019-09 on, and what validators such as ajv
 * do), so such a node compares as allOf [the reference, the siblings]. Annotations beside a $ref are ignored.
 */
export function withRefSiblings(value: unknown): unknown {
  if (!isRecord(value) || typeof value.$ref !== "string") return value;
  const cached = refSiblings.get(value);
  if (cached) return cached;
  const { $ref, ...rest } = value;
  const constraining = Object.keys(rest).some((k) => !ANNOTATIONS.has(k) && !k.startsWith("x-"));
  const expanded = constraining ? { allOf: [{ $ref }, rest] } : value;
  refSiblings.set(value, expanded);
  return expanded;
}

// Strings that tell common patterns apart; a regex's own literal characters are added per pair.
const PROBES = ["", "a", "abc", "A", "ABC", "Abc", "0", "123", "a1", "-1", "1.5", " ", "a b", "_", ".", "@", "x@y.z", "é", "2024-01-01", "2024-01-01T00:00:00Z", "http://x.y/z", "ab-12_CD"];

function compilePattern(pattern: string): RegExp | undefined {
  try {
    return new RegExp(pattern, "u");
  } catch {
    return undefined;
  }
}

/**
 * Whether a string matches `a` and not `b`, found among probe strings: true when one is found, "maybe" when
 * none is (regex inclusion is undecidable here, so no answer is not a proof).
 */
export function patternEscapes(a: string, b: string): Flag {
  const x = compilePattern(a);
  const y = compilePattern(b);
  if (!x || !y) return "maybe";
  const literals = (p: string) => p.replace(/\\.|[\^$.*+?()[\]{}|]/g, "");
  const probes = [...PROBES, literals(a), literals(b), literals(a) + literals(b)];
  return probes.some((s) => x.test(s) && !y.test(s)) ? true : "maybe";
}
