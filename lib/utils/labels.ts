import type * as E from "@/lib/db/generated/enums";
import type { PciElement } from "@/lib/compliance/classify-rules";

// How every enum code reads in the UI: one map per enum, used by every page (IN_REVIEW -> "In review").
// Pure data, safe in server and client components. Abbreviations stay upper case (API, HTTP, SAGA, SLA).

const ROLE = { ADMIN: "Admin", ARCHITECT: "Architect", COMPLIANCE: "Compliance", MEMBER: "Member" } satisfies Record<E.Role, string>;
const TEAM_ROLE = { LEAD: "Lead", MEMBER: "Member" } satisfies Record<E.TeamRole, string>;
const SYSTEM_KIND = { INTERNAL: "Internal", THIRD_PARTY: "Third party", SAAS: "SaaS", LEGACY: "Legacy" } satisfies Record<E.SystemKind, string>;
const INTERFACE_KIND = { API: "API", EVENT: "Event", FILE: "File", DATABASE: "Database" } satisfies Record<E.InterfaceKind, string>;
const PROTOCOL = {
  HTTP: "HTTP",
  GRPC: "gRPC",
  SOAP: "SOAP",
  GRAPHQL: "GraphQL",
  KAFKA: "Kafka",
  AMQP: "AMQP",
  NATS: "NATS",
  MQTT: "MQTT",
  SFTP: "SFTP",
  JDBC: "JDBC",
  OTHER: "Other",
} satisfies Record<E.Protocol, string>;
const INTEGRATION_STYLE = { REQUEST_RESPONSE: "Request/response", EVENT: "Event-driven", BATCH: "Batch" } satisfies Record<E.IntegrationStyle, string>;
const SPEC_FORMAT = {
  OPENAPI: "OpenAPI",
  ASYNCAPI: "AsyncAPI",
  WSDL: "WSDL",
  GRAPHQL: "GraphQL",
  PROTOBUF: "Protobuf",
  AVRO: "Avro",
  JSON_SCHEMA: "JSON Schema",
  ODCS: "ODCS",
  CSV: "CSV",
  NONE: "None",
} satisfies Record<E.SpecFormat, string>;
const LIFECYCLE = { ACTIVE: "Active", DEPRECATED: "Deprecated", RETIRED: "Retired" } satisfies Record<E.Lifecycle, string>;
const PATTERN_TAG = {
  SAGA: "Saga",
  CQRS: "CQRS",
  OUTBOX: "Outbox",
  STRANGLER_FIG: "Strangler fig",
  ANTI_CORRUPTION_LAYER: "Anti-corruption layer",
  POINT_TO_POINT: "Point-to-point",
  BATCH_ETL: "Batch ETL",
} satisfies Record<E.PatternTag, string>;
const FLOW_ORIGIN = { DECLARED: "Declared", DISCOVERED: "Discovered", BOTH: "Declared and discovered" } satisfies Record<E.FlowOrigin, string>;
const TRANSFER_TOOL = {
  ADEQUACY: "Adequacy decision (Art. 45)",
  SCC: "Standard contractual clauses (Art. 46(2)(c))",
  BCR: "Binding corporate rules (Art. 47)",
  DEROGATION: "Derogation (Art. 49)",
  PUBLIC_AUTHORITY_INSTRUMENT: "Instrument between public authorities (Art. 46(2)(a))",
  AUTHORITY_SCC: "Supervisory authority clauses (Art. 46(2)(d))",
  CODE_OF_CONDUCT: "Code of conduct (Art. 46(2)(e))",
  CERTIFICATION: "Certification (Art. 46(2)(f))",
  AD_HOC_CLAUSES: "Authorised ad hoc clauses (Art. 46(3)(a))",
} satisfies Record<E.TransferTool, string>;
const CLASSIFICATION = { PUBLIC: "Public", INTERNAL: "Internal", CONFIDENTIAL: "Confidential", RESTRICTED: "Restricted", UNCLASSIFIED: "Unclassified" } satisfies Record<
  E.Classification | "UNCLASSIFIED",
  string
>;
const COMPATIBILITY_MODE = {
  BACKWARD: "Backward",
  BACKWARD_TRANSITIVE: "Backward transitive",
  FORWARD: "Forward",
  FORWARD_TRANSITIVE: "Forward transitive",
  FULL: "Full",
  FULL_TRANSITIVE: "Full transitive",
  NONE: "None",
} satisfies Record<E.CompatibilityMode, string>;
const CONTRACT_STATUS = {
  DRAFT: "Draft",
  IN_REVIEW: "In review",
  APPROVED: "Approved",
  ACTIVE: "Active",
  DEPRECATED: "Deprecated",
  RETIRED: "Retired",
  REJECTED: "Rejected",
} satisfies Record<E.ContractStatus, string>;
const ELEMENT_KIND = { OPERATION: "Operation", CHANNEL: "Channel", MESSAGE: "Message", SCHEMA: "Schema" } satisfies Record<E.ElementKind, string>;
const SCHEMA_FORMAT = { JSON_SCHEMA: "JSON Schema", AVRO: "Avro", PROTOBUF: "Protobuf", OPENAPI: "OpenAPI", ASYNCAPI: "AsyncAPI" } satisfies Record<E.SchemaFormat, string>;
const APPROVER_KIND = { TEAM: "Consuming team", COMPLIANCE: "Compliance" } satisfies Record<E.ApproverKind, string>;
const APPROVAL_DECISION = { PENDING: "Pending", APPROVED: "Approved", REJECTED: "Rejected", CHANGES_REQUESTED: "Changes requested" } satisfies Record<E.ApprovalDecision, string>;
const WEBHOOK_DELIVERY_STATUS = { PENDING: "Pending", DELIVERED: "Delivered", FAILED: "Failed" } satisfies Record<E.WebhookDeliveryStatus, string>;
const HEALTH_STATUS = { OK: "OK", AT_RISK: "At risk", BREACHED: "Breached", NO_DATA: "No data" } satisfies Record<E.HealthStatus, string>;
const INCIDENT_KIND = { SLA_BREACH: "SLA breach", ANOMALY: "Anomaly", SILENT_AGENT: "Silent agent", BUDGET_BURN: "Error budget burn (ticket)" } satisfies Record<E.IncidentKind, string>;
const INCIDENT_STATE = { OPEN: "Open", RESOLVED: "Resolved" } satisfies Record<E.IncidentState, string>;
const DISCOVERY_STATUS = { PENDING: "Pending", CONFIRMED: "Confirmed", DISMISSED: "Dismissed" } satisfies Record<E.DiscoveryStatus, string>;
const SUGGESTION_STATUS = { SUGGESTED: "Suggested", CONFIRMED: "Confirmed", REJECTED: "Rejected" } satisfies Record<E.SuggestionStatus, string>;
const POLICY_SEVERITY = { LOW: "Low", MEDIUM: "Medium", HIGH: "High", CRITICAL: "Critical" } satisfies Record<E.PolicySeverity, string>;
const RULE_SEVERITY = { ERROR: "Error", WARN: "Warning", INFO: "Info", HINT: "Hint" } satisfies Record<E.RuleSeverity, string>;
const SCORE_SUBJECT = { INTERFACE: "Interface", SYSTEM: "System", TEAM: "Team", DOMAIN: "Domain" } satisfies Record<E.ScoreSubject, string>;
const FIELD_MAPPING_ORIGIN = { DECLARED: "Declared", DERIVED: "Derived" } satisfies Record<E.FieldMappingOrigin, string>;
const PCI_ELEMENT = { PAN: "PAN", CARDHOLDER_NAME: "Cardholder name", EXPIRY: "Expiry date", SERVICE_CODE: "Service code", SAD: "Sensitive authentication data" } satisfies Record<
  PciElement,
  string
>;
const TOKEN_STATUS = { ACTIVE: "Active", REVOKED: "Revoked", EXPIRED: "Expired" } as const;

export const LABELS = {
  Role: ROLE,
  TeamRole: TEAM_ROLE,
  SystemKind: SYSTEM_KIND,
  InterfaceKind: INTERFACE_KIND,
  Protocol: PROTOCOL,
  IntegrationStyle: INTEGRATION_STYLE,
  SpecFormat: SPEC_FORMAT,
  Lifecycle: LIFECYCLE,
  PatternTag: PATTERN_TAG,
  FlowOrigin: FLOW_ORIGIN,
  TransferTool: TRANSFER_TOOL,
  Classification: CLASSIFICATION,
  CompatibilityMode: COMPATIBILITY_MODE,
  ContractStatus: CONTRACT_STATUS,
  ElementKind: ELEMENT_KIND,
  SchemaFormat: SCHEMA_FORMAT,
  ApproverKind: APPROVER_KIND,
  ApprovalDecision: APPROVAL_DECISION,
  WebhookDeliveryStatus: WEBHOOK_DELIVERY_STATUS,
  HealthStatus: HEALTH_STATUS,
  IncidentKind: INCIDENT_KIND,
  IncidentState: INCIDENT_STATE,
  DiscoveryStatus: DISCOVERY_STATUS,
  SuggestionStatus: SUGGESTION_STATUS,
  PolicySeverity: POLICY_SEVERITY,
  RuleSeverity: RULE_SEVERITY,
  ScoreSubject: SCORE_SUBJECT,
  FieldMappingOrigin: FIELD_MAPPING_ORIGIN,
  PciElement: PCI_ELEMENT,
  TokenStatus: TOKEN_STATUS,
} as const;

export type EnumName = keyof typeof LABELS;
export type EnumCode<N extends EnumName> = keyof (typeof LABELS)[N] & string;

/** A code nobody mapped yet still reads as words ("SOME_NEW_CODE" -> "Some new code"), never as the raw code. */
export function wordsOf(code: string): string {
  const words = code.replaceAll("_", " ").toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The word for an enum code: `label("ContractStatus", "IN_REVIEW")` is "In review". */
export function label<N extends EnumName>(kind: N, code: EnumCode<N> | (string & {})): string {
  const map: Record<string, string> = LABELS[kind];
  return Object.hasOwn(map, code) ? map[code] : wordsOf(code);
}

/** The codes of an enum with their words, in declaration order, for selects and checkbox lists. */
export function optionsOf<N extends EnumName>(kind: N): { value: EnumCode<N>; label: string }[] {
  return Object.entries(LABELS[kind]).map(([value, text]) => ({ value: value as EnumCode<N>, label: text }));
}
