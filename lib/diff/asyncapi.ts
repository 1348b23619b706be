// AsyncAPI 2.x and 3.x rules: removed channels, operations and messages break the consumers that rely on
// them; message payloads and headers are judged as JSON Schema data under the contract's mode (an Avro
// payload, schemaFormat application/vnd.apache.avro, is judged by the Avro rules).
import { isRecord, type Json } from "@/lib/catalog/import/util";
import { compareAvroValues } from "./avro";
import { Findings, type Finding } from "./finding";
import { SchemaComparer } from "./json-schema";
import { child, refName, resolve } from "./refs";

type Message = { key: string; pointer: string; value: Json };
type Operation = { key: string; label: string; pointer: string; value: Json; messages: Message[] };
type Channel = { key: string; address: string; pointer: string; value: Json; messages: Message[] };
type Model = { channels: Map<string, Channel>; operations: Map<string, Operation> };

export function compareAsyncApi(oldRoot: Json, newRoot: Json): Finding[] {
  const out = new Findings();
  const schemas = new SchemaComparer(oldRoot, newRoot, out, { lenient: true });
  const a = model(oldRoot);
  const b = model(newRoot);
  const compareMessages = (x: Message[], y: Message[], owner: string) => {
    const ys = new Map(y.map((m) => [m.key, m]));
    for (const m of x) {
      const n = ys.get(m.key);
      if (!n) out.add("asyncapi.message.removed", m.pointer, `message ${m.key} removed from ${owner}`, true, "maybe", `${owner} ${m.key}`);
      else message(out, schemas, oldRoot, newRoot, m, n, `message ${n.key} of ${owner}`);
    }
    const xs = new Set(x.map((m) => m.key));
    for (const n of y) if (!xs.has(n.key)) out.add("asyncapi.message.added", n.pointer, `message ${n.key} added to ${owner}`, false, false, `${owner} ${n.key}`);
  };
  for (const [key, c] of a.channels) {
    const d = b.channels.get(key);
    if (!d) {
      out.add("asyncapi.channel.removed", c.pointer, `channel ${c.address} removed`, true, "maybe", c.address);
      continue;
    }
    if (c.address !== d.address) out.add("asyncapi.channel.address-changed", d.pointer, `channel ${key} moved from ${c.address} to ${d.address}`, true, true, key);
    compareMessages(c.messages, d.messages, `channel ${d.address}`);
  }
  for (const [key, d] of b.channels) if (!a.channels.has(key)) out.add("asyncapi.channel.added", d.pointer, `channel ${d.address} added`, false, false, d.address);
  for (const [key, o] of a.operations) {
    const p = b.operations.get(key);
    if (!p) {
      out.add("asyncapi.operation.removed", o.pointer, `operation ${o.label} removed`, true, "maybe", o.label);
      continue;
    }
    if (o.value.action !== p.value.action) out.add("asyncapi.operation.action-changed", p.pointer, `operation ${p.label} changed action from ${String(o.value.action)} to ${String(p.value.action)}`, true, true, p.label);
    compareMessages(o.messages, p.messages, `operation ${p.label}`);
  }
  for (const [key, p] of b.operations) if (!a.operations.has(key)) out.add("asyncapi.operation.added", p.pointer, `operation ${p.label} added`, false, false, p.label);
  return dedupe(out.list);
}

/** A v2 message reached through its channel and its operation is one message: keep the first report. */
function dedupe(list: Finding[]): Finding[] {
  const seen = new Set<string>();
  return list.filter((f) => {
    const key = `${f.rule}|${f.path}|${f.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function message(out: Findings, schemas: SchemaComparer, oldRoot: Json, newRoot: Json, m: Message, n: Message, where: string): void {
  const avro = (v: Json) => typeof v.schemaFormat === "string" && /avro/i.test(v.schemaFormat);
  const payload = (v: Json, pointer: string) => {
    // AsyncAPI 3 multi-format schemas: { schemaFormat, schema }
    if (isRecord(v.payload) && v.payload.schemaFormat !== undefined && v.payload.schema !== undefined) return { schema: v.payload.schema, pointer: child(pointer, "payload", "schema"), avro: avro(v.payload) };
    return { schema: v.payload, pointer: child(pointer, "payload"), avro: avro(v) };
  };
  const p = payload(m.value, m.pointer);
  const q = payload(n.value, n.pointer);
  if (p.avro && q.avro) compareAvroValues(resolve(oldRoot, p.schema, p.pointer).value, resolve(newRoot, q.schema, q.pointer).value, q.pointer, out);
  else if (p.schema !== undefined || q.schema !== undefined) schemas.compare(p.schema ?? true, p.pointer, q.schema ?? true, q.pointer, false, `payload of ${where}`);
  if (m.value.headers !== undefined || n.value.headers !== undefined) {
    schemas.compare(m.value.headers ?? true, child(m.pointer, "headers"), n.value.headers ?? true, child(n.pointer, "headers"), false, `headers of ${where}`);
  }
}

function messageKey(raw: unknown, value: Json, fallback: string): string {
  const ref = isRecord(raw) && typeof raw.$ref === "string" ? refName(raw.$ref) : undefined;
  const id = [value.messageId, value.name, ref, value.title].find((v): v is string => typeof v === "string");
  return id ?? fallback;
}

function messagesOf(root: Json, raw: unknown, pointer: string): Message[] {
  const r = resolve(root, raw, pointer);
  if (!isRecord(r.value)) return [];
  const list = Array.isArray(r.value.oneOf) ? r.value.oneOf : [raw];
  const base = Array.isArray(r.value.oneOf) ? child(r.pointer, "oneOf") : undefined;
  return list.flatMap((item, i) => {
    const m = resolve(root, item, base ? child(base, i) : pointer);
    return isRecord(m.value) ? [{ key: messageKey(item, m.value, `#${i}`), pointer: m.pointer, value: m.value }] : [];
  });
}

function model(root: Json): Model {
  const channels = new Map<string, Channel>();
  const operations = new Map<string, Operation>();
  const v3 = typeof root.asyncapi === "string" && root.asyncapi.startsWith("3");
  const rawChannels = isRecord(root.channels) ? root.channels : {};
  for (const [key, raw] of Object.entries(rawChannels)) {
    const pointer = child("/channels", key);
    const c = resolve(root, raw, pointer);
    if (!isRecord(c.value)) continue;
    if (v3) {
      const address = typeof c.value.address === "string" ? c.value.address : key;
      const messages = Object.entries(isRecord(c.value.messages) ? c.value.messages : {}).flatMap(([id, m]) => {
        const r = resolve(root, m, child(c.pointer, "messages", id));
        return isRecord(r.value) ? [{ key: id, pointer: r.pointer, value: r.value }] : [];
      });
      channels.set(key, { key, address, pointer: c.pointer, value: c.value, messages });
      continue;
    }
    channels.set(key, { key, address: key, pointer: c.pointer, value: c.value, messages: [] });
    for (const action of ["publish", "subscribe"] as const) {
      const op = c.value[action];
      if (!isRecord(op)) continue;
      const opPointer = child(c.pointer, action);
      const label = `${action} ${key}`;
      operations.set(label, { key: label, label, pointer: opPointer, value: { ...op, action }, messages: messagesOf(root, op.message, child(opPointer, "message")) });
    }
  }
  if (v3) {
    for (const [key, raw] of Object.entries(isRecord(root.operations) ? root.operations : {})) {
      const o = resolve(root, raw, child("/operations", key));
      if (!isRecord(o.value)) continue;
      const list = Array.isArray(o.value.messages) ? o.value.messages : [];
      const messages = list.flatMap((m, i) => {
        const r = resolve(root, m, child(o.pointer, "messages", i));
        const id = isRecord(m) && typeof m.$ref === "string" ? refName(m.$ref)! : `#${i}`;
        return isRecord(r.value) ? [{ key: id, pointer: r.pointer, value: r.value }] : [];
      });
      operations.set(key, { key, label: key, pointer: o.pointer, value: o.value, messages });
    }
  }
  return { channels, operations };
}
