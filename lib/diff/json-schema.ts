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
import { Findings, type Flag } from "./finding";
import { arrays } from "./json-schema-arrays";
import { composition, conditional, negation } from "./json-schema-composition";
import { ANNOTATIONS, canonical, covered, enumOf, isMultiple, JUDGED, lowerOf, numberBound, patternEscapes, short, typesOf, unwrap, upperOf, withRefSiblings, type Bound } from "./json-schema-keywords";
import { objects } from "./json-schema-objects";
import type { SchemaWalker, Side } from "./json-schema-walker";
import { resolve } from "./refs";

export type SchemaCompareOptions = {
  lenient: boolean;
  /** Appended to each finding's id location, e.g. "@response", so one component used both ways reports both. */
  idSuffix?: (flip: boolean) => string;
};

const MAX_DEPTH = 400;
/** Subset proofs run a nested comparison; past this nesting the proof gives up (and reports the change). */
const MAX_NESTING = 4;

// Formats whose values are a subset of another's. Other pairs (date-time -> date) accept different sets.
const WIDER_FORMATS: Record<string, string[]> = { int32: ["int64"], float: ["double"] };

export class SchemaComparer implements SchemaWalker {
  private readonly seen = new WeakMap<object, WeakMap<object, number>>();
  private depth = 0;
  private where = "";
  private flip = false;

  constructor(
    private readonly oldRoot: unknown,
    private readonly newRoot: unknown,
    private readonly out: Findings,
    private readonly options: SchemaCompareOptions,
    private readonly nesting = 0,
  ) {}

  get lenient(): boolean {
    return this.options.lenient;
  }

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

  emit(rule: string, pointer: string, message: string, narrows: Flag, widens: Flag, at = pointer): void {
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

  node(oldRaw: unknown, oldPointer: string, newRaw: unknown, newPointer: string): void {
    const o = resolve(this.oldRoot, withRefSiblings(oldRaw), oldPointer);
    const n = resolve(this.newRoot, withRefSiblings(newRaw), newPointer);
    const at = n.pointer;
    if (o.unresolved || n.unresolved) {
      if (o.unresolved !== n.unresolved) this.emit("jsonschema.ref.changed", at, `reference changed from '${o.ref ?? "inline"}' to '${n.ref ?? "inline"}'`, "maybe", "maybe");
      else this.emit("jsonschema.ref.not-judged", at, `reference '${o.ref}' cannot be resolved here, so what it accepts is not judged`, "maybe", "maybe");
      return;
    }
    const oldValue = unwrap(o.value, n.value);
    const newValue = unwrap(n.value, o.value);
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
    arrays(this, o, oldPointer, n, at);
    objects(this, o, oldPointer, n, at);
    composition(this, o, oldPointer, n, at);
    negation(this, o, oldPointer, n, at);
    conditional(this, o, oldPointer, n, at);
    this.unjudged(o, n, at);
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
      // A reader that never saw null breaks on it, so becoming nullable is a definite widening.
      this.emit("jsonschema.nullable.changed", at, added.length ? "now nullable" : "no longer nullable", removed.length > 0, added.length > 0);
      return true;
    }
    this.emit("jsonschema.type.changed", at, `type changed from ${[...a].join(" | ")} to ${[...b].join(" | ")}`, removed.length > 0, added.length > 0);
    return [...a].some((t) => covered(t, b) || b.has(t === "number" ? "integer" : t));
  }

  /** format, contentEncoding and contentMediaType: each names a set of strings; a different name is a different set. */
  private format(o: Json, n: Json, at: string): void {
    for (const key of ["format", "contentEncoding", "contentMediaType"]) {
      const a = typeof o[key] === "string" ? (o[key] as string) : undefined;
      const b = typeof n[key] === "string" ? (n[key] as string) : undefined;
      if (a === b) continue;
      const pointer = `${at}/${key}`;
      if (!a) this.emit(`jsonschema.${key}.added`, at, `${key} '${b}' added`, true, false, pointer);
      else if (!b) this.emit(`jsonschema.${key}.removed`, at, `${key} '${a}' removed`, false, true, pointer);
      else if (WIDER_FORMATS[a]?.includes(b)) this.emit(`jsonschema.${key}.changed`, at, `${key} widened from '${a}' to '${b}'`, false, true, pointer);
      else if (WIDER_FORMATS[b]?.includes(a)) this.emit(`jsonschema.${key}.changed`, at, `${key} narrowed from '${a}' to '${b}'`, true, false, pointer);
      else this.emit(`jsonschema.${key}.changed`, at, `${key} changed from '${a}' to '${b}': the two accept different strings`, true, true, pointer);
    }
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
    if (a.size === 1 && b.size === 1 && removed.length) {
      // A constant replaced by another: every value changes, for readers and writers alike.
      this.emit("jsonschema.const.changed", at, `constant changed from ${removed[0]} to ${added[0]}`, true, true);
      return;
    }
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
    else {
      // OpenAPI payloads: a pattern is rarely all a consumer relies on, so even a proven difference is a WARN.
      const narrows = this.lenientMaybe(patternEscapes(a, b));
      const widens = this.lenientMaybe(patternEscapes(b, a));
      const unsure = narrows === "maybe" && widens === "maybe" ? " (cannot tell whether it accepts more or less)" : "";
      this.emit("jsonschema.pattern.changed", at, `pattern changed from /${a}/ to /${b}/${unsure}`, narrows, widens);
    }
  }

  /** OpenAPI: readOnly properties are never sent in requests, writeOnly ones never returned in responses. */
  notInThisDirection(schema: unknown): boolean {
    return isRecord(schema) && (this.flip ? schema.writeOnly === true : schema.readOnly === true);
  }

  get flipped(): boolean {
    return this.flip;
  }

  resolved(side: Side, value: unknown, pointer: string): unknown {
    return resolve(side === "old" ? this.oldRoot : this.newRoot, value, pointer).value;
  }

  negated(fn: () => void): void {
    this.flip = !this.flip;
    try {
      fn();
    } finally {
      this.flip = !this.flip;
    }
  }

  subset(x: unknown, xSide: Side, y: unknown, ySide: Side, strict = false): boolean {
    if (this.nesting >= MAX_NESTING) return false;
    const out = new Findings();
    const roots = (side: Side) => (side === "old" ? this.oldRoot : this.newRoot);
    new SchemaComparer(roots(xSide), roots(ySide), out, { lenient: this.options.lenient && !strict }, this.nesting + 1).compare(x, "", y, "", false, "");
    return !out.list.some((f) => f.backward === true);
  }

  /** Keywords no rule here judges: reported with their pointer, so that "No changes" stays true. */
  private unjudged(o: Json, n: Json, at: string): void {
    for (const key of new Set([...Object.keys(o), ...Object.keys(n)])) {
      if (JUDGED.has(key) || ANNOTATIONS.has(key) || canonical(o[key]) === canonical(n[key])) continue;
      this.emit("jsonschema.keyword.not-judged", `${at}/${key}`, `'${key}' changed and this engine cannot judge it: check by hand`, "maybe", "maybe");
    }
  }
}
