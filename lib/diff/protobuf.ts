// Protobuf rules, on the wire format (Buf's WIRE_JSON category and Confluent's Protobuf checks): a field
// number identifies a field on the wire, so reusing a number for a different field, changing a field's type
// or label, or removing a field without reserving its number (so that a later version cannot reuse it)
// breaks readers in either direction. Renames and wire-compatible scalar swaps (int32 <-> int64 ...) are
// WARN: binary readers cope, JSON and generated code do not.
import protobuf from "protobufjs";
import { Findings, type Finding } from "./finding";

type Field = protobuf.Field;

/** Scalars that share a wire encoding; changing within a group is readable but may truncate or reinterpret. */
const WIRE_GROUPS = [
  ["int32", "uint32", "int64", "uint64", "bool", "enum"],
  ["sint32", "sint64"],
  ["fixed32", "sfixed32"],
  ["fixed64", "sfixed64"],
  ["string", "bytes"],
];

export function parseProto(text: string): protobuf.Root {
  const parsed = protobuf.parse(text, { keepCase: true, alternateCommentMode: true });
  try {
    parsed.root.resolveAll();
  } catch {
    // Types from imports we do not have stay unresolved and are compared by name.
  }
  return parsed.root;
}

function walk(ns: protobuf.NamespaceBase, types: Map<string, protobuf.Type>, enums: Map<string, protobuf.Enum>, services: Map<string, protobuf.Service>): void {
  for (const n of ns.nestedArray) {
    if (n instanceof protobuf.Type) types.set(n.fullName, n);
    else if (n instanceof protobuf.Enum) enums.set(n.fullName, n);
    else if (n instanceof protobuf.Service) services.set(n.fullName, n);
    if (n instanceof protobuf.Namespace) walk(n, types, enums, services);
  }
}

function index(root: protobuf.Root) {
  const types = new Map<string, protobuf.Type>();
  const enums = new Map<string, protobuf.Enum>();
  const services = new Map<string, protobuf.Service>();
  walk(root, types, enums, services);
  return { types, enums, services };
}

function reservedNumber(reserved: (number[] | string)[] | undefined, id: number): boolean {
  return (reserved ?? []).some((r) => Array.isArray(r) && id >= r[0] && id <= r[1]);
}

function reservedName(reserved: (number[] | string)[] | undefined, name: string): boolean {
  return (reserved ?? []).some((r) => r === name);
}

function typeOf(f: Field): string {
  const resolved = f.resolvedType;
  const base = resolved ? (resolved instanceof protobuf.Enum ? `enum ${resolved.fullName.replace(/^\./, "")}` : resolved.fullName.replace(/^\./, "")) : f.type;
  return f.map ? `map<${(f as unknown as protobuf.MapField).keyType}, ${base}>` : base;
}

function wireKind(f: Field): string {
  return f.resolvedType instanceof protobuf.Enum ? "enum" : f.type;
}

function label(f: Field): string {
  if (f.map) return "map";
  if (f.repeated) return "repeated";
  if (f.required) return "required";
  return "singular";
}

export function compareProto(a: protobuf.Root, b: protobuf.Root): Finding[] {
  const out = new Findings();
  const x = index(a);
  const y = index(b);
  for (const [name, t] of x.types) {
    const u = y.types.get(name);
    const at = name.replace(/^\./, "");
    if (!u) out.add("protobuf.message.removed", at, `message ${at} removed`, true, true);
    else message(out, t, u, at);
  }
  for (const name of y.types.keys()) if (!x.types.has(name)) out.add("protobuf.message.added", name.replace(/^\./, ""), `message ${name.replace(/^\./, "")} added`, false, false);
  for (const [name, e] of x.enums) {
    const f = y.enums.get(name);
    const at = name.replace(/^\./, "");
    if (!f) out.add("protobuf.enum.removed", at, `enum ${at} removed`, true, true);
    else enumeration(out, e, f, at);
  }
  for (const [name, s] of x.services) {
    const t = y.services.get(name);
    const at = name.replace(/^\./, "");
    if (!t) {
      out.add("protobuf.service.removed", at, `service ${at} removed`, true, false);
      continue;
    }
    for (const m of s.methodsArray) {
      const n = t.methods[m.name];
      const mat = `${at}.${m.name}`;
      if (!n) out.add("protobuf.rpc.removed", mat, `rpc ${mat} removed`, true, false);
      else {
        if (m.requestType !== n.requestType || m.responseType !== n.responseType) out.add("protobuf.rpc.type-changed", mat, `rpc ${mat} changed from (${m.requestType}) returns (${m.responseType}) to (${n.requestType}) returns (${n.responseType})`, true, true);
        if (Boolean(m.requestStream) !== Boolean(n.requestStream) || Boolean(m.responseStream) !== Boolean(n.responseStream)) out.add("protobuf.rpc.streaming-changed", mat, `rpc ${mat} changed streaming`, true, true);
      }
    }
  }
  return out.list;
}

function message(out: Findings, t: protobuf.Type, u: protobuf.Type, at: string): void {
  const byId = new Map(u.fieldsArray.map((f) => [f.id, f]));
  const oldById = new Map(t.fieldsArray.map((f) => [f.id, f]));
  for (const f of t.fieldsArray) {
    const g = byId.get(f.id);
    const path = `${at}.${f.name}`;
    if (!g) {
      const renumbered = u.fields[f.name];
      if (renumbered) {
        out.add("protobuf.field.number-changed", path, `field '${f.name}' moved from number ${f.id} to ${renumbered.id}: old data is read as a different field`, true, true);
      } else if (reservedNumber(u.reserved, f.id)) {
        const nameReserved = reservedName(u.reserved, f.name);
        out.add("protobuf.field.removed-reserved", path, `field '${f.name}' (${f.id}) removed, number reserved${nameReserved ? " and name reserved" : "; reserve the name too for JSON"}`, false, false);
      } else {
        out.add("protobuf.field.removed-unreserved", path, `field '${f.name}' (${f.id}) removed without 'reserved ${f.id};': a later version could reuse the number and misread old data`, true, true);
      }
      continue;
    }
    if (g.name !== f.name) {
      // The old name now on another number: a swap, which silently exchanges values.
      const reuse = u.fields[f.name] !== undefined;
      out.add("protobuf.field.renamed", path, `field ${f.id} renamed from '${f.name}' to '${g.name}' (same number: binary readers cope, JSON and generated code do not)`, reuse ? true : "maybe", reuse ? true : "maybe");
    }
    if (typeOf(f) !== typeOf(g)) {
      const compatible = !f.map && !g.map && WIRE_GROUPS.some((group) => group.includes(wireKind(f)) && group.includes(wireKind(g)));
      const reused = g.name !== f.name;
      out.add(
        reused ? "protobuf.field.number-reused" : "protobuf.field.type-changed",
        `${at}.${g.name}`,
        reused
          ? `field number ${f.id} reused: was '${f.name}' (${typeOf(f)}), now '${g.name}' (${typeOf(g)})`
          : `field '${g.name}' (${g.id}) changed type from ${typeOf(f)} to ${typeOf(g)}${compatible ? " (same wire encoding: values may be truncated or reinterpreted)" : ""}`,
        compatible && !reused ? "maybe" : true,
        compatible && !reused ? "maybe" : true,
      );
    }
    if (label(f) !== label(g)) labelChanged(out, f, g, `${at}.${g.name}`);
    const oneofA = realOneof(f);
    const oneofB = realOneof(g);
    if (oneofA !== oneofB) oneofChanged(out, t, u, f, g, `${at}.${g.name}`);
  }
  for (const g of u.fieldsArray) {
    if (oldById.has(g.id)) continue;
    const path = `${at}.${g.name}`;
    if (reservedNumber(t.reserved, g.id)) out.add("protobuf.field.reserved-reused", path, `field '${g.name}' uses number ${g.id}, reserved in the previous version`, true, true);
    else if (g.required) out.add("protobuf.field.required-added", path, `required field '${g.name}' (${g.id}) added: old data lacks it`, true, true);
    else if (!t.fields[g.name]) out.add("protobuf.field.added", path, `field '${g.name}' (${g.id}) added`, false, false);
  }
}

/** A oneof the author wrote (proto3 `optional` makes a synthetic one named _field). */
function realOneof(f: Field): string | undefined {
  return f.partOf?.name && !f.partOf.name.startsWith("_") ? f.partOf.name : undefined;
}

/**
 * Singular <-> repeated: string, bytes and message fields share the length-delimited encoding, so readers
 * cope (the last value wins, or all are collected). Numeric, bool and enum fields do not: proto3 packs
 * repeated scalars, which a singular reader cannot parse (Confluent: FIELD_NUMERIC_LABEL_CHANGED).
 */
function labelChanged(out: Findings, f: Field, g: Field, path: string): void {
  const soft = (label(f) === "singular" && label(g) === "repeated") || (label(f) === "repeated" && label(g) === "singular");
  const lengthDelimited = ["string", "bytes"].includes(wireKind(f)) || f.resolvedType instanceof protobuf.Type;
  const what = `field '${g.name}' (${g.id}) changed from ${label(f)} to ${label(g)}`;
  if (soft && lengthDelimited) out.add("protobuf.field.label-changed", path, `${what} (same wire encoding for ${wireKind(f)}: readers cope)`, false, false);
  else out.add("protobuf.field.label-changed", path, `${what}${soft ? ": repeated scalars are packed, which singular readers cannot parse" : ""}`, true, true);
}

/**
 * Oneof moves (protobuf's updating rules, as Confluent judges them): a single field moved into a new oneof
 * is safe; several fields moved into one new oneof, or a field moved into an existing oneof, lose values
 * when old data sets more than one of them (breaks BACKWARD); a field moved out of a oneof lets new data set
 * it beside its former siblings, which old readers collapse (breaks FORWARD).
 */
function oneofChanged(out: Findings, t: protobuf.Type, u: protobuf.Type, f: Field, g: Field, path: string): void {
  const from = realOneof(f);
  const to = realOneof(g);
  let backward = false;
  let forward = false;
  const notes: string[] = [];
  if (from) {
    forward = true;
    notes.push(`out of oneof ${from}`);
  }
  if (to) {
    const existed = t.fieldsArray.some((x) => realOneof(x) === to);
    const joined = u.fieldsArray.filter((y) => realOneof(y) === to && t.fieldsArray.some((x) => x.id === y.id && realOneof(x) !== to)).length;
    if (existed || joined > 1) backward = true;
    notes.push(`into ${existed ? "existing" : "new"} oneof ${to}${joined > 1 && !existed ? ` with ${joined - 1} other field(s)` : ""}`);
  }
  out.add("protobuf.field.oneof-changed", path, `field '${g.name}' moved ${notes.join(" and ")}`, backward, forward);
}

function enumeration(out: Findings, e: protobuf.Enum, f: protobuf.Enum, at: string): void {
  for (const [name, id] of Object.entries(e.values)) {
    const next = f.values[name];
    if (next === undefined) {
      const reserved = reservedNumber(f.reserved, id);
      const reused = Object.entries(f.values).find(([, v]) => v === id);
      if (reused) out.add("protobuf.enum.value-renamed", `${at}.${name}`, `enum value ${id} renamed from ${name} to ${reused[0]}`, "maybe", "maybe");
      else out.add(reserved ? "protobuf.enum.value-removed-reserved" : "protobuf.enum.value-removed", `${at}.${name}`, `enum value ${name} (${id}) removed${reserved ? " (number reserved)" : " without reserving its number"}`, true, reserved ? false : true);
    } else if (next !== id) out.add("protobuf.enum.value-number-changed", `${at}.${name}`, `enum value ${name} changed number from ${id} to ${next}`, true, true);
  }
  for (const [name, id] of Object.entries(f.values)) {
    if (e.values[name] === undefined && !Object.values(e.values).includes(id)) out.add("protobuf.enum.value-added", `${at}.${name}`, `enum value ${name} (${id}) added`, false, "maybe");
  }
}
