import { z } from "zod";
import { INTERFACE_KINDS, LIFECYCLES, PROTOCOLS, STYLES } from "@/lib/catalog/schemas";

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

export const ImpactQuery = z.object({
  interface: z.string().uuid(),
  depth: Depth(3),
  format: z.enum(["json", "csv"]).default("json"),
});
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

export const ImpactReport = z
  .object({
    interface: Ref,
    depth: z.number().int(),
    interfaces: z.array(Ref.extend({ hop: z.number().int(), system: Ref })),
    consumers: z.array(Ref.extend({ hop: z.number().int(), ownerTeam: Ref.nullable() })),
    teams: z.array(Ref.extend({ hop: z.number().int().describe("Nearest consumer system the team owns") })),
    contracts: z.array(
      z.object({ id: z.string().uuid(), version: z.string(), status: z.enum(CONTRACT_STATUSES), hop: z.number().int(), interface: Ref, ownerTeam: Ref.nullable() }),
    ),
  })
  .meta({ id: "ImpactReport" });
export type ImpactReport = z.infer<typeof ImpactReport>;
