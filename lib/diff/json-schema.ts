// JSON Schema compatibility, judged on the sets of values two schemas accept. A change "narrows" when the
// new schema rejects a value the old one accepted, and "widens" when it accepts a value the old one
// rejected. For data (Confluent semantics) narrowing breaks BACKWARD (the new schema cannot read old
// data) and widening breaks FORWARD. An API response flips this: consumers read it, so widening breaks them.
//
// Two content-model policies:
// - strict (JSON_SCHEMA documents, as Confluent Schema Registry): an open object already accepts any
//   undeclared property, so declaring one narrows it (PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL), and removing one
//   from a closed object narrows it (PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL).
// - lenient (OpenAPI and AsyncAPI payloads): undeclared properties are taken as never sent, so adding an
//   optional property is compatible; removing an optional one, adding an enum value or a oneOf branch to
//   what consumers read, and closing an object are WARN (they break only consumers that rely on them).
import { isRecord, type Json } from "@/lib/catalog/import/util";
import type { Findings, Flag } from "./finding";
import { cap, closed, covered, enumOf, isEmptySchema, isMultiple, lowerOf, matchBranches, numberBound, short, typesOf, unwrap, upperOf, type Bound } from "./json-schema-keywords";
import { child, refName, resolve } from "./refs";

export type SchemaCompareOptions = {
  lenient: boolean;
  /** Appended to each finding's id location, e.g. "@response", so one component used both ways reports both. */
  idSuffix?: (flip: boolean) => string;
};

const MAX_DEPTH = 400;

const WIDER_FORMATS: Record<string, string[]> = { int32: ["int64"], float: ["double"], date: ["date-time"] };

export class SchemaComparer {
  private readonly seen = new WeakMap<object, WeakMap<object, number>>();
  private depth = 0;
  private where = "";
  private flip = false;

  constructor(
    private readonly oldRoot: unknown,
    private readonly newRoot: unknown,
    private readonly out: Findings,
    private readonly options: SchemaCompareOptions,
  ) {}

  /**
   * Compares two schemas. `flip` = the schema describes what consumers read from the producer (an API
   * response), so widening is what breaks them. `where` names the first use, for messages.
   */
  compare(oldSchema: unknown, oldPointer: string, newSchema: unknown, newPointer: string, flip: boolean, where: string): void {
    const saved = { where: this.where, flip: this.flip };
    this.where = where;
    this.flip = flip;
    try {
      this.node(oldSchema, oldPointer, newSchema, newPointer);
    } finally {
      this.where = saved.where;
      this.flip = saved.flip;
    }
  }

  private emit(rule: string, pointer: string, message: string, narrows: Flag, widens: Flag, at = pointer): void {
    if (narrows === false && widens === false) {
      this.out.add(rule, pointer, this.say(message), false, false, at + this.suffix());
      return;
    }
    const [backward, forward] = this.flip ? [widens, narrows] : [narrows, widens];
    this.out.add(rule, pointer, this.say(message), backward, forward, at + this.suffix());
  }

  private say(message: string): string {
    return this.where ? `${message} (${this.where})` : message;
  }

  private suffix(): string {
    return this.options.idSuffix?.(this.flip) ?? "";
  }

  private lenientMaybe(strict: Flag): Flag {
    return this.options.lenient && strict === true ? "maybe" : strict;
  }

  private node(oldRaw: unknown, oldPointer: string, newRaw: unknown, newPointer: string): void {
    const o = resolve(this.oldRoot, oldRaw, oldPointer);
    const n = resolve(this.newRoot, newRaw, newPointer);
    const at = n.pointer;
    if (o.unresolved || n.unresolved) {
      if (o.unresolved !== n.unresolved) this.emit("jsonschema.ref.changed", at, `reference changed from '${o.ref ?? "inline"}' to '${n.ref ?? "inline"}'`, "maybe", "maybe");
      return;
    }
    const oldValue = unwrap(o.value);
    const newValue = unwrap(n.value);
    if (typeof oldValue === "boolean" || typeof newValue === "boolean" || !isRecord(oldValue) || !isRecord(newValue)) {
      this.booleans(oldValue, newValue, at);
      return;
    }
    if (this.visited(oldValue, newValue) || this.depth > MAX_DEPTH) return;
    this.depth++;
    try {
      this.compareObjects(oldValue, o.pointer, newValue, at);
    } finally {
      this.depth--;
    }
  }

  private visited(o: object, n: object): boolean {
    const bit = this.flip ? 2 : 1;
    let inner = this.seen.get(o);
    if (!inner) {
      inner = new WeakMap();
      this.seen.set(o, inner);
    }
    const mask = inner.get(n) ?? 0;
    if (mask & bit) return true;
    inner.set(n, mask | bit);
    return false;
  }

  private booleans(o: unknown, n: unknown, at: string): void {
    const accepts = (s: unknown) => (s === false ? "none" : s === true || s === undefined || (isRecord(s) && Object.keys(s).length === 0) ? "all" : "some");
    const a = accepts(o);
    const b = accepts(n);
    if (a === b) return;
    const rank = { none: 0, some: 1, all: 2 };
    const narrows = rank[b] < rank[a];
    this.emit("jsonschema.schema.changed", at, `schema changed from accepting ${a} values to ${b}`, narrows, !narrows);
  }

  private compareObjects(o: Json, oldPointer: string, n: Json, at: string): void {
    if (!this.types(o, n, at)) return;
    this.format(o, n, at);
    this.enumeration(o, n, at);
    this.bounds(o, n, at);
    this.strings(o, n, at);
    this.arrays(o, oldPointer, n, at);
    this.objects(o, oldPointer, n, at);
    this.composition(o, oldPointer, n, at);
    if (o.default !== undefined && n.default !== undefined && JSON.stringify(o.default) !== JSON.stringify(n.default)) {
      this.emit("jsonschema.default.changed", at, `default changed from ${short(o.default)} to ${short(n.default)}`, false, false);
    }
    if (o.deprecated !== true && n.deprecated === true) this.emit("jsonschema.deprecated", at, "schema marked deprecated", false, false);
  }

  /** False when the types no longer overlap (the rest of the comparison would only repeat that). */
  private types(o: Json, n: Json, at: string): boolean {
    const a = typesOf(o, this.options.lenient);
    const b = typesOf(n, this.options.lenient);
    if (!a && !b) return true;
    if (!a || !b) {
      if (b) this.emit("jsonschema.type.added", at, `type restricted to ${[...b].join(" | ")}`, true, false);
      else this.emit("jsonschema.type.removed", at, `type restriction ${[...a!].join(" | ")} removed`, false, true);
      return true;
    }
    const removed = [...a].filter((t) => !covered(t, b));
    const added = [...b].filter((t) => !covered(t, a));
    if (!removed.length && !added.length) return true;
    const onlyNull = [...removed, ...added].every((t) => t === "null");
    if (onlyNull) {
      this.emit("jsonschema.nullable.changed", at, added.length ? "now nullable" : "no longer nullable", removed.length > 0, added.length > 0 ? this.lenientMaybe(true) : false);
      return true;
    }
    this.emit("jsonschema.type.changed", at, `type changed from ${[...a].join(" | ")} to ${[...b].join(" | ")}`, removed.length > 0, added.length > 0);
    return [...a].some((t) => covered(t, b) || b.has(t === "number" ? "integer" : t));
  }

  private format(o: Json, n: Json, at: string): void {
    const a = typeof o.format === "string" ? o.format : undefined;
    const b = typeof n.format === "string" ? n.format : undefined;
    if (a === b) return;
    if (!a) this.emit("jsonschema.format.added", at, `format '${b}' added`, true, false);
    else if (!b) this.emit("jsonschema.format.removed", at, `format '${a}' removed`, false, true);
    else if (WIDER_FORMATS[a]?.includes(b)) this.emit("jsonschema.format.changed", at, `format widened from '${a}' to '${b}'`, false, true);
    else if (WIDER_FORMATS[b]?.includes(a)) this.emit("jsonschema.format.changed", at, `format narrowed from '${a}' to '${b}'`, true, false);
    else this.emit("jsonschema.format.changed", at, `format changed from '${a}' to '${b}'`, true, true);
  }

  private enumeration(o: Json, n: Json, at: string): void {
    const a = enumOf(o);
    const b = enumOf(n);
    if (!a && !b) return;
    if (!a) {
      this.emit("jsonschema.enum.added", at, `values restricted to ${[...b!.values()].join(", ")}`, true, false);
      return;
    }
    if (!b) {
      this.emit("jsonschema.enum.removed", at, "enum restriction removed", false, true);
      return;
    }
    const removed = [...a.keys()].filter((k) => !b.has(k)).map((k) => a.get(k)!);
    const added = [...b.keys()].filter((k) => !a.has(k)).map((k) => b.get(k)!);
    if (removed.length) this.emit("jsonschema.enum.narrowed", at, `enum values removed: ${removed.join(", ")}`, true, false);
    if (added.length) this.emit("jsonschema.enum.widened", at, `enum values added: ${added.join(", ")}`, false, this.lenientMaybe(true));
  }

  private bounds(o: Json, n: Json, at: string): void {
    this.bound("minimum", lowerOf(o), lowerOf(n), "min", at);
    this.bound("maximum", upperOf(o), upperOf(n), "max", at);
    for (const [key, kind] of [
      ["minLength", "min"],
      ["maxLength", "max"],
      ["minItems", "min"],
      ["maxItems", "max"],
      ["minProperties", "min"],
      ["maxProperties", "max"],
    ] as const) {
      this.bound(key, numberBound(o[key]), numberBound(n[key]), kind, at);
    }
    const a = typeof o.multipleOf === "number" ? o.multipleOf : undefined;
    const b = typeof n.multipleOf === "number" ? n.multipleOf : undefined;
    if (a !== b) {
      // new values are multiples of b, old ones of a: new ⊆ old iff b is a multiple of a.
      const narrows = b !== undefined && (a === undefined || !isMultiple(a, b));
      const widens = a !== undefined && (b === undefined || !isMultiple(b, a));
      this.emit(`jsonschema.multipleOf.${narrows && !widens ? "tightened" : widens && !narrows ? "relaxed" : "changed"}`, `${at}/multipleOf`, `multipleOf changed from ${a ?? "none"} to ${b ?? "none"}`, narrows, widens);
    }
  }

  private bound(keyword: string, a: Bound | undefined, b: Bound | undefined, kind: "min" | "max", at: string): void {
    if (!a && !b) return;
    if (a && b && a.value === b.value && a.exclusive === b.exclusive) return;
    const text = (x: Bound | undefined) => (x ? `${x.exclusive ? (kind === "min" ? ">" : "<") : kind === "min" ? ">=" : "<="} ${x.value}` : "none");
    let tighter: boolean;
    if (!a) tighter = true;
    else if (!b) tighter = false;
    else if (a.value !== b.value) tighter = kind === "min" ? b.value > a.value : b.value < a.value;
    else tighter = b.exclusive;
    const rule = `jsonschema.${keyword}.${tighter ? "tightened" : "relaxed"}`;
    this.emit(rule, at, `${keyword} ${tighter ? "tightened" : "relaxed"} from ${text(a)} to ${text(b)}`, tighter, !tighter, `${at}/${keyword}`);
  }

  private strings(o: Json, n: Json, at: string): void {
    const a = typeof o.pattern === "string" ? o.pattern : undefined;
    const b = typeof n.pattern === "string" ? n.pattern : undefined;
    if (a === b) return;
    if (!a) this.emit("jsonschema.pattern.added", at, `pattern /${b}/ added`, true, false);
    else if (!b) this.emit("jsonschema.pattern.removed", at, `pattern /${a}/ removed`, false, true);
    else this.emit("jsonschema.pattern.changed", at, `pattern changed from /${a}/ to /${b}/ (cannot tell whether it accepts more or less)`, "maybe", "maybe");
  }

  private arrays(o: Json, oldPointer: string, n: Json, at: string): void {
    if (o.uniqueItems !== true && n.uniqueItems === true) this.emit("jsonschema.uniqueItems.added", at, "items must now be unique", true, false);
    if (o.uniqueItems === true && n.uniqueItems !== true) this.emit("jsonschema.uniqueItems.removed", at, "items no longer need to be unique", false, true);
    const a = o.items;
    const b = n.items;
    if (a === undefined && b === undefined) return;
    if (Array.isArray(a) || Array.isArray(b)) {
      const length = Math.max(Array.isArray(a) ? a.length : 0, Array.isArray(b) ? b.length : 0);
      for (let i = 0; i < length; i++) {
        const x = Array.isArray(a) ? a[i] : a;
        const y = Array.isArray(b) ? b[i] : b;
        this.node(x ?? true, child(oldPointer, "items", i), y ?? true, child(at, "items", i));
      }
      return;
    }
    this.node(a ?? true, child(oldPointer, "items"), b ?? true, child(at, "items"));
  }

  private objects(o: Json, oldPointer: string, n: Json, at: string): void {
    const a = isRecord(o.properties) ? o.properties : {};
    const b = isRecord(n.properties) ? n.properties : {};
    const aReq = new Set(Array.isArray(o.required) ? o.required.filter((r): r is string => typeof r === "string") : []);
    const bReq = new Set(Array.isArray(n.required) ? n.required.filter((r): r is string => typeof r === "string") : []);
    const aClosed = closed(o);
    const bClosed = closed(n);
    const lenient = this.options.lenient;
    for (const [name, schema] of Object.entries(a)) {
      const pointer = child(at, "properties", name);
      if (Object.prototype.hasOwnProperty.call(b, name)) {
        this.node(schema, child(oldPointer, "properties", name), b[name], pointer);
        continue;
      }
      const required = aReq.has(name);
      const deprecated = isRecord(schema) && schema.deprecated === true;
      let narrows: Flag = bClosed ? true : lenient ? "maybe" : false;
      let widens: Flag = lenient ? (required ? true : "maybe") : true;
      if (deprecated) [narrows, widens] = [cap(narrows), cap(widens)];
      const rule = deprecated ? "jsonschema.property.removed-after-deprecation" : "jsonschema.property.removed";
      this.emit(rule, pointer, `${required ? "required" : "optional"} property '${name}' removed${deprecated ? " (it was deprecated)" : ""}`, narrows, widens);
    }
    for (const [name, schema] of Object.entries(b)) {
      if (Object.prototype.hasOwnProperty.call(a, name)) continue;
      const narrows: Flag = aClosed || lenient || isEmptySchema(schema) ? false : true;
      const widens: Flag = aClosed ? this.lenientMaybe(true) : false;
      this.emit("jsonschema.property.added", child(at, "properties", name), `${bReq.has(name) ? "required" : "optional"} property '${name}' added`, narrows, widens);
    }
    for (const name of bReq) {
      if (aReq.has(name)) continue;
      const schema = resolve(this.newRoot, b[name], child(at, "properties", name)).value;
      const hasDefault = isRecord(schema) && schema.default !== undefined && !lenient;
      const unused = lenient && this.notInThisDirection(schema);
      this.emit("jsonschema.required.added", child(at, "properties", name), `property '${name}' is now required${unused ? ` (${this.flip ? "writeOnly" : "readOnly"}: not part of this direction)` : ""}`, !hasDefault && !unused, false, child(at, "required", name));
    }
    for (const name of aReq) {
      if (bReq.has(name) || (Object.prototype.hasOwnProperty.call(a, name) && !Object.prototype.hasOwnProperty.call(b, name))) continue;
      const schema = resolve(this.oldRoot, a[name], child(oldPointer, "properties", name)).value;
      const unused = lenient && this.notInThisDirection(schema);
      this.emit("jsonschema.required.removed", child(at, "properties", name), `property '${name}' is no longer required`, false, !unused, child(at, "required", name));
    }
    this.additional(o, oldPointer, n, at, aClosed, bClosed);
  }

  /** OpenAPI: readOnly properties are never sent in requests, writeOnly ones never returned in responses. */
  private notInThisDirection(schema: unknown): boolean {
    return isRecord(schema) && (this.flip ? schema.writeOnly === true : schema.readOnly === true);
  }

  private additional(o: Json, oldPointer: string, n: Json, at: string, aClosed: boolean, bClosed: boolean): void {
    if (!aClosed && bClosed) {
      this.emit("jsonschema.additionalProperties.closed", at, "object closed: additional properties are no longer allowed", this.lenientMaybe(true), false, `${at}/additionalProperties`);
      return;
    }
    if (aClosed && !bClosed) {
      this.emit("jsonschema.additionalProperties.opened", at, "object opened: additional properties are now allowed", false, this.lenientMaybe(true), `${at}/additionalProperties`);
      return;
    }
    const a = o.additionalProperties;
    const b = n.additionalProperties;
    if (isRecord(a) || isRecord(b)) this.node(a ?? true, child(oldPointer, "additionalProperties"), b ?? true, child(at, "additionalProperties"));
  }

  private composition(o: Json, oldPointer: string, n: Json, at: string): void {
    for (const key of ["oneOf", "anyOf", "allOf"] as const) {
      const a = Array.isArray(o[key]) ? (o[key] as unknown[]) : [];
      const b = Array.isArray(n[key]) ? (n[key] as unknown[]) : [];
      if (!a.length && !b.length) continue;
      const sum = key !== "allOf";
      if (!a.length || !b.length) {
        this.emit(`jsonschema.${key}.changed`, at, `${key} ${a.length ? "removed" : "added"}`, "maybe", "maybe", `${at}/${key}`);
        continue;
      }
      const pairs = matchBranches(a, b);
      for (const [i, j] of pairs.matched) this.node(a[i], child(oldPointer, key, i), b[j], child(at, key, j));
      for (const i of pairs.oldOnly) {
        const label = refName(isRecord(a[i]) ? (a[i].$ref as string | undefined) : undefined) ?? `#${i}`;
        this.emit(`jsonschema.${key}.branch-removed`, child(at, key, i), `${key} alternative ${label} removed`, sum, !sum);
      }
      for (const j of pairs.newOnly) {
        const label = refName(isRecord(b[j]) ? (b[j].$ref as string | undefined) : undefined) ?? `#${j}`;
        this.emit(`jsonschema.${key}.branch-added`, child(at, key, j), `${key} alternative ${label} added`, !sum, sum ? this.lenientMaybe(true) : false);
      }
    }
    if ((o.not !== undefined || n.not !== undefined) && JSON.stringify(o.not) !== JSON.stringify(n.not)) {
      this.emit("jsonschema.not.changed", at, "'not' constraint changed", "maybe", "maybe", `${at}/not`);
    }
  }
}
