import { z } from "zod";
import { CLASSIFICATIONS, INTERFACE_KINDS, LIFECYCLES, PROTOCOLS, STYLES, UNCLASSIFIED } from "@/lib/catalog/schemas";
import { HEALTH_STATUSES } from "@/lib/health/schemas";

export const DIRECTIONS = ["up", "down", "both"] as const;
export const MAX_DEPTH = 6;
const SYSTEM_KINDS = ["INTERNAL", "THIRD_PARTY", "SAAS", "LEGACY"] as const;
const PATTERNS = ["SAGA", "CQRS", "OUTBOX", "STRANGLER_FIG", "ANTI_CORRUPTION_LAYER", "POINT_TO_POINT", "BATCH_ETL"] as const;
const CONTRACT_STATUSES = ["APPROVED", "ACTIVE"] as const;

/** How many flows away from the focus to look; one hop = one flow crossed (see lib/lineage/graph.ts). */
const Depth = (fallback: number) => z.coerce.number().int().min(1).max(MAX_DEPTH).default(fallback);

export const LineageQuery = z.object({
  focus: z.string().uuid(),
  depth: Depth(2),
  direction: z.enum(DIRECTIONS).default("both"),
});
export type LineageQuery = z.infer<typeof LineageQuery>;
export type LineageInput = z.input<typeof LineageQuery>;

export const IMPACT_DEFAULT_LIMIT = 200;
export const IMPACT_MAX_LIMIT = 5000;

export const ImpactQuery = z
  .object({
    interface: z.string().uuid().optional().describe("The interface a change is planned for"),
    system: z.string().uuid().optional().describe("Or a system: a change to any of its interfaces"),
    depth: Depth(3),
    format: z.enum(["json", "csv"]).default("json"),
    limit: z.coerce
      .number()
      .int()
      .min(1)
      .max(IMPACT_MAX_LIMIT)
      .default(IMPACT_DEFAULT_LIMIT)
      .describe("JSON lists keep the nearest this many of each kind (the summary counts them all); CSV lists everything"),
  })
  .refine((q) => (q.interface === undefined) !== (q.system === undefined), { message: "Give either interface or system", path: ["interface"] });
export type ImpactQuery = z.infer<typeof ImpactQuery>;
export type ImpactInput = z.input<typeof ImpactQuery>;

const Ref = z.object({ id: z.string().uuid(), name: z.string() });

export const SystemNode = z.object({
  id: z.string().uuid(),
  type: z.literal("system"),
  name: z.string(),
  hop: z.number().int().describe("Flows crossed from the focus, the shortest way"),
  kind: z.enum(SYSTEM_KINDS),
  domain: Ref.nullable(),
  ownerTeam: Ref.nullable(),
});
export type SystemNode = z.infer<typeof SystemNode>;

export const InterfaceNode = z.object({
  id: z.string().uuid(),
  type: z.literal("interface"),
  name: z.string(),
  hop: z.number().int(),
  kind: z.enum(INTERFACE_KINDS),
  protocol: z.enum(PROTOCOLS),
  style: z.enum(STYLES),
  lifecycle: z.enum(LIFECYCLES),
  systemId: z.string().uuid(),
});
export type InterfaceNode = z.infer<typeof InterfaceNode>;

export const LineageNode = z.discriminatedUnion("type", [SystemNode, InterfaceNode]);
export type LineageNode = z.infer<typeof LineageNode>;

export const LineageEdge = z.object({
  id: z.string().describe("provides:<interface id> or flow:<flow id>"),
  source: z.string().uuid(),
  target: z.string().uuid(),
  kind: z.enum(["provides", "flow"]),
  flowId: z.string().uuid().optional(),
  style: z.enum(STYLES).optional(),
  patterns: z.array(z.enum(PATTERNS)).optional(),
});
export type LineageEdge = z.infer<typeof LineageEdge>;

export const LineageGraph = z
  .object({ focus: z.string().uuid(), depth: z.number().int(), direction: z.enum(DIRECTIONS), nodes: z.array(LineageNode), edges: z.array(LineageEdge) })
  .meta({ id: "LineageGraph" });
export type LineageGraph = z.infer<typeof LineageGraph>;

const Count = z.number().int();
export const ImpactSummary = z
  .object({
    interfaces: Count.describe("Affected interfaces, all of them"),
    consumers: Count.describe("Consumer systems reached"),
    teams: Count.describe("Teams owning a consumer system"),
    contracts: Count.describe("Approved or active contracts on affected interfaces"),
    truncated: z.boolean().describe("Some lists were cut to the nearest `limit` entries; the counts here are complete"),
    byDomain: z.array(z.object({ domain: Ref.nullable(), consumers: Count })).describe("Consumer systems per domain, most first"),
    byTeam: z.array(z.object({ team: Ref.nullable(), consumers: Count })).describe("Consumer systems per owning team, most first"),
    topConsumers: z
      .array(Ref.extend({ hop: Count, flows: Count.describe("Flows it receives from affected interfaces") }))
      .describe("The ten consumer systems receiving the most flows from affected interfaces"),
  })
  .meta({ id: "ImpactSummary" });
export type ImpactSummary = z.infer<typeof ImpactSummary>;

export const ImpactReport = z
  .object({
    interface: Ref.nullable().describe("The interface asked about; null when a system is"),
    system: Ref.nullable().optional().describe("The system asked about, if any"),
    depth: z.number().int(),
    interfaces: z.array(Ref.extend({ hop: z.number().int(), system: Ref })),
    consumers: z.array(Ref.extend({ hop: z.number().int(), ownerTeam: Ref.nullable() })),
    teams: z.array(Ref.extend({ hop: z.number().int().describe("Nearest consumer system the team owns") })),
    contracts: z.array(
      z.object({ id: z.string().uuid(), version: z.string(), status: z.enum(CONTRACT_STATUSES), hop: z.number().int(), interface: Ref, ownerTeam: Ref.nullable() }),
    ),
    summary: ImpactSummary,
  })
  .meta({ id: "ImpactReport" });
export type ImpactReport = z.infer<typeof ImpactReport>;

// Map filters travel comma-separated (?protocol=HTTP,KAFKA), like the catalog's facets; arrays parse too.
const csv = <T extends z.ZodType<string, string>>(item: T) =>
  z
    .union([z.string().transform((s) => s.split(",").map((v) => v.trim()).filter(Boolean)), z.array(z.string())])
    .pipe(z.array(item).max(50));

// SLA health as the health feature evaluates it (lib/health): one vocabulary across the portal.
export { HEALTH_STATUSES };
export type HealthStatus = (typeof HEALTH_STATUSES)[number];

/** Whole-estate map filters. Domain and team select systems; protocol, style and classification select interfaces. */
export const MapQuery = z.object({
  domain: csv(z.string().uuid("Must be a domain id")).optional(),
  team: csv(z.string().uuid("Must be a team id")).optional(),
  protocol: csv(z.enum(PROTOCOLS)).optional(),
  style: csv(z.enum(STYLES)).optional(),
  classification: csv(z.enum([...CLASSIFICATIONS, UNCLASSIFIED])).optional(),
});
export type MapQuery = z.infer<typeof MapQuery>;
export type MapInput = z.input<typeof MapQuery>;

export const MapSystem = z.object({
  id: z.string().uuid(),
  name: z.string(),
  kind: z.enum(SYSTEM_KINDS),
  domainId: z.string().uuid().nullable(),
  teamId: z.string().uuid().nullable(),
  inScope: z.boolean().describe("False for a system shown only because a flow links it to a system the domain/team filter selected"),
});
export type MapSystem = z.infer<typeof MapSystem>;

export const MapInterface = z.object({
  id: z.string().uuid(),
  name: z.string(),
  systemId: z.string().uuid(),
  teamId: z.string().uuid().nullable().describe("The interface's owner team, else its system's"),
  kind: z.enum(INTERFACE_KINDS),
  protocol: z.enum(PROTOCOLS),
  style: z.enum(STYLES),
  lifecycle: z.enum(LIFECYCLES),
  classification: z.enum(CLASSIFICATIONS).nullable().describe("Highest classification of its fields and approved or active contracts"),
  contracts: z.number().int().describe("Approved or active contracts"),
  health: z.enum(HEALTH_STATUSES).optional().describe("Worst SLA health of its flows; absent until health is evaluated"),
  violations: z.number().int().describe("Open compliance policy violations on the interface or its flows"),
});
export type MapInterface = z.infer<typeof MapInterface>;

export const MapFlow = z.object({
  id: z.string().uuid(),
  interfaceId: z.string().uuid(),
  consumerId: z.string().uuid(),
  style: z.enum(STYLES),
  patterns: z.array(z.enum(PATTERNS)),
  mappedFields: z.number().int().describe("Field mappings recorded for the flow (field-level lineage)"),
});
export type MapFlow = z.infer<typeof MapFlow>;

export const LineageMap = z
  .object({
    domains: z.array(Ref),
    teams: z.array(Ref),
    systems: z.array(MapSystem),
    interfaces: z.array(MapInterface),
    flows: z.array(MapFlow),
  })
  .meta({ id: "LineageMap" });
export type LineageMap = z.infer<typeof LineageMap>;

export const FieldTraceQuery = z.object({
  interface: z.string().uuid(),
  path: z.string().trim().min(1).max(500).optional().describe("A field path on the interface; without it only the mapped fields are listed"),
  depth: Depth(3),
});
export type FieldTraceQuery = z.infer<typeof FieldTraceQuery>;
export type FieldTraceInput = z.input<typeof FieldTraceQuery>;

export const FieldHop = z.object({
  mappingId: z.string().uuid(),
  flowId: z.string().uuid(),
  direction: z.enum(["up", "down"]),
  hop: z.number().int().describe("Flows crossed from the field asked about"),
  sourceInterfaceId: z.string().uuid(),
  sourcePath: z.string(),
  consumerSystemId: z.string().uuid(),
  targetInterfaceId: z.string().uuid(),
  targetPath: z.string(),
  origin: z.enum(["DECLARED", "DERIVED"]),
});
export type FieldHop = z.infer<typeof FieldHop>;

export const FieldTrace = z
  .object({
    interface: Ref,
    fields: z.array(z.string()).describe("Paths on the interface that a mapping carries on downstream or fills from upstream"),
    path: z.string().nullable(),
    hops: z.array(FieldHop),
  })
  .meta({ id: "FieldTrace" });
export type FieldTrace = z.infer<typeof FieldTrace>;
