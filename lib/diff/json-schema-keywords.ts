// Keyword helpers for the JSON Schema comparison (json-schema.ts): reading types, enums and bounds, and
// pairing oneOf/anyOf/allOf alternatives.
import { isRecord, type Json } from "@/lib/catalog/import/util";
import type { Flag } from "./finding";
import { refName } from "./refs";

export type Bound = { value: number; exclusive: boolean };

export function cap(flag: Flag): Flag {
  return flag === true ? "maybe" : flag;
}

/** {allOf: [X]} with nothing else that constrains is X. */
export function unwrap(value: unknown): unknown {
  if (!isRecord(value) || !Array.isArray(value.allOf) || value.allOf.length !== 1) return value;
  const keys = Object.keys(value).filter((k) => !["allOf", "description", "title", "example", "examples", "deprecated", "externalDocs"].includes(k));
  return keys.length ? value : value.allOf[0];
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

/** Pairs alternatives: first by $ref target, then by title, then the rest by position. */
export function matchBranches(a: unknown[], b: unknown[]): { matched: [number, number][]; oldOnly: number[]; newOnly: number[] } {
  const keyOf = (s: unknown) => (isRecord(s) ? (typeof s.$ref === "string" ? `ref:${refName(s.$ref)}` : typeof s.title === "string" ? `title:${s.title}` : undefined) : undefined);
  const matched: [number, number][] = [];
  const usedB = new Set<number>();
  const usedA = new Set<number>();
  a.forEach((x, i) => {
    const key = keyOf(x);
    if (!key) return;
    const j = b.findIndex((y, k) => !usedB.has(k) && keyOf(y) === key);
    if (j >= 0) {
      matched.push([i, j]);
      usedA.add(i);
      usedB.add(j);
    }
  });
  const restA = a.map((_, i) => i).filter((i) => !usedA.has(i) && !keyOf(a[i]));
  const restB = b.map((_, j) => j).filter((j) => !usedB.has(j) && !keyOf(b[j]));
  while (restA.length && restB.length) {
    const i = restA.shift()!;
    const j = restB.shift()!;
    matched.push([i, j]);
    usedA.add(i);
    usedB.add(j);
  }
  return { matched, oldOnly: a.map((_, i) => i).filter((i) => !usedA.has(i)), newOnly: b.map((_, j) => j).filter((j) => !usedB.has(j)) };
}
