// Avro rules: the specification's schema resolution (a reader schema reading data written with a writer
// schema). BACKWARD = the new schema reads data written with the old one (reader new, writer old);
// FORWARD = the old schema reads data written with the new one. avsc parses the schemas (names,
// namespaces, defaults) and its resolver double-checks every verdict: if avsc cannot build a resolver
// where the rules below found nothing, its reason is reported as an ERR of its own.
import avro from "avsc";
import { Findings, type Finding, type Flag } from "./finding";

type AvroType = avro.Type & {
  typeName: string;
  name?: string;
  aliases?: string[];
  fields?: AvroField[];
  symbols?: string[];
  default?: unknown;
  itemsType?: AvroType;
  valuesType?: AvroType;
  types?: AvroType[];
  size?: number;
};
type AvroField = { name: string; type: AvroType; aliases: string[]; defaultValue?: () => unknown };

const PROMOTIONS: Record<string, string[]> = {
  int: ["long", "float", "double"],
  long: ["float", "double"],
  float: ["double"],
  string: ["bytes"],
  bytes: ["string"],
};

export function parseAvro(value: unknown): AvroType {
  return avro.Type.forSchema(value as avro.Schema, { noAnonymousTypes: false }) as AvroType;
}

export function compareAvro(oldType: AvroType, newType: AvroType): Finding[] {
  const out = new Findings();
  new AvroComparer(out).type(oldType, newType, oldType.name ?? oldType.typeName);
  crossCheck(out, oldType, newType);
  return out.list;
}

/** For AsyncAPI messages whose payload is an Avro schema; an invalid schema is reported, not thrown. */
export function compareAvroValues(oldValue: unknown, newValue: unknown, pointer: string, out: Findings): void {
  let a: AvroType;
  let b: AvroType;
  try {
    a = parseAvro(oldValue);
    b = parseAvro(newValue);
  } catch (error) {
    out.add("avro.schema.invalid", pointer, `Avro payload schema could not be parsed: ${(error as Error).message}`, "maybe", "maybe");
    return;
  }
  for (const f of compareAvro(a, b)) out.list.push({ ...f, path: `${pointer} (${f.path})`, at: `${pointer}:${f.at}` });
}

function kind(t: AvroType): string {
  return t.typeName.startsWith("union") ? "union" : t.typeName.startsWith("logical:") ? t.typeName.slice(8) : t.typeName;
}

function shortName(name: string | undefined): string | undefined {
  return name?.split(".").pop();
}

/** Does a reader named `reader` accept data of the writer's named type (same name, or an alias of the reader)? */
function namesMatch(reader: AvroType, writer: AvroType): boolean {
  if (!reader.name || !writer.name) return true;
  if (reader.name === writer.name || shortName(reader.name) === shortName(writer.name)) return true;
  return (reader.aliases ?? []).some((a) => a === writer.name || shortName(a) === shortName(writer.name));
}

/** Can a reader of type `reader` read a value written as `writer` at the top level (no recursion)? */
function resolvable(writer: AvroType, reader: AvroType): boolean {
  const w = kind(writer);
  const r = kind(reader);
  if (w === r) return ["record", "enum", "fixed"].includes(w) ? namesMatch(reader, writer) : true;
  return PROMOTIONS[w]?.includes(r) ?? false;
}

function describe(t: AvroType): string {
  const k = kind(t);
  if (k === "union") return (t.types ?? []).map(describe).join(" | ");
  if (k === "array") return `array<${describe(t.itemsType!)}>`;
  if (k === "map") return `map<${describe(t.valuesType!)}>`;
  return t.name ?? k;
}

function hasDefault(field: AvroField): boolean {
  return Object.prototype.hasOwnProperty.call(field, "defaultValue");
}

class AvroComparer {
  private readonly seen = new Set<string>();
  constructor(private readonly out: Findings) {}

  private add(rule: string, path: string, message: string, backward: Flag, forward: Flag): void {
    this.out.add(rule, path, message, backward, forward);
  }

  type(o: AvroType, n: AvroType, path: string): void {
    const a = kind(o);
    const b = kind(n);
    if (a === "union" || b === "union") {
      this.union(o, n, path);
      return;
    }
    if (a !== b) {
      const backward = !resolvable(o, n);
      const forward = !resolvable(n, o);
      this.add("avro.type.changed", path, `type changed from ${describe(o)} to ${describe(n)}${backward ? "" : " (a promotion: the new schema reads old data)"}${forward && !backward ? `, but the old schema cannot read ${describe(n)}` : ""}`, backward, forward);
      return;
    }
    if (["record", "enum", "fixed"].includes(a)) {
      const backward = !namesMatch(n, o);
      const forward = !namesMatch(o, n);
      if (backward || forward) this.add("avro.name.changed", path, `named type ${o.name} renamed to ${n.name}${backward ? "" : " (the new schema lists the old name as an alias)"}`, backward, forward);
      const key = `${o.name}|${n.name}`;
      if (this.seen.has(key)) return;
      this.seen.add(key);
    }
    if (a === "record") this.record(o, n, path);
    else if (a === "enum") this.enumeration(o, n, path);
    else if (a === "fixed" && o.size !== n.size) this.add("avro.fixed.size-changed", path, `fixed size changed from ${o.size} to ${n.size}`, true, true);
    else if (a === "array") this.type(o.itemsType!, n.itemsType!, `${path}[]`);
    else if (a === "map") this.type(o.valuesType!, n.valuesType!, `${path}{}`);
  }

  private record(o: AvroType, n: AvroType, path: string): void {
    const oldFields = o.fields ?? [];
    const newFields = n.fields ?? [];
    const matchedOld = new Set<AvroField>();
    for (const nf of newFields) {
      // The reader (new) finds the writer's (old) field by its own name or one of its aliases.
      const of = oldFields.find((f) => f.name === nf.name) ?? oldFields.find((f) => nf.aliases.includes(f.name));
      const at = `${path}.${nf.name}`;
      if (!of) {
        if (hasDefault(nf)) this.add("avro.field.added", at, `field '${nf.name}' added with a default`, false, false);
        else this.add("avro.field.added-without-default", at, `field '${nf.name}' added without a default: the new schema cannot read data written without it`, true, false);
        continue;
      }
      matchedOld.add(of);
      if (of.name !== nf.name) {
        // Old readers look the field up by its old name only; they need a default to do without it.
        const forward = !hasDefault(of);
        this.add("avro.field.renamed", at, `field '${of.name}' renamed to '${nf.name}' (alias kept)${forward ? ": the old schema has no default for it" : ""}`, false, forward);
      }
      this.type(of.type, nf.type, at);
      if (hasDefault(of) && !hasDefault(nf)) this.add("avro.field.default-removed", at, `field '${nf.name}' lost its default`, false, "maybe");
    }
    for (const of of oldFields) {
      if (matchedOld.has(of)) continue;
      const at = `${path}.${of.name}`;
      if (hasDefault(of)) this.add("avro.field.removed", at, `field '${of.name}' removed (the old schema has a default for it)`, false, false);
      else this.add("avro.field.removed-without-default", at, `field '${of.name}' removed: the old schema has no default for it, so it cannot read new data`, false, true);
    }
  }

  private enumeration(o: AvroType, n: AvroType, path: string): void {
    const a = o.symbols ?? [];
    const b = n.symbols ?? [];
    const removed = a.filter((s) => !b.includes(s));
    const added = b.filter((s) => !a.includes(s));
    if (removed.length) {
      const fallback = n.default !== undefined;
      this.add("avro.enum.symbol-removed", path, `enum symbols removed: ${removed.join(", ")}${fallback ? ` (the new schema reads them as its default ${String(n.default)})` : ""}`, !fallback, false);
    }
    if (added.length) {
      const fallback = o.default !== undefined;
      this.add("avro.enum.symbol-added", path, `enum symbols added: ${added.join(", ")}${fallback ? ` (the old schema reads them as its default ${String(o.default)})` : ""}`, false, !fallback);
    }
    if (o.default !== n.default) this.add("avro.enum.default-changed", path, `enum default changed from ${String(o.default ?? "none")} to ${String(n.default ?? "none")}`, false, false);
  }

  private union(o: AvroType, n: AvroType, path: string): void {
    const a = kind(o) === "union" ? o.types! : [o];
    const b = kind(n) === "union" ? n.types! : [n];
    const same = (x: AvroType, y: AvroType) => kind(x) === kind(y) && (!x.name || !y.name || namesMatch(y, x) || namesMatch(x, y));
    const matchedNew = new Set<AvroType>();
    for (const x of a) {
      const y = b.find((t) => !matchedNew.has(t) && same(x, t));
      if (y) {
        matchedNew.add(y);
        this.type(x, y, `${path}<${describe(y)}>`);
        continue;
      }
      // Data written as branch x (old) must resolve to some branch of the new reader.
      const backward = !b.some((t) => resolvable(x, t));
      this.add("avro.union.branch-removed", `${path}<${describe(x)}>`, `type ${describe(x)} no longer allowed (was ${describe(o)}, now ${describe(n)})`, backward, false);
    }
    for (const y of b) {
      if (matchedNew.has(y)) continue;
      const forward = !a.some((t) => resolvable(y, t));
      this.add("avro.union.branch-added", `${path}<${describe(y)}>`, `type ${describe(y)} now allowed (was ${describe(o)}, now ${describe(n)})`, false, forward);
    }
  }
}

/** avsc's resolver is the reference implementation: if it refuses a direction the rules passed, say so. */
function crossCheck(out: Findings, o: AvroType, n: AvroType): void {
  const path = n.name ?? n.typeName;
  const directions = [
    { name: "backward", reader: n, writer: o },
    { name: "forward", reader: o, writer: n },
  ] as const;
  for (const d of directions) {
    const flagged = out.list.some((f) => f[d.name] === true);
    if (flagged) continue;
    try {
      d.reader.createResolver(d.writer);
    } catch (error) {
      const message = `${d.name === "backward" ? "the new schema cannot read data written with the old one" : "the old schema cannot read data written with the new one"}: ${(error as Error).message}`;
      out.add("avro.resolution.failed", path, message, d.name === "backward", d.name === "forward", `${path}:${d.name}`);
    }
  }
}
