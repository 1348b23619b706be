// Open Data Contract Standard v3 (apiVersion v3.x, kind DataContract) -> one interface with a SCHEMA
// element per schema object and its properties flattened into fields. The interface kind follows the
// servers: streaming servers (kafka, pulsar, kinesis, pubsub...) make an EVENT interface, file and object
// stores (sftp, s3, gcs, azure, local...) a FILE interface (BATCH), and anything else, including no servers
// at all, a DATABASE interface (BATCH): most contracts describe tables.
import { contractFromOdcs } from "@/lib/contracts/odcs-contract";
import { validateOdcs } from "@/lib/contracts/odcs-validate";
import { type ImportLimits, type ImportedDocument, type ImportedElement, type ImportedField, type ImportedInterface } from "./model";
import { clean } from "./openapi";
import type { Source } from "./source";
import { asArray, asRecord, exampleText, isRecord, Problems, slugify, str, type Json } from "./util";

export type OdcsOptions = { limits: ImportLimits; systemSlug?: string };

const EVENT_SERVERS = new Set(["kafka", "pulsar", "kinesis", "pubsub", "eventhubs", "rabbitmq", "amqp", "nats", "mqtt", "sqs", "sns"]);
const FILE_SERVERS = new Set(["sftp", "s3", "gcs", "azure", "local", "ftp", "hdfs", "cloudfiles"]);

function shapeOf(serverTypes: string[]): Pick<ImportedInterface, "kind" | "protocol" | "style"> {
  const event = serverTypes.find((t) => EVENT_SERVERS.has(t));
  if (event) return { kind: "EVENT", style: "EVENT", protocol: event === "kafka" ? "KAFKA" : event === "nats" ? "NATS" : event === "mqtt" ? "MQTT" : event === "amqp" || event === "rabbitmq" ? "AMQP" : "OTHER" };
  const file = serverTypes.find((t) => FILE_SERVERS.has(t));
  if (file) return { kind: "FILE", style: "BATCH", protocol: file === "sftp" ? "SFTP" : "OTHER" };
  return { kind: "DATABASE", style: "BATCH", protocol: serverTypes.length ? "JDBC" : "OTHER" };
}

function owner(doc: Json): string | undefined {
  const explicit = str(doc["x-interchange-owner"]) ?? str(asArray(doc.customProperties).map(asRecord).find((p) => p.property === "owner")?.value);
  // v3.1 `team` is an object with a name; v3.0 `team` is a bare list of members and names no team.
  const team = isRecord(doc.team) ? str(doc.team.name) : undefined;
  const name = explicit ?? team;
  return name ? slugify(name.replace(/^group:(default\/)?/, "")) : undefined;
}

export function parseOdcs(root: unknown, source: Source, options: OdcsOptions): ImportedDocument {
  const doc = asRecord(root);
  const problems = new Problems();
  if (!/^v3\.\d+\.\d+$/.test(str(doc.apiVersion) ?? "")) problems.add(source.at("/apiVersion", `unsupported ODCS apiVersion ${JSON.stringify(doc.apiVersion)}: expected v3.x.y`));
  for (const key of ["id", "version", "status"]) if (typeof doc[key] !== "string" || !doc[key]) problems.add(source.at(key in doc ? `/${key}` : "", `invalid contract: '${key}' is required and must be a string`));
  if (doc.schema !== undefined && !Array.isArray(doc.schema)) problems.add(source.at("/schema", "invalid contract: 'schema' must be a list of schema objects"));
  asArray(doc.schema).forEach((s, i) => {
    if (!str(asRecord(s).name)) problems.add(source.at(`/schema/${i}`, "invalid contract: schema object has no name"));
    checkProperties(asRecord(s).properties, `/schema/${i}/properties`, source, problems);
  });
  problems.throwIfAny();

  const name = str(doc.name) ?? str(doc.id)!;
  const serverTypes = asArray(doc.servers).map((s) => (str(asRecord(s).type) ?? "").toLowerCase()).filter(Boolean);
  const sla = asArray(doc.slaProperties).map(asRecord);
  const elements = asArray(doc.schema).map((s) => schemaElement(asRecord(s), sla));
  const description = isRecord(doc.description) ? str(doc.description.purpose) : str(doc.description);
  const status = (str(doc.status) ?? "").toLowerCase();
  const systemHint = str(doc["x-interchange-system"]) ?? str(doc.dataProduct);
  const domainSlug = str(doc.domain) ? slugify(str(doc.domain)!) : undefined;
  const iface: ImportedInterface = clean({
    sourceKey: `odcs:${str(doc.id)}`,
    name,
    description,
    ...shapeOf(serverTypes),
    specFormat: "ODCS",
    version: str(doc.version)!,
    tags: asArray(doc.tags).map(String),
    systemSlug: systemHint ? slugify(systemHint) : (options.systemSlug ?? slugify(name)),
    systemName: systemHint ?? (options.systemSlug ? undefined : name),
    ownerTeamSlug: owner(doc),
    domainSlug,
    lifecycle: status === "deprecated" ? "DEPRECATED" : status === "retired" ? "RETIRED" : undefined,
    spec: source.text,
    elements,
    details: clean({
      status: str(doc.status),
      slaProperties: sla.length ? sla : undefined,
      team: doc.team,
      support: doc.support,
      servers: Array.isArray(doc.servers) ? doc.servers : undefined,
      dataProduct: str(doc.dataProduct),
      tenant: str(doc.tenant),
      roles: Array.isArray(doc.roles) ? doc.roles : undefined,
      price: isRecord(doc.price) ? doc.price : undefined,
    }),
    contract: odcsContract(doc),
  });
  return { format: "ODCS", domains: domainSlug ? [{ slug: domainSlug, name: str(doc.domain)! }] : [], systems: [], interfaces: [iface], flows: [] };
}

/** The contract version the document declares; a document the official schema rejects is imported with a warning saying why. */
function odcsContract(doc: Json) {
  const { content, warnings } = contractFromOdcs(doc);
  const validation = validateOdcs(doc);
  const notes = validation === undefined
    ? [`ODCS ${str(doc.apiVersion)} has no official schema here; the document was checked for structure only`]
    : validation.valid ? [] : [`the document does not validate against the official ODCS ${str(doc.apiVersion)} schema (${validation.errors.join("; ")}); imported anyway`];
  return { content, warnings: [...notes, ...warnings] };
}

function checkProperties(props: unknown, pointer: string, source: Source, problems: Problems): void {
  if (props === undefined) return;
  if (!Array.isArray(props)) return problems.add(source.at(pointer, "invalid contract: 'properties' must be a list"));
  props.forEach((p, i) => {
    if (!str(asRecord(p).name)) problems.add(source.at(`${pointer}/${i}`, "invalid contract: property has no name"));
    checkProperties(asRecord(p).properties, `${pointer}/${i}/properties`, source, problems);
    if (isRecord(asRecord(p).items)) checkProperties(asRecord(asRecord(p).items).properties, `${pointer}/${i}/items/properties`, source, problems);
  });
}

function schemaElement(schema: Json, sla: Json[]): ImportedElement {
  const name = str(schema.name)!;
  const fields: ImportedField[] = [];
  flattenProperties(schema.properties, name, fields);
  const classifications = Object.fromEntries(fields.filter((f) => f.classification).map((f) => [f.path, f.classification]));
  // SLA entries may target one schema object or one of its properties ("element: orders.created_at").
  const elementSla = sla.filter((s) => {
    const element = str(s.element);
    return element === name || element?.startsWith(`${name}.`);
  });
  return clean({
    kind: "SCHEMA",
    name,
    summary: str(schema.businessName),
    description: str(schema.description),
    details: clean({
      logicalType: str(schema.logicalType),
      physicalType: str(schema.physicalType),
      physicalName: str(schema.physicalName),
      dataGranularityDescription: str(schema.dataGranularityDescription),
      classification: str(schema.classification),
      classifications: Object.keys(classifications).length ? classifications : undefined,
      slaProperties: elementSla.length ? elementSla : undefined,
      quality: Array.isArray(schema.quality) ? schema.quality : undefined,
    }),
    fields,
  });
}

// The document's own nesting depth is already bounded by the depth limit, so plain recursion is safe.
function flattenProperties(props: unknown, prefix: string, out: ImportedField[]): void {
  for (const raw of asArray(props)) {
    const p = asRecord(raw);
    const name = str(p.name) ?? "";
    const path = `${prefix}.${name}`;
    const items = asRecord(p.items);
    const logical = str(p.logicalType);
    out.push(
      clean({
        path,
        name,
        type: logical === "array" ? `array<${str(items.logicalType) ?? str(items.physicalType) ?? "unknown"}>` : logical ?? str(p.physicalType),
        // The field model has no physical-type column; the physical type is the closest thing to a format.
        format: str(asRecord(p.logicalTypeOptions).format) ?? (logical ? str(p.physicalType) : undefined),
        required: p.required === true || p.primaryKey === true,
        description: str(p.description),
        example: exampleText(asArray(p.examples)[0] ?? p.example),
        classification: str(p.classification),
      }),
    );
    flattenProperties(p.properties, path, out);
    flattenProperties(items.properties, `${path}[]`, out);
  }
}

