// OpenAPI 3.1 webhooks: the provider calls the consumer. The roles of an operation turn around: the
// consumer reads the request payload (so widening it breaks consumers, as in a response) and writes the
// response, which the provider reads. A removed webhook is an event consumers stop receiving.
import { isRecord } from "@/lib/catalog/import/util";
import { operationsOf, pairMedia, requestBodyOf, responsesOf, type Ctx, type Doc, type Operation } from "./openapi";
import { child, resolve } from "./refs";

function webhookOperations(d: Doc): Map<string, Operation> {
  const map = new Map<string, Operation>();
  const hooks = isRecord(d.root.webhooks) ? d.root.webhooks : {};
  for (const [name, raw] of Object.entries(hooks)) {
    const pointer = child("/webhooks", name);
    const item = resolve(d.root, raw, pointer).value;
    if (!isRecord(item)) continue;
    for (const op of operationsOf(name, item, pointer)) map.set(`${name} ${op.method}`, { ...op, label: `webhook ${name} (${op.method})` });
  }
  return map;
}

export function webhooks(ctx: Ctx): void {
  const { out } = ctx;
  const x = webhookOperations(ctx.a);
  const y = webhookOperations(ctx.b);
  for (const [key, a] of x) {
    const b = y.get(key);
    if (!b) {
      const deprecated = a.value.deprecated === true;
      out.add("openapi.webhook.removed", a.pointer, `${a.label} removed: consumers no longer receive it${deprecated ? " (it was deprecated)" : ""}`, deprecated ? "maybe" : true, false, a.label);
      continue;
    }
    payload(ctx, a, b);
    replies(ctx, a, b);
  }
  for (const [key, b] of y) if (!x.has(key)) out.add("openapi.webhook.added", b.pointer, `${b.label} added`, false, false, b.label);
}

/** The payload the provider sends: judged as data consumers read. */
function payload(ctx: Ctx, a: Operation, b: Operation): void {
  const p = requestBodyOf(ctx.a, a);
  const q = requestBodyOf(ctx.b, b);
  const pointer = child(b.pointer, "requestBody");
  if (!p || !q) {
    if (p || q) ctx.out.add(`openapi.webhook.payload.${p ? "removed" : "added"}`, pointer, `${b.label} ${p ? "no longer sends" : "now sends"} a payload`, true, false, b.label);
    return;
  }
  const pairs = pairMedia(p.media, q.media);
  for (const mt of pairs.newOnly) ctx.out.add("openapi.webhook.media-type.added", pointer, `${b.label} may now send ${mt} payloads`, true, false, `${b.label} ${mt}`);
  for (const mt of pairs.oldOnly) ctx.out.add("openapi.webhook.media-type.removed", pointer, `${b.label} no longer sends ${mt} payloads`, false, false, `${b.label} ${mt}`);
  for (const [m, n] of pairs.matched) {
    const s = p.media.get(m)!;
    const t = q.media.get(n)!;
    ctx.schemas.compare(s.schema, s.pointer, t.schema, t.pointer, true, `payload of ${b.label}`);
  }
}

/** What consumers answer: the provider reads it, as it reads a request body. */
function replies(ctx: Ctx, a: Operation, b: Operation): void {
  const x = responsesOf(ctx.a, a);
  const y = responsesOf(ctx.b, b);
  for (const [status, r] of x) {
    const s = y.get(status);
    if (!s) continue;
    for (const [m, n] of pairMedia(r.media, s.media).matched) {
      const p = r.media.get(m)!;
      const q = s.media.get(n)!;
      ctx.schemas.compare(p.schema, p.pointer, q.schema, q.pointer, false, `reply ${status} to ${b.label}`);
    }
  }
}
