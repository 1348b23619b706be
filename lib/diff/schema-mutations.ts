// Test support: small edits of a JSON Schema at a chosen subschema, each one of the kinds producers make
// (bounds, required, properties, types, enums, patterns, formats, combinators). compat-property.test.ts
// applies them to real schemas and checks the diff's verdict against the values each side accepts.
import { escapePointer } from "@/lib/catalog/import/util";

export type Schema = Record<string, unknown>;

type Mutation = { name: string; apply: (schema: Schema, pointer: string, seed: number) => Schema };

const SUBSCHEMA_KEYS = ["properties", "items", "additionalProperties", "allOf", "anyOf", "oneOf", "not"];

/** Pointers of the object subschemas inside `schema` (not following $ref, not into components). */
export function subschemaPointers(schema: Schema): string[] {
  const out: string[] = [];
  const walk = (node: unknown, pointer: string, depth: number) => {
    if (typeof node !== "object" || node === null || Array.isArray(node) || depth > 6) return;
    out.push(pointer);
    const s = node as Schema;
    for (const key of SUBSCHEMA_KEYS) {
      const value = s[key];
      if (key === "properties" && typeof value === "object" && value !== null) {
        for (const [name, child] of Object.entries(value)) walk(child, `${pointer}/properties/${escapePointer(name)}`, depth + 1);
      } else if (Array.isArray(value)) value.forEach((child, i) => walk(child, `${pointer}/${key}/${i}`, depth + 1));
      else walk(value, `${pointer}/${key}`, depth + 1);
    }
  };
  walk(schema, "", 0);
  return out;
}

/** A copy of `schema` with the subschema at `pointer` replaced by edit(subschema). */
function at(schema: Schema, pointer: string, edit: (s: Schema) => Schema): Schema {
  const copy = structuredClone(schema);
  const segments = pointer.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  if (!segments.length) return edit(copy);
  let parent: Record<string, unknown> = copy;
  for (const segment of segments.slice(0, -1)) parent = parent[segment] as Record<string, unknown>;
  const last = segments[segments.length - 1];
  parent[last] = edit(parent[last] as Schema);
  return copy;
}

const pick = <T>(list: readonly T[], seed: number): T => list[seed % list.length];
const names = (s: Schema) => Object.keys((s.properties as Schema | undefined) ?? {});

export const mutations: Mutation[] = [
  ...(["minLength", "maxLength", "minimum", "maximum", "minItems", "maxItems", "minProperties", "multipleOf"] as const).map((key) => ({
    name: `set ${key}`,
    apply: (schema: Schema, pointer: string, seed: number) => at(schema, pointer, (s) => ({ ...s, [key]: key === "multipleOf" ? pick([2, 3, 0.5], seed) : pick([0, 1, 2, 3, 5, 10], seed) })),
  })),
  { name: "require a property", apply: (schema, pointer, seed) => at(schema, pointer, (s) => (names(s).length ? { ...s, required: [...new Set([...((s.required as string[]) ?? []), pick(names(s), seed)])] } : { ...s, required: ["id"] })) },
  { name: "drop required", apply: (schema, pointer) => at(schema, pointer, ({ required: _r, ...s }) => s) },
  { name: "remove a property", apply: (schema, pointer, seed) => at(schema, pointer, (s) => (names(s).length ? { ...s, properties: Object.fromEntries(Object.entries(s.properties as Schema).filter(([k]) => k !== pick(names(s), seed))) } : s)) },
  { name: "add a property", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, properties: { ...((s.properties as Schema) ?? {}), added: pick([{ type: "string" }, { type: "integer" }, {}], seed) } })) },
  { name: "set type", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, type: pick(["string", "integer", "number", "object", "array", ["string", "null"]], seed) })) },
  { name: "drop type", apply: (schema, pointer) => at(schema, pointer, ({ type: _t, ...s }) => s) },
  { name: "set enum", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, enum: pick([["a", "b"], [1, 2], ["a", 1, null]], seed) })) },
  { name: "set const", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, const: pick(["a", 1, true], seed) })) },
  { name: "close the object", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, additionalProperties: pick([false, { type: "string" }, true], seed) })) },
  { name: "set pattern", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, pattern: pick(["^[a-z]+$", "^[0-9]{3}$"], seed) })) },
  { name: "set format", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, format: pick(["date", "date-time", "email", "uuid"], seed) })) },
  { name: "wrap in anyOf", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ anyOf: [s, pick([{ type: "integer" }, { type: "null" }], seed)] })) },
  { name: "wrap in allOf", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ allOf: [s, pick([{ maxLength: 3 }, { required: ["id"] }, { minimum: 0 }], seed)] })) },
  { name: "wrap in oneOf", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ oneOf: [s, pick([{ type: "integer" }, { type: "string" }], seed)] })) },
  { name: "add not", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, not: pick([{ type: "null" }, { type: "string" }, { required: ["id"] }], seed) })) },
  { name: "add contains", apply: (schema, pointer, seed) => at(schema, pointer, (s) => ({ ...s, contains: pick([{ type: "string" }, { type: "integer" }], seed) })) },
  { name: "add dependentRequired", apply: (schema, pointer, seed) => at(schema, pointer, (s) => (names(s).length ? { ...s, dependentRequired: { [pick(names(s), seed)]: ["id"] } } : s)) },
  { name: "remove a keyword", apply: (schema, pointer, seed) => at(schema, pointer, (s) => { const keys = Object.keys(s); if (!keys.length) return s; const { [pick(keys, seed)]: _k, ...rest } = s; return rest; }) },
];
