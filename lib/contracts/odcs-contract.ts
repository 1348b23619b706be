// Any valid ODCS v3 document -> the content of a contract version. Schema objects and their properties become
// the contract's JSON Schema (logicalType -> type, required, unique, classification, examples), each node keeping
// its ODCS attributes verbatim under `x-odcs`, and the document's other sections (team, roles, support, servers,
// price, every slaProperty...) under the root's `x-odcs`, so that an export gives the same document back.
// SLA properties that mean what an Interchange SLA field means (latency, availability) also fill the SLA.
// Pure and browser-safe.
import { ContractContent } from "./schemas";

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const asArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined);

/** customProperties Interchange writes on export and reads back (see odcs-export.ts). */
export const OWN_CUSTOM_PROPERTIES = ["compatibilityMode", "classification", "personalData", "crossBorderTransfer", "errorHandling", "schemaFormat", "schema"];

const LOGICAL_TO_JSON: Record<string, Json> = {
  string: { type: "string" },
  date: { type: "string", format: "date" },
  timestamp: { type: "string", format: "date-time" },
  time: { type: "string", format: "time" },
  integer: { type: "integer" },
  number: { type: "number" },
  boolean: { type: "boolean" },
  object: { type: "object" },
  array: { type: "array" },
};

// Kept attributes are stored in key order, so that a document written back and read again stores the same text.
const sortedKeys = (value: Json): Json => Object.fromEntries(Object.entries(value).sort(([a], [b]) => a.localeCompare(b)));

function propertySchema(p: Json): Json {
  const { properties, items, ...attributes } = p;
  const node: Json = { ...(LOGICAL_TO_JSON[str(p.logicalType) ?? ""] ?? {}) };
  if (str(p.description)) node.description = p.description;
  if (Array.isArray(p.examples)) node.examples = p.examples;
  if (str(p.classification)) node["x-classification"] = p.classification;
  if (p.unique === true) node["x-unique"] = true;
  if (Array.isArray(properties)) Object.assign(node, objectSchema(properties));
  if (isRecord(items)) node.items = propertySchema(items);
  node["x-odcs"] = sortedKeys(attributes);
  return node;
}

function objectSchema(props: unknown[]): Json {
  const list = props.filter(isRecord);
  const required = list.filter((p) => p.required === true || p.primaryKey === true).map((p) => String(p.name));
  return { type: "object", properties: Object.fromEntries(list.map((p, i) => [str(p.name) ?? `property${i + 1}`, propertySchema(p)])), ...(required.length ? { required } : {}) };
}

/** The JSON Schema of a contract from the document's schema objects (one property per schema object). */
export function jsonSchemaFromOdcs(doc: Json): Json {
  // Status and version are the contract's own; Interchange's customProperties are its own fields.
  const { schema, status: _status, version: _version, kind: _kind, customProperties, ...rest } = doc;
  const foreign = asArray(customProperties).filter((p) => !(isRecord(p) && OWN_CUSTOM_PROPERTIES.includes(String(p.property))));
  if (foreign.length) rest.customProperties = foreign;
  const objects = asArray(schema).filter(isRecord);
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    title: str(doc.name) ?? str(doc.id),
    type: "object",
    properties: Object.fromEntries(objects.map((o, i) => [str(o.name) ?? `schema${i + 1}`, propertySchema(o)])),
    "x-odcs": sortedKeys(rest),
  };
}

const SECONDS: Record<string, number> = { s: 1, sec: 1, second: 1, seconds: 1, m: 60, min: 60, minute: 60, minutes: 60, h: 3600, hr: 3600, hour: 3600, hours: 3600, d: 86400, day: 86400, days: 86400 };
const RANK = ["public", "internal", "confidential", "restricted"];

export function slaFrom(properties: Json[]): Json {
  const sla: Json = {};
  for (const p of properties) {
    const value = typeof p.value === "number" ? p.value : Number(p.value);
    // ODCS latency is how late data may arrive: Interchange's freshness. Only a whole-document latency maps.
    if (p.property === "latency" && Number.isFinite(value) && SECONDS[(str(p.unit) ?? "s").toLowerCase()] && !p.element) sla.freshnessMaxLagSeconds = Math.round(value * SECONDS[(str(p.unit) ?? "s").toLowerCase()]);
    if (p.property === "availability" && Number.isFinite(value) && value >= 0 && value <= 100) sla.availabilityPct = value;
    // Interchange's own export writes its SLA fields under their own names.
    if (["freshnessMaxLagSeconds", "deliverySuccessPct", "latencyP95Ms", "latencyP99Ms", "availabilityPct"].includes(String(p.property)) && Number.isFinite(value)) sla[String(p.property)] = value;
    if (p.property === "volumePerMinute") sla.volumePerMinute = { min: p.value, max: p.valueExt };
  }
  return sla;
}

function classificationOf(schema: unknown): string | undefined {
  const found = new Set<string>();
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!isRecord(node)) return;
    const c = str(node.classification)?.toLowerCase();
    if (c && RANK.includes(c)) found.add(c);
    Object.values(node).forEach(walk);
  };
  walk(schema);
  const top = RANK.filter((r) => found.has(r)).pop();
  return top?.toUpperCase();
}

export type OdcsContract = { content?: ContractContent; warnings: string[] };

/** The contract content an ODCS document declares, before validation. */
export function odcsCandidate(doc: Json): Record<string, unknown> {
  const custom = new Map(asArray(doc.customProperties).filter(isRecord).map((p) => [str(p.property) ?? "", p.value]));
  const description = isRecord(doc.description) ? str(doc.description.purpose) : str(doc.description);
  const ownSchema = typeof custom.get("schema") === "string" && typeof custom.get("schemaFormat") === "string";
  const candidate = {
    version: doc.version,
    compatibilityMode: custom.get("compatibilityMode"),
    schemaFormat: ownSchema ? custom.get("schemaFormat") : "JSON_SCHEMA",
    schema: ownSchema ? custom.get("schema") : JSON.stringify(jsonSchemaFromOdcs(doc), null, 2),
    sla: slaFrom(asArray(doc.slaProperties).filter(isRecord)),
    errorHandling: custom.get("errorHandling"),
    classification: custom.get("classification") ?? classificationOf(doc.schema),
    personalData: custom.get("personalData"),
    crossBorderTransfer: custom.get("crossBorderTransfer"),
    description: description && description.length <= 4000 ? description : undefined,
    changeNote: isRecord(doc.description) ? str(doc.description.usage) : undefined,
  };
  return candidate;
}

/** The contract version an ODCS document declares, or why it cannot be one (a warning, not a failure). */
export function contractFromOdcs(doc: Json): OdcsContract {
  const parsed = ContractContent.safeParse(odcsCandidate(doc));
  if (parsed.success) return { content: parsed.data, warnings: [] };
  const issue = parsed.error.issues[0];
  return { warnings: [`no contract version created: ${issue.path.join(".") || "document"}: ${issue.message}`] };
}
