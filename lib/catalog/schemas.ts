import { z } from "zod";

export const INTERFACE_KINDS = ["API", "EVENT", "FILE", "DATABASE"] as const;
export const PROTOCOLS = ["HTTP", "GRPC", "SOAP", "GRAPHQL", "KAFKA", "AMQP", "NATS", "MQTT", "SFTP", "JDBC", "OTHER"] as const;
export const STYLES = ["REQUEST_RESPONSE", "EVENT", "BATCH"] as const;
export const LIFECYCLES = ["ACTIVE", "DEPRECATED", "RETIRED"] as const;
export const CLASSIFICATIONS = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"] as const;
/** Facet value for interfaces with no classified contract or field. */
export const UNCLASSIFIED = "UNCLASSIFIED";
/** Facet value for "no domain" or "no owner team". */
export const NONE = "none";
export const SORTS = ["relevance", "name", "updated", "consumers"] as const;
export const FACETS = ["domain", "ownerTeam", "kind", "protocol", "style", "lifecycle", "classification"] as const;
export type FacetName = (typeof FACETS)[number];

// Query strings carry one value per key (the API helper reads them with Object.fromEntries), so a facet's
// several values travel comma-separated: ?protocol=HTTP,KAFKA. Arrays are accepted too, so a parsed query parses again.
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string().transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean)), z.array(z.string())])
    .pipe(z.array(item).max(50));
const idOrNone = z.union([z.string().uuid("Must be a UUID or 'none'"), z.literal(NONE)]);

export const SearchInterfacesQuery = z.object({
  q: z.string().trim().max(200).optional(),
  domain: csv(idOrNone).optional(),
  ownerTeam: csv(idOrNone).optional(),
  kind: csv(z.enum(INTERFACE_KINDS)).optional(),
  protocol: csv(z.enum(PROTOCOLS)).optional(),
  style: csv(z.enum(STYLES)).optional(),
  lifecycle: csv(z.enum(LIFECYCLES)).optional(),
  classification: csv(z.enum([...CLASSIFICATIONS, UNCLASSIFIED])).optional(),
  sort: z.enum(SORTS).default("relevance"),
  cursor: z.string().max(500).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type SearchInterfacesQuery = z.infer<typeof SearchInterfacesQuery>;
export type SearchInterfacesInput = z.input<typeof SearchInterfacesQuery>;

const Ref = z.object({ id: z.string().uuid(), name: z.string() });

export const InterfaceSummary = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.enum(INTERFACE_KINDS),
    protocol: z.enum(PROTOCOLS),
    style: z.enum(STYLES),
    lifecycle: z.enum(LIFECYCLES),
    sunsetDate: z.string().nullable().describe("YYYY-MM-DD"),
    tags: z.array(z.string()),
    system: Ref,
    domain: Ref.nullable(),
    ownerTeam: Ref.nullable(),
    classification: z.enum(CLASSIFICATIONS).nullable(),
    consumers: z.number().int(),
    updatedAt: z.string().datetime(),
  })
  .meta({ id: "InterfaceSummary" });
export type InterfaceSummary = z.infer<typeof InterfaceSummary>;

export const FacetCount = z.object({ value: z.string(), label: z.string(), count: z.number().int() });
export type FacetCount = z.infer<typeof FacetCount>;
export const FacetCounts = z.object(Object.fromEntries(FACETS.map((f) => [f, z.array(FacetCount)])) as Record<FacetName, z.ZodArray<typeof FacetCount>>);
export type FacetCounts = Record<FacetName, FacetCount[]>;

export const InterfaceSearchResult = z
  .object({
    items: z.array(InterfaceSummary),
    facets: FacetCounts.describe("Counts per facet value over the filtered set, each facet ignoring its own filter"),
    nextCursor: z.string().nullable().describe("Pass as `cursor` for the next page; null on the last page"),
    total: z.number().int(),
    estimated: z
      .object({
        total: z.boolean().describe("The total is estimated from a sample of the catalog"),
        facets: z.boolean().describe("Facet counts are estimated from a sample of the catalog"),
      })
      .describe(`Exact counts while the text matches at most 2,000 interfaces (or when there is no text); estimates beyond`),
  })
  .meta({ id: "InterfaceSearchResult" });
export type InterfaceSearchResult = z.infer<typeof InterfaceSearchResult>;

export const IdParams = z.object({ id: z.string().uuid("Must be a UUID") });
export const VersionParams = z.object({ id: z.string().uuid("Must be a UUID"), versionId: z.string().uuid("Must be a UUID") });

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "Use YYYY-MM-DD").refine((s) => !Number.isNaN(Date.parse(s)), "Not a date");

export const UpdateInterfaceMetadataInput = z
  .object({
    domainId: z.string().uuid().nullable(),
    ownerTeamId: z.string().uuid().nullable().describe("Another team than today's becomes a transfer request that team's lead (or an admin) accepts"),
    transferNote: z.string().trim().max(1000).describe("Why the receiving team should take the interface over"),
    lifecycle: z.enum(LIFECYCLES),
    sunsetDate: isoDate.nullable(),
    description: z.string().trim().max(5000).nullable(),
    tags: z.array(z.string().trim().min(1).max(60)).max(30),
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");
export type UpdateInterfaceMetadataInput = z.infer<typeof UpdateInterfaceMetadataInput>;

export const FlowsQuery = z.object({
  interface: z.string().uuid().optional(),
  consumerSystem: z.string().uuid().optional(),
  domain: z.string().uuid().optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});
export type FlowsQuery = z.infer<typeof FlowsQuery>;

export const FlowSummary = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    style: z.enum(STYLES),
    patterns: z.array(z.string()),
    origin: z.string(),
    interface: Ref,
    producerSystem: Ref,
    consumerSystem: Ref,
    consumerTeam: Ref.nullable(),
  })
  .meta({ id: "FlowSummary" });
export type FlowSummary = z.infer<typeof FlowSummary>;

export const FlowDetail = FlowSummary.extend({
  description: z.string().nullable(),
  purpose: z.string().nullable(),
  lawfulBasis: z.string().nullable(),
  dataCategories: z.array(z.string()),
  dataSubjects: z.array(z.string()),
  specialCategories: z.array(z.string()),
  sourceCountry: z.string().nullable(),
  destinationCountry: z.string().nullable(),
  transferTool: z.string().nullable(),
  encryptedInTransit: z.boolean(),
}).meta({ id: "FlowDetail" });
export type FlowDetail = z.infer<typeof FlowDetail>;

export const SystemSummary = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    kind: z.string(),
    vendor: z.string().nullable(),
    domain: Ref.nullable(),
    ownerTeam: Ref.nullable(),
    provides: z.number().int(),
    consumes: z.number().int(),
  })
  .meta({ id: "SystemSummary" });
export type SystemSummary = z.infer<typeof SystemSummary>;

export const SystemDetail = SystemSummary.extend({
  hostingCountries: z.array(z.string()),
  processingCountries: z.array(z.string()),
  providedInterfaces: z.array(InterfaceSummary),
  consumedFlows: z.array(FlowSummary),
}).meta({ id: "SystemDetail" });
export type SystemDetail = z.infer<typeof SystemDetail>;

export const DomainSummary = z
  .object({
    id: z.string().uuid(),
    slug: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    ownerTeam: Ref.nullable(),
    systems: z.number().int(),
  })
  .meta({ id: "DomainSummary" });
export type DomainSummary = z.infer<typeof DomainSummary>;

export const DomainDetail = DomainSummary.extend({ systemList: z.array(SystemSummary) }).meta({ id: "DomainDetail" });
export type DomainDetail = z.infer<typeof DomainDetail>;

export const FieldDto = z.object({
  id: z.string().uuid(),
  path: z.string(),
  name: z.string(),
  type: z.string().nullable(),
  format: z.string().nullable(),
  required: z.boolean(),
  description: z.string().nullable(),
  classification: z.enum(CLASSIFICATIONS).nullable(),
});
export const ElementDto = z.object({
  id: z.string().uuid(),
  kind: z.enum(["OPERATION", "CHANNEL", "MESSAGE", "SCHEMA"]),
  name: z.string(),
  method: z.string().nullable(),
  path: z.string().nullable(),
  action: z.string().nullable(),
  channel: z.string().nullable().describe("For event operations: the address of the channel they send to or receive from"),
  summary: z.string().nullable(),
  description: z.string().nullable(),
  deprecated: z.boolean(),
  fields: z.array(FieldDto),
});
export type ElementDto = z.infer<typeof ElementDto>;

export const PendingTransfer = z
  .object({
    id: z.string().uuid(),
    fromTeam: Ref.nullable(),
    toTeam: Ref,
    requestedBy: z.string().nullable(),
    note: z.string().nullable(),
    createdAt: z.string().datetime(),
    canDecide: z.boolean().describe("Whether the caller may accept or decline: a lead of the receiving team, or an admin"),
    canCancel: z.boolean().describe("Whether the caller may cancel: the requester or the interface's owners"),
  })
  .meta({ id: "PendingTransfer" });
export type PendingTransfer = z.infer<typeof PendingTransfer>;

export const DecideTransferInput = z.object({
  decision: z.enum(["ACCEPT", "DECLINE", "CANCEL"]),
  note: z.string().trim().max(1000).optional(),
});
export type DecideTransferInput = z.infer<typeof DecideTransferInput>;

export const DecidedTransfer = z
  .object({ id: z.string().uuid(), status: z.enum(["PENDING", "ACCEPTED", "DECLINED", "CANCELLED"]), interfaceId: z.string().uuid(), ownerTeam: Ref.nullable() })
  .meta({ id: "DecidedTransfer" });
export type DecidedTransfer = z.infer<typeof DecidedTransfer>;

export const InterfaceDetail = InterfaceSummary.extend({
  specFormat: z.string(),
  versions: z.array(z.object({ id: z.string().uuid(), version: z.string(), specFormat: z.string(), specHash: z.string(), createdAt: z.string().datetime() })),
  elements: z.object({ operations: z.array(ElementDto), channels: z.array(ElementDto), messages: z.array(ElementDto), schemas: z.array(ElementDto) }),
  consumerFlows: z.array(z.object({ flowId: z.string().uuid(), flowName: z.string(), style: z.enum(STYLES), patterns: z.array(z.string()), system: Ref, team: Ref.nullable() })),
  contracts: z.array(
    z.object({ id: z.string().uuid(), version: z.string(), status: z.string(), classification: z.enum(CLASSIFICATIONS), compatibilityMode: z.string(), updatedAt: z.string().datetime() }),
  ),
  canEdit: z.boolean().describe("Whether the caller may change this interface's metadata"),
  pendingTransfer: PendingTransfer.nullable().describe("An open request to move the interface to another owner team"),
}).meta({ id: "InterfaceDetail" });
export type InterfaceDetail = z.infer<typeof InterfaceDetail>;
