// AsyncAPI 2.x / 3.x -> one EVENT interface with a CHANNEL per channel, an OPERATION per operation and a
// MESSAGE per distinct message. @asyncapi/parser validates; extraction walks the raw document so that
// both major versions map onto the same elements and recursive payloads stop at "ref:Name".
import { Parser } from "@asyncapi/parser";
import { coreRuleset } from "@asyncapi/parser/cjs/ruleset/ruleset";
import type { RulesetFunctionContext } from "@stoplight/spectral-core";
import { ImportError, type ImportLimits, type ImportedElement, type ImportedInterface } from "./model";
import { clean } from "./openapi";
import { checkRefs, deref, flattenSchema, type SchemaContext } from "./refs";
import type { Source } from "./source";
import { asArray, asRecord, isRecord, pointerOf, slugify, str, type Json } from "./util";

export type AsyncApiOptions = { limits: ImportLimits; systemSlug?: string; doc?: number };

const PROTOCOLS: Record<string, ImportedInterface["protocol"]> = {
  kafka: "KAFKA", "kafka-secure": "KAFKA", amqp: "AMQP", amqps: "AMQP", nats: "NATS",
  mqtt: "MQTT", mqtts: "MQTT", "secure-mqtt": "MQTT", ws: "HTTP", wss: "HTTP", http: "HTTP", https: "HTTP",
};

export function protocolOf(name: string | undefined): ImportedInterface["protocol"] {
  return PROTOCOLS[(name ?? "").toLowerCase()] ?? "OTHER";
}

// Every URL or file reference is refused by checkRefs before the parser runs; these resolvers make sure
// the parser's own defaults (file, http, https) can never fetch anything should one slip through.
let externalAttempts: string[] = [];
const refuse = (schema: string) => ({ schema, order: 0, read: (uri: { toString(): string }) => (externalAttempts.push(uri.toString()), "{}") });

// Spectral's schema function gives every document its own Ajv instances (keyed by the document's inventory), so the
// AsyncAPI meta-schema was compiled again for each document: about a second of CPU per file, 90% of an AsyncAPI
// import. The core rules that validate against a schema are the parser's own, run with one inventory key for the
// process, so their schemas (fixed objects of the ruleset, each AsyncAPI version's with its own $id) compile once.
const SHARED_SCHEMA_CACHE = {};
const SCHEMA_RULES = ["asyncapi-document-resolved", "asyncapi-document-unresolved", "asyncapi-latest-version"] as const;
type SchemaRule = (typeof coreRuleset.rules)[(typeof SCHEMA_RULES)[number]];
function withSharedSchemaCache(rule: SchemaRule) {
  const run = rule.then.function as unknown as (input: unknown, options: unknown, context: RulesetFunctionContext) => unknown;
  return {
    ...rule,
    formats: coreRuleset.formats,
    then: { ...rule.then, function: (input: unknown, options: unknown, context: RulesetFunctionContext) => run(input, options, { ...context, documentInventory: SHARED_SCHEMA_CACHE as never }) },
  };
}

let parser: Parser | undefined;
function getParser(): Parser {
  // Only the core (validity) rules: the recommended ones are style advice and cost time on big documents.
  parser ??= new Parser({
    ruleset: {
      core: true,
      recommended: false,
      rules: Object.fromEntries(SCHEMA_RULES.map((name) => [name, withSharedSchemaCache(coreRuleset.rules[name])])),
    } as never,
    __unstable: { resolver: { cache: false, resolvers: [refuse("file"), refuse("http"), refuse("https")] } },
  });
  return parser;
}

export async function parseAsyncApi(root: unknown, source: Source, options: AsyncApiOptions): Promise<ImportedInterface> {
  const doc = asRecord(root);
  const version = str(doc.asyncapi) ?? "";
  if (!/^[23]\.\d+\.\d+$/.test(version)) throw new ImportError([source.at("/asyncapi", `unsupported AsyncAPI version ${JSON.stringify(doc.asyncapi)}: expected 2.x or 3.x`, options.doc)]);
  checkRefs(root, source, options.limits, options.doc);
  externalAttempts = [];
  // The parser gets a copy of the value (not the text): aliases were already expanded under our limits.
  const { diagnostics } = await getParser().parse(structuredClone(doc) as never, { applyTraits: false });
  if (externalAttempts.length) throw new ImportError([{ message: `external $ref '${externalAttempts[0]}' is not allowed: imports never fetch files or URLs` }]);
  const seen = new Set<string>();
  const problems = diagnostics
    .filter((d) => d.severity === 0)
    .map((d) => source.at(pointerOf(d.path), `invalid spec: ${d.message}`, options.doc))
    .filter((p) => !seen.has(p.message + p.line) && !!seen.add(p.message + p.line));
  if (problems.length) throw new ImportError(problems.slice(0, 20));
  return extractAsyncApi(doc, source.text, options);
}

export function extractAsyncApi(doc: Json, text: string, options: AsyncApiOptions): ImportedInterface {
  const ctx: SchemaContext = { root: doc, limits: options.limits };
  const v3 = str(doc.asyncapi)?.startsWith("3.") ?? false;
  const info = asRecord(doc.info);
  const title = str(info.title) ?? "Untitled event API";
  const servers = asRecord(doc.servers);
  const serverProtocols = Object.fromEntries(Object.entries(servers).map(([name, s]) => [name, str(asRecord(deref(ctx, s).value).protocol) ?? ""]));
  const { channels, operations, messages } = v3 ? collectV3(ctx, doc, serverProtocols) : collectV2(ctx, doc, serverProtocols);
  const messageElements = [...messages.values()].map(({ name, message }) => messageElement(ctx, name, message));
  const ext = (key: string) => str(doc[key]) ?? str(info[key]);
  const firstProtocol = Object.values(serverProtocols)[0];
  const titleSlug = slugify(title);
  return clean({
    sourceKey: `asyncapi:${titleSlug}`,
    name: title,
    description: str(info.description),
    kind: "EVENT",
    protocol: protocolOf(firstProtocol),
    style: "EVENT",
    specFormat: "ASYNCAPI",
    version: str(info.version) ?? "",
    tags: asArray(v3 ? info.tags : doc.tags).map((t) => str(asRecord(deref(ctx, t).value).name)).filter((t): t is string => !!t),
    systemSlug: ext("x-interchange-system") ? slugify(ext("x-interchange-system")!) : (options.systemSlug ?? titleSlug),
    systemName: options.systemSlug || ext("x-interchange-system") ? undefined : title,
    ownerTeamSlug: ext("x-interchange-owner") ? slugify(ext("x-interchange-owner")!.replace(/^group:(default\/)?/, "")) : undefined,
    spec: text,
    elements: [...channels, ...operations, ...messageElements],
  });
}

type Collected = { channels: ImportedElement[]; operations: ImportedElement[]; messages: Map<string, { name: string; message: Json }> };

/** Adds a message once, keyed by the definition it resolves to, so a $ref'd message is not repeated. */
function addMessage(ctx: SchemaContext, out: Collected["messages"], raw: unknown, pointer: string, fallbackName: string): string[] {
  const resolved = deref(ctx, raw);
  const value = asRecord(resolved.value);
  if (Array.isArray(value.oneOf)) return value.oneOf.flatMap((m, i) => addMessage(ctx, out, m, `${pointer}/oneOf/${i}`, `${fallbackName}${i + 1}`));
  const key = resolved.ref ?? `#${pointer}`;
  const name = str(value.name) ?? str(value.messageId) ?? resolved.refName ?? fallbackName;
  if (!out.has(key)) out.set(key, { name, message: value });
  return [out.get(key)!.name];
}

function channelDetails(item: Json, serverNames: string[], serverProtocols: Record<string, string>, extra: Json): Json {
  const names = serverNames.length ? serverNames : Object.keys(serverProtocols);
  return clean({ ...extra, servers: names, protocols: [...new Set(names.map((n) => serverProtocols[n]).filter(Boolean))], bindings: isRecord(item.bindings) ? item.bindings : undefined });
}

// AsyncAPI 2.x describes operations from the application's point of view, inverted from what the words
// suggest: `publish` means other applications publish to the channel and this application RECEIVES;
// `subscribe` means others subscribe and this application SENDS. 3.x says `action: send|receive` directly.
const V2_ACTIONS = { publish: "receive", subscribe: "send" } as const;

function collectV2(ctx: SchemaContext, doc: Json, serverProtocols: Record<string, string>): Collected {
  const out: Collected = { channels: [], operations: [], messages: new Map() };
  for (const [name, c] of Object.entries(asRecord(asRecord(doc.components).messages))) addMessage(ctx, out.messages, c, pointerOf(["components", "messages", name]), name);
  for (const [address, raw] of Object.entries(asRecord(doc.channels))) {
    const item = asRecord(deref(ctx, raw).value);
    const opMessages: string[] = [];
    for (const verb of ["publish", "subscribe"] as const) {
      const op = asRecord(item[verb]);
      if (!isRecord(item[verb])) continue;
      const opName = str(op.operationId) ?? `${verb} ${address}`;
      const names = op.message === undefined ? [] : addMessage(ctx, out.messages, op.message, pointerOf(["channels", address, verb, "message"]), `${opName}Message`);
      opMessages.push(...names);
      out.operations.push(clean({ kind: "OPERATION", name: opName, action: V2_ACTIONS[verb], summary: str(op.summary), description: str(op.description), details: clean({ channel: address, specVerb: verb, messages: names, bindings: isRecord(op.bindings) ? op.bindings : undefined }), fields: [] }));
    }
    out.channels.push(clean({ kind: "CHANNEL", name: address, description: str(item.description), details: channelDetails(item, asArray(item.servers).map(String), serverProtocols, { messages: [...new Set(opMessages)] }), fields: [] }));
  }
  return out;
}

function collectV3(ctx: SchemaContext, doc: Json, serverProtocols: Record<string, string>): Collected {
  const out: Collected = { channels: [], operations: [], messages: new Map() };
  for (const [name, c] of Object.entries(asRecord(asRecord(doc.components).messages))) addMessage(ctx, out.messages, c, pointerOf(["components", "messages", name]), name);
  const addresses = new Map<string, string>();
  const channelMessages = new Map<string, string[]>();
  for (const [id, raw] of Object.entries(asRecord(doc.channels))) {
    const item = asRecord(deref(ctx, raw).value);
    const address = str(item.address) ?? id;
    addresses.set(`#/channels/${id}`, address);
    const names = Object.entries(asRecord(item.messages)).flatMap(([key, m]) => addMessage(ctx, out.messages, m, pointerOf(["channels", id, "messages", key]), key));
    channelMessages.set(`#/channels/${id}`, names);
    const servers = asArray(item.servers).map((s) => deref(ctx, s).refName).filter((s): s is string => !!s);
    out.channels.push(clean({ kind: "CHANNEL", name: address, summary: str(item.summary), description: str(item.description), details: channelDetails(item, servers, serverProtocols, { id, messages: names }), fields: [] }));
  }
  for (const [id, raw] of Object.entries(asRecord(doc.operations))) {
    const op = asRecord(deref(ctx, raw).value);
    const channelRef = str(asRecord(op.channel).$ref);
    const action = op.action === "send" || op.action === "receive" ? op.action : undefined;
    // Without `messages`, an operation carries every message of its channel (AsyncAPI 3.0, Operation Object).
    const names = Array.isArray(op.messages)
      ? op.messages.flatMap((m, i) => addMessage(ctx, out.messages, m, pointerOf(["operations", id, "messages", i]), `${id}Message`))
      : (channelRef && channelMessages.get(channelRef)) || [];
    out.operations.push(clean({ kind: "OPERATION", name: id, action, summary: str(op.summary), description: str(op.description), details: clean({ channel: channelRef ? addresses.get(channelRef) ?? channelRef : undefined, messages: names, bindings: isRecord(op.bindings) ? op.bindings : undefined }), fields: [] }));
  }
  return out;
}

function messageElement(ctx: SchemaContext, name: string, message: Json): ImportedElement {
  const payload = message.payload;
  // 3.x may wrap the payload in a multi-format schema object: { schemaFormat, schema }.
  const multiFormat = isRecord(payload) && payload.schemaFormat !== undefined && payload.schema !== undefined;
  const schemaFormat = str(message.schemaFormat) ?? (multiFormat ? str(payload.schemaFormat) : undefined);
  const jsonLike = !schemaFormat || /json|asyncapi|openapi/i.test(schemaFormat);
  const { fields, truncated } = jsonLike && payload !== undefined ? flattenSchema(ctx, multiFormat ? payload.schema : payload, name) : { fields: [], truncated: false };
  return clean({
    kind: "MESSAGE",
    name,
    summary: str(message.summary) ?? str(message.title),
    description: str(message.description),
    deprecated: message.deprecated === true ? true : undefined,
    details: clean({ contentType: str(message.contentType), schemaFormat, payload: deref(ctx, payload).refName, truncatedFields: truncated || undefined }),
    fields,
  });
}
