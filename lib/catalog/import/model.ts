// The shape every importer (OpenAPI, AsyncAPI, Backstage, ODCS) turns a document into. Pure data: the
// persistence layer (persist.ts) writes it in one transaction; parsers never touch the database.

export type ImportedField = {
  /** Dotted path from the element or schema root, e.g. "Payment.payer.email"; arrays as "items[]". */
  path: string;
  name: string;
  type?: string;
  format?: string;
  required: boolean;
  description?: string;
  example?: string;
  /** Classification the document declares for the field (ODCS `classification`), e.g. "restricted". */
  classification?: string;
};

export type ImportedElement = {
  kind: "OPERATION" | "CHANNEL" | "MESSAGE" | "SCHEMA";
  /** "GET /payments/{id}", a channel address, a message or schema name. */
  name: string;
  method?: string;
  path?: string;
  action?: "send" | "receive";
  summary?: string;
  description?: string;
  deprecated?: boolean;
  /** Readable detail for the interface page: parameters, responses, payload schema, bindings, servers... */
  details?: Record<string, unknown>;
  fields: ImportedField[];
};

export type ImportedInterface = {
  /** Stable identity across re-imports, e.g. "openapi:payments-api" or "backstage:api:default/payments". */
  sourceKey: string;
  name: string;
  description?: string;
  kind: "API" | "EVENT" | "FILE" | "DATABASE";
  protocol: "HTTP" | "GRPC" | "SOAP" | "GRAPHQL" | "KAFKA" | "AMQP" | "NATS" | "MQTT" | "SFTP" | "JDBC" | "OTHER";
  style: "REQUEST_RESPONSE" | "EVENT" | "BATCH";
  specFormat: "OPENAPI" | "ASYNCAPI" | "WSDL" | "GRAPHQL" | "PROTOBUF" | "AVRO" | "JSON_SCHEMA" | "ODCS" | "CSV" | "NONE";
  /** The version the document declares (info.version), shown beside the stored version. */
  version: string;
  tags: string[];
  /** Slug of the providing system; the persistence layer creates it when missing. */
  systemSlug: string;
  systemName?: string;
  ownerTeamSlug?: string;
  domainSlug?: string;
  lifecycle?: "ACTIVE" | "DEPRECATED" | "RETIRED";
  /** The raw document text as imported, stored with its hash. */
  spec: string;
  elements: ImportedElement[];
  /** Contract-level metadata the document declares (ODCS: SLA properties, team, servers, support). */
  details?: Record<string, unknown>;
  /** The key earlier releases identified this document by (its title): a re-import adopts such an interface. */
  legacySourceKey?: string;
  /** Where it was declared ("api:default/x in apis/x.yaml"), for warnings and per-file results. */
  origin?: string;
  /** The file of the import set it came from. */
  file?: string;
  /** ODCS: the data contract version the document declares (lib/contracts/odcs-contract.ts). */
  contract?: ImportedContract;
  /** Set on the worker pool (prepare.ts): then `spec` is NUL-free, `elements` is empty and the elements are here. */
  prepared?: PreparedInterface;
};

/** What the write of an interface needs, computed where it was parsed (prepare.ts); the elements as JSON batches. */
export type PreparedInterface = { specHash: string; operations: number; channels: number; searchText: string; elementBatches: string[] };

/** A contract version as plain data (the shape of lib/contracts/schemas.ts ContractContent), plus what ODCS keeps verbatim. */
export type ImportedContract = { content?: Record<string, unknown>; warnings: string[] };

/** A Backstage Group: becomes a team. Members are matched to existing accounts only. */
export type ImportedTeam = { slug: string; name: string; description?: string; email?: string; parentSlug?: string; members: { email?: string; name: string }[]; origin: string };

/** Backstage and ODCS files also describe systems, domains, ownership and flows. */
export type ImportedSystem = {
  slug: string;
  name: string;
  description?: string;
  domainSlug?: string;
  ownerTeamSlug?: string;
  kind?: "INTERNAL" | "THIRD_PARTY" | "SAAS" | "LEGACY";
  /** Declared by a System entity: it updates a system an earlier import created implicitly. */
  declared?: boolean;
  origin?: string;
};
export type ImportedDomain = { slug: string; name: string; description?: string; ownerTeamSlug?: string; origin?: string };
/** A declared flow: the consumer system relies on the interface with this sourceKey. */
export type ImportedFlow = { interfaceSourceKey: string; consumerSystemSlug: string; origin?: string };

export type ImportedDocument = {
  format: "OPENAPI" | "ASYNCAPI" | "BACKSTAGE" | "ODCS";
  domains: ImportedDomain[];
  systems: ImportedSystem[];
  interfaces: ImportedInterface[];
  flows: ImportedFlow[];
  /** Backstage Groups. */
  teams?: ImportedTeam[];
  /** What the parser could not resolve but imported around (each names its file). */
  warnings?: string[];
};

/** Where a document is wrong: a 1-based line (YAML/JSON text) and/or a JSON pointer into the parsed document. */
export type ImportProblem = { message: string; line?: number; column?: number; pointer?: string };

export class ImportError extends Error {
  constructor(readonly problems: ImportProblem[]) {
    super(problems.map((p) => [p.line ? `line ${p.line}` : null, p.pointer ?? null, p.message].filter(Boolean).join(": ")).join("; "));
    this.name = "ImportError";
  }
}

/** Limits on every parsed document (configurable through the environment). */
export type ImportLimits = { maxBytes: number; maxAliases: number; maxRefDepth: number; maxDepth: number };

export function importLimitsFromEnv(env = process.env): ImportLimits {
  return {
    maxBytes: Number(env.IMPORT_MAX_BYTES ?? 20 * 1024 * 1024),
    maxAliases: Number(env.IMPORT_MAX_YAML_ALIASES ?? 100),
    maxRefDepth: Number(env.IMPORT_MAX_REF_DEPTH ?? 64),
    maxDepth: Number(env.IMPORT_MAX_DEPTH ?? 200),
  };
}
