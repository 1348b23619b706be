import type { Classification, Protocol, Lifecycle, PatternTag, SystemKind, TransferTool } from "@/lib/db/generated/enums";

/**
 * Field type tokens for the demo's entity schemas. One token maps to one JSON Schema fragment (json-schema.ts)
 * and one example value (examples.ts), so specs, contracts and CSV samples always agree.
 */
export type FieldType =
  | "uuid" | "string" | "text" | "email" | "phone" | "date" | "datetime" | "amount" | "currency" | "country"
  | "iban" | "bic" | "pan" | "int" | "number" | "bool" | "url" | "ip" | "lines" | "address" | "strings"
  | `enum:${string}`;

export type PersonalData = {
  categories: string[];
  subjects: string[];
  special?: string[];
  purpose: string;
  lawfulBasis: string;
};

export type EntitySeed = {
  /** PascalCase schema name, e.g. "Payment". */
  title: string;
  /** The first field is the identifier used in REST item paths and SOAP/gRPC lookups. */
  fields: Record<string, FieldType>;
  classification: Classification;
  personal?: PersonalData;
};

export type TeamSeed = { slug: string; name: string; description: string };

export type DomainSeed = { slug: string; name: string; team: string; description: string };

export type SystemSeed = {
  slug: string;
  name: string;
  kind: SystemKind;
  vendor?: string;
  domain: string;
  team: string;
  /** ISO 3166 alpha-2; the first is where the system's data primarily lives. */
  hosting: string[];
  processing?: string[];
  description: string;
  /** Safeguard in place when personal data reaches this system outside the EEA. */
  transfer?: { tool: TransferTool; document: string; sccModule?: string; signedOn?: string; tia?: string; dpfCertification?: string };
};

/** A consumer system slug, optionally with pattern tags that apply to that one flow. */
export type ConsumerSeed = string | [string, PatternTag[]];

export type InterfaceSeed = {
  system: string;
  name: string;
  protocol: Protocol;
  entity: string;
  description: string;
  consumers: ConsumerSeed[];
  tags?: string[];
  /** REST collection path; item and action paths hang off it. */
  resource?: string;
  actions?: string[];
  readOnly?: boolean;
  lifecycle?: Lifecycle;
  sunset?: string;
  /** Pattern tags that apply to every flow of this interface. */
  patterns?: PatternTag[];
  /** Key event interfaces get an ACTIVE data contract. */
  contract?: boolean;
};
