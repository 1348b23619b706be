// $ref handling shared by the OpenAPI and AsyncAPI importers: refuse external references (imports never
// fetch), report unresolvable ones and over-long chains, and flatten schemas into fields without looping
// on recursive schemas.
import type { ImportLimits, ImportedField } from "./model";
import type { Source } from "./source";
import { asArray, exampleText, getAtPointer, isRecord, pointerOf, Problems, splitPointer, str, type Json } from "./util";

/** Segments of an internal ref ("#/components/schemas/Pet"), or undefined for an external one. */
export function internalRefSegments(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  let fragment = ref.slice(1);
  try {
    fragment = decodeURIComponent(fragment);
  } catch {
    // a literal '%' in a key: use the fragment as written
  }
  return splitPointer(fragment);
}

/** Checks every $ref in the document; throws all problems with their pointers and lines. */
export function checkRefs(root: unknown, source: Source, limits: ImportLimits, doc = 0): void {
  const problems = new Problems();
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value: root, path: [] }];
  while (stack.length && !problems.full) {
    const { value, path } = stack.pop()!;
    if (Array.isArray(value)) {
      value.forEach((v, i) => typeof v === "object" && v !== null && stack.push({ value: v, path: [...path, i] }));
      continue;
    }
    if (!isRecord(value)) continue;
    const ref = value.$ref;
    if (typeof ref === "string" && !isSchemaProperty(path)) {
      const pointer = pointerOf([...path, "$ref"]);
      const problem = refProblem(root, ref, limits);
      if (problem) problems.add(source.at(pointer, problem, doc));
    }
    for (const [k, v] of Object.entries(value)) if (typeof v === "object" && v !== null) stack.push({ value: v, path: [...path, k] });
  }
  problems.throwIfAny();
}

// A schema may have a property literally named "$ref" (properties: { $ref: {...} }); that is not a reference.
function isSchemaProperty(path: readonly (string | number)[]): boolean {
  return path[path.length - 1] === "properties";
}

function refProblem(root: unknown, ref: string, limits: ImportLimits): string | undefined {
  const seen = new Set<string>();
  let current = ref;
  for (let hops = 0; ; hops++) {
    const segments = internalRefSegments(current);
    if (!segments) return `external $ref '${current}' is not allowed: imports never fetch files or URLs (bundle the document first)`;
    if (hops >= limits.maxRefDepth) return `$ref chain from '${ref}' is deeper than the limit of ${limits.maxRefDepth}`;
    if (seen.has(current)) return `$ref '${ref}' loops back to itself without reaching a value`;
    seen.add(current);
    const target = getAtPointer(root, segments);
    if (!target.found) return `$ref '${current}' does not resolve to anything in this document`;
    const next = isRecord(target.value) ? target.value.$ref : undefined;
    if (typeof next !== "string") return undefined;
    current = next;
  }
}

export type SchemaContext = { root: unknown; limits: ImportLimits; maxFields?: number };

/** Follows a ref chain (already checked by checkRefs) to a value; names the last ref's target. */
export function deref(ctx: SchemaContext, value: unknown): { value: unknown; refName?: string; ref?: string } {
  let current = value;
  let refName: string | undefined;
  let ref: string | undefined;
  for (let hops = 0; hops <= ctx.limits.maxRefDepth && isRecord(current) && typeof current.$ref === "string"; hops++) {
    ref = current.$ref as string;
    const segments = internalRefSegments(ref) ?? [];
    refName = segments[segments.length - 1];
    current = getAtPointer(ctx.root, segments).value;
  }
  return { value: current, refName, ref };
}

function typeOf(ctx: SchemaContext, schema: Json, refName?: string): string | undefined {
  const t = schema.type;
  const base = Array.isArray(t) ? t.filter((x) => x !== "null").map(String).join("|") : str(t);
  if (base === "array" || (!base && schema.items !== undefined)) {
    const items = deref(ctx, schema.items);
    const inner = items.refName ?? (isRecord(items.value) ? typeOf(ctx, items.value) : undefined);
    return `array<${inner ?? "unknown"}>`;
  }
  // A named object schema says more by its name ("Owner") than by "object".
  if (refName && (base === "object" || (!base && (schema.properties !== undefined || schema.allOf !== undefined)))) return refName;
  if (base) return base;
  if (schema.properties !== undefined) return "object";
  for (const k of ["oneOf", "anyOf", "allOf"] as const) if (Array.isArray(schema[k])) return k;
  if (schema.enum !== undefined) return "enum";
  return refName;
}

/**
 * Flattens a schema's properties into fields ("Pet.tag.label" for inline objects). A property or array item that
 * is a $ref to another schema is recorded with that schema's name as its type ("Pet.owner": Owner) and not
 * expanded: the named schema is an element of its own with its own fields, and expanding it under every schema
 * that mentions it multiplied the rows of real specs tenfold. $refs in allOf/oneOf/anyOf are expanded, since
 * composition makes their properties this schema's own; a $ref already on the current branch is recorded as
 * "ref:Name" and the walk stops, so recursive schemas terminate. maxFields bounds the total.
 */
export function flattenSchema(ctx: SchemaContext, schema: unknown, prefix: string, startRefs: string[] = []): { fields: ImportedField[]; truncated: boolean } {
  const fields: ImportedField[] = [];
  const max = ctx.maxFields ?? 2000;
  let truncated = false;

  const visit = (node: unknown, path: string, refs: string[]): void => {
    const resolved = deref(ctx, node);
    if (resolved.ref && (refs.includes(resolved.ref) || refs.length >= ctx.limits.maxRefDepth)) return;
    const nextRefs = resolved.ref ? [...refs, resolved.ref] : refs;
    const s = resolved.value;
    if (!isRecord(s)) return;
    const required = new Set(asArray(s.required).map(String));
    for (const [name, prop] of Object.entries(asRecord(s.properties))) addField(`${path}.${name}`, name, prop, required.has(name), nextRefs);
    for (const key of ["allOf", "oneOf", "anyOf"] as const) for (const part of asArray(s[key])) visit(part, path, nextRefs);
    const items = s.items;
    if (items !== undefined && (str(s.type) === "array" || s.type === undefined) && !isRef(items)) visit(items, `${path}[]`, nextRefs);
  };

  const addField = (path: string, name: string, prop: unknown, required: boolean, refs: string[]): void => {
    if (fields.length >= max) {
      truncated = true;
      return;
    }
    const resolved = deref(ctx, prop);
    const s = isRecord(resolved.value) ? resolved.value : {};
    const cyclic = resolved.ref !== undefined && refs.includes(resolved.ref);
    fields.push({
      path,
      name,
      type: cyclic ? `ref:${resolved.refName}` : typeOf(ctx, s, resolved.refName),
      format: str(s.format),
      required,
      description: str(asRecord(prop).description) ?? str(s.description),
      example: exampleText(s.example ?? asArray(s.examples)[0]),
    });
    if (!cyclic && !isRef(prop)) visit(prop, path, refs);
  };

  visit(schema, prefix, startRefs);
  return { fields: fields.map(dropUndefined), truncated };
}

const isRef = (value: unknown): boolean => isRecord(value) && typeof value.$ref === "string";

function asRecord(value: unknown): Json {
  return isRecord(value) ? value : {};
}

function dropUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
