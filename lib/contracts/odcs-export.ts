// A contract version as an ODCS v3 YAML document (see odcs.ts for the way back). Pure and browser-safe: the
// proposal form's YAML editor uses it too. A contract imported from ODCS keeps its document's sections and
// schema objects in its JSON Schema (odcs-contract.ts) and is written back from them, in the ODCS version it
// declared; any other contract becomes schema objects derived from its JSON Schema where it has one, with
// Interchange's own fields (compatibility mode, schema text, error semantics...) as customProperties.
import { stringify } from "yaml";
import { OWN_CUSTOM_PROPERTIES, slaFrom } from "./odcs-contract";
import type { ContractContent, Sla } from "./schemas";

export type OdcsExportInput = ContractContent & {
  interface: { slug: string; name: string };
  ownerTeam?: { name: string } | null;
  status: string;
};

type Json = Record<string, unknown>;
const isRecord = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export const DEFAULT_ODCS_VERSION = "v3.0.2";

const SLA_UNITS: Record<string, string> = {
  freshnessMaxLagSeconds: "s",
  deliverySuccessPct: "%",
  latencyP95Ms: "ms",
  latencyP99Ms: "ms",
  availabilityPct: "%",
};

const ODCS_STATUS: Record<string, string> = { DRAFT: "draft", IN_REVIEW: "proposed", APPROVED: "approved", ACTIVE: "active", DEPRECATED: "deprecated", RETIRED: "retired", REJECTED: "rejected" };

const JSON_TO_LOGICAL: Record<string, string> = { string: "string", integer: "integer", number: "number", boolean: "boolean", object: "object", array: "array" };

function parseJsonSchema(contract: ContractContent): Json | undefined {
  if (contract.schemaFormat !== "JSON_SCHEMA") return undefined;
  try {
    const value: unknown = JSON.parse(contract.schema);
    return isRecord(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** An ODCS property from a JSON Schema node: its kept ODCS attributes, or what the JSON Schema says. */
function odcsProperty(name: string, node: Json, required: boolean): Json {
  const kept = isRecord(node["x-odcs"]) ? { ...node["x-odcs"] } : undefined;
  const property: Json = kept ?? {
    name,
    ...(JSON_TO_LOGICAL[String(node.type)] ? { logicalType: node.format === "date" ? "date" : node.format === "date-time" ? "timestamp" : JSON_TO_LOGICAL[String(node.type)] } : {}),
    ...(typeof node.description === "string" ? { description: node.description } : {}),
    ...(required ? { required: true } : {}),
    ...(Array.isArray(node.examples) ? { examples: node.examples } : {}),
    ...(typeof node["x-classification"] === "string" ? { classification: node["x-classification"] } : {}),
  };
  if (isRecord(node.properties)) property.properties = odcsProperties(node);
  if (isRecord(node.items)) property.items = odcsProperty(String(isRecord(node.items["x-odcs"]) ? node.items["x-odcs"].name ?? "items" : "items"), node.items, false);
  if (!kept && property.items && isRecord(property.items)) delete property.items.name;
  return property;
}

function odcsProperties(node: Json): Json[] {
  const required = new Set(Array.isArray(node.required) ? node.required.map(String) : []);
  return Object.entries(isRecord(node.properties) ? node.properties : {}).filter(([, v]) => isRecord(v)).map(([name, v]) => odcsProperty(name, v as Json, required.has(name)));
}

function slaProperties(sla: Sla, kept: Json[]): Json[] {
  const derived = slaFrom(kept) as Record<string, unknown>;
  const out: Json[] = [...kept];
  for (const [property, value] of Object.entries(sla) as [keyof Sla, unknown][]) {
    if (value === undefined || JSON.stringify(derived[property]) === JSON.stringify(value)) continue;
    if (property === "volumePerMinute") {
      const range = value as { min: number; max: number };
      out.push({ property: "volumePerMinute", value: range.min, valueExt: range.max, unit: "messages/min" });
    } else out.push({ property, value, unit: SLA_UNITS[property] });
  }
  return out;
}

/** The document as a value (validated by the server before it is offered as a download). */
export function toOdcsDocument(contract: OdcsExportInput): Json {
  const jsonSchema = parseJsonSchema(contract);
  const kept: Json = jsonSchema && isRecord(jsonSchema["x-odcs"]) ? jsonSchema["x-odcs"] : {};
  const fromOdcs = jsonSchema !== undefined && isRecord(jsonSchema["x-odcs"]);
  const schema = jsonSchema && isRecord(jsonSchema.properties)
    ? fromOdcs
      ? Object.entries(jsonSchema.properties).filter(([, v]) => isRecord(v)).map(([name, v]) => odcsProperty(name, v as Json, false))
      : [{ name: contract.interface.slug, logicalType: "object", properties: odcsProperties(jsonSchema) }]
    : [];
  const { customProperties: keptCustom, slaProperties: keptSla, description: keptDescription, team: keptTeam, ...keptRest } = kept;
  const description = { ...(isRecord(keptDescription) ? keptDescription : {}), ...(contract.description ? { purpose: contract.description } : {}), ...(contract.changeNote ? { usage: contract.changeNote } : {}) };
  const sla = slaProperties(contract.sla, Array.isArray(keptSla) ? keptSla.filter(isRecord) : []);
  const apiVersion = typeof kept.apiVersion === "string" ? kept.apiVersion : DEFAULT_ODCS_VERSION;
  // A document imported from ODCS says what it said (its own id, name and team, or none); others are named here.
  const team = fromOdcs ? keptTeam : contract.ownerTeam ? (apiVersion >= "v3.1" ? { name: contract.ownerTeam.name } : [{ username: contract.ownerTeam.name, role: "owner" }]) : undefined;
  return {
    apiVersion,
    kind: "DataContract",
    ...(fromOdcs ? {} : { id: contract.interface.slug, name: contract.interface.name }),
    ...keptRest,
    version: contract.version,
    status: ODCS_STATUS[contract.status] ?? "draft",
    ...(team !== undefined ? { team } : {}),
    ...(Object.keys(description).length || isRecord(keptDescription) ? { description } : typeof keptDescription === "string" ? { description: keptDescription } : {}),
    ...(schema.length ? { schema } : {}),
    ...(sla.length ? { slaProperties: sla } : {}),
    customProperties: [
      ...(Array.isArray(keptCustom) ? keptCustom : []).filter((p) => !(isRecord(p) && OWN_CUSTOM_PROPERTIES.includes(String(p.property)))),
      { property: "compatibilityMode", value: contract.compatibilityMode },
      { property: "classification", value: contract.classification },
      { property: "personalData", value: contract.personalData },
      { property: "crossBorderTransfer", value: contract.crossBorderTransfer },
      ...(Object.keys(contract.errorHandling).length ? [{ property: "errorHandling", value: contract.errorHandling }] : []),
      // Schema objects carry a contract imported from ODCS; any other schema travels as its exact text too.
      ...(fromOdcs ? [] : [{ property: "schemaFormat", value: contract.schemaFormat }, { property: "schema", value: contract.schema }]),
    ],
  };
}

export function toOdcsYaml(contract: OdcsExportInput): string {
  return stringify(toOdcsDocument(contract), { lineWidth: 0, blockQuote: "literal", aliasDuplicateObjects: false });
}
