import { z } from "zod";

export const MAX_MEASUREMENTS_PER_BATCH = 5000;
/** Telemetry bodies may be large (a batch of 5,000 measurements is ~1.5 MB). */
export const TELEMETRY_MAX_BODY_BYTES = 4 * 1024 * 1024;

const count = z.number().int().min(0).max(1e12);
const ms = z.number().min(0).max(1e9);

export const FlowHint = z
  .object({
    producerSystem: z.string().trim().min(1).max(200).optional(),
    interface: z.string().trim().min(1).max(200).optional(),
    consumerSystem: z.string().trim().min(1).max(200).optional(),
  })
  .describe("For a flow the catalog does not know: what the agent saw, shown to the architect who confirms it");

export const Measurement = z
  .object({
    flowId: z.string().trim().min(1).max(200).describe("The catalog flow id; any other id is recorded as a discovered flow"),
    windowStart: z.string().datetime({ offset: true }),
    windowEnd: z.string().datetime({ offset: true }),
    delivered: count,
    failed: count,
    retried: count.optional(),
    deadLettered: count.optional(),
    latencyMs: z.object({ p50: ms.optional(), p95: ms.optional(), p99: ms.optional() }).optional(),
    lagSeconds: z.number().min(0).max(1e9).optional().describe("Maximum lag / age of the oldest undelivered message in the window"),
    bytes: count.optional(),
    notMeasured: z
      .array(z.enum(["delivered", "latency", "lag"]))
      .max(3)
      .optional()
      .describe("What the connector cannot measure for this flow: shown as not measured, never as OK ('delivered': the count is a lower bound)"),
    flow: FlowHint.optional(),
  })
  .refine((m) => Date.parse(m.windowEnd) >= Date.parse(m.windowStart), { message: "windowEnd is before windowStart", path: ["windowEnd"] });
export type Measurement = z.infer<typeof Measurement>;

export const TelemetryBatchInput = z
  .object({
    batchId: z.string().trim().min(1).max(200).describe("Idempotency key (a UUID): a batch sent again with the same id counts once"),
    measurements: z.array(Measurement).max(MAX_MEASUREMENTS_PER_BATCH),
  })
  .meta({ id: "TelemetryBatch" });
export type TelemetryBatchInput = z.infer<typeof TelemetryBatchInput>;

export const ItemResult = z.object({ index: z.number().int(), flowId: z.string() });
export const RejectedItem = ItemResult.extend({ reason: z.string() });
export const DiscoveredItem = ItemResult.extend({ discoveredFlowId: z.string().uuid() });

export const TelemetryResult = z
  .object({
    batchId: z.string(),
    duplicate: z.boolean().describe("True when this batch id was already received: nothing was counted again"),
    accepted: z.array(ItemResult),
    rejected: z.array(RejectedItem).describe("Items refused, each with its reason (e.g. the flow is outside the agent's scope)"),
    discovered: z.array(DiscoveredItem).describe("Items for flows the catalog does not know, recorded for an architect to confirm"),
  })
  .meta({ id: "TelemetryResult" });
export type TelemetryResult = z.infer<typeof TelemetryResult>;

export const HEALTH_STATUSES = ["OK", "AT_RISK", "BREACHED", "NO_DATA"] as const;
export const HealthStatusSchema = z.enum(HEALTH_STATUSES);
export type HealthStatusValue = z.infer<typeof HealthStatusSchema>;

export const INCIDENT_KINDS = ["SLA_BREACH", "ANOMALY", "SILENT_AGENT", "BUDGET_BURN"] as const;

export const IncidentQuery = z.object({
  flowId: z.string().uuid().optional(),
  kind: z.enum(INCIDENT_KINDS).optional(),
  state: z.enum(["OPEN", "RESOLVED", "ALL"]).default("ALL"),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export type IncidentQuery = z.infer<typeof IncidentQuery>;

export const IncidentEventDto = z.object({ at: z.string().datetime(), type: z.string(), message: z.string(), data: z.unknown().optional() });

export const SuspectedCause = z.object({
  flowId: z.string().uuid(),
  name: z.string(),
  covers: z.number().int().describe("How many of the breaching flows it is upstream of (or is)"),
  of: z.number().int(),
  hops: z.number().describe("Average distance in flows to the breaching flows it covers"),
  status: HealthStatusSchema.nullable(),
  score: z.number(),
  affected: z.boolean().optional().describe("Whether it is in trouble itself"),
  leads: z.number().optional().describe("Share of the affected flows it feeds that went wrong after it"),
  tie: z.boolean().optional().describe("Another candidate has the same score: the evidence does not separate them"),
  explanation: z.string().optional().describe("The ranking in words"),
});
export type SuspectedCause = z.infer<typeof SuspectedCause>;

export const IncidentDto = z
  .object({
    id: z.string().uuid(),
    kind: z.enum(INCIDENT_KINDS),
    state: z.enum(["OPEN", "RESOLVED"]),
    title: z.string(),
    severity: z.string(),
    flow: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    agent: z.object({ id: z.string().uuid(), name: z.string() }).nullable(),
    evidence: z.record(z.string(), z.unknown()),
    suspectedCauses: z.array(SuspectedCause),
    openedAt: z.string().datetime(),
    resolvedAt: z.string().datetime().nullable(),
    timeline: z.array(IncidentEventDto),
  })
  .meta({ id: "Incident" });
export type IncidentDto = z.infer<typeof IncidentDto>;

export const IncidentList = z.object({ items: z.array(IncidentDto) });

export const FlowHealthDto = z
  .object({
    flowId: z.string().uuid(),
    status: HealthStatusSchema,
    since: z.string().datetime(),
    evaluatedAt: z.string().datetime().nullable(),
    reasons: z.array(z.string()),
    sla: z.record(z.string(), z.unknown()).describe("The targets applied: the ACTIVE contract's SLA, defaults for what it leaves out"),
    slaSource: z.enum(["contract", "defaults"]),
    sli: z.record(z.string(), z.unknown()),
    burnRates: z.record(z.string(), z.unknown()),
    budget: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "FlowHealth" });
export type FlowHealthDto = z.infer<typeof FlowHealthDto>;

export const SeriesQuery = z.object({
  hours: z.coerce.number().int().min(1).max(24 * 400).default(6),
});

export const EvaluationResult = z
  .object({
    evaluatedAt: z.string().datetime(),
    flows: z.number().int(),
    judged: z.number().int().optional().describe("Flows judged again this cycle: new telemetry, a minute passed, a deadline, new sums or SLA"),
    written: z.number().int().optional().describe("Flow health rows that changed and were written"),
    counts: z.record(z.string(), z.number().int()),
    changed: z.number().int(),
    incidentsOpened: z.number().int(),
    incidentsResolved: z.number().int(),
    ms: z.number(),
    phases: z.record(z.string(), z.number()).optional().describe("Milliseconds per step, for operators"),
  })
  .meta({ id: "HealthEvaluation" });
export type EvaluationResult = z.infer<typeof EvaluationResult>;

export const DiscoveredFlowQuery = z.object({ status: z.enum(["PENDING", "CONFIRMED", "DISMISSED", "ALL"]).default("PENDING") });
export type DiscoveredFlowQuery = z.infer<typeof DiscoveredFlowQuery>;

export const ResolveDiscoveredFlowInput = z.discriminatedUnion("action", [
  z.object({
    action: z.literal("confirm"),
    interfaceId: z.string().uuid(),
    consumerSystemId: z.string().uuid(),
    name: z.string().trim().min(1).max(200).optional(),
  }),
  z.object({ action: z.literal("dismiss") }),
]);
export type ResolveDiscoveredFlowInput = z.infer<typeof ResolveDiscoveredFlowInput>;

export const DiscoveredFlowDto = z
  .object({
    id: z.string().uuid(),
    agent: z.object({ id: z.string().uuid(), name: z.string() }),
    externalId: z.string().describe("The id the agent used"),
    producerSystem: z.string().nullable(),
    interfaceName: z.string().nullable(),
    consumerSystem: z.string().nullable(),
    status: z.enum(["PENDING", "CONFIRMED", "DISMISSED"]),
    firstSeenAt: z.string().datetime(),
    lastSeenAt: z.string().datetime(),
    measurements: z.number().int(),
    delivered: z.number(),
    failed: z.number(),
  })
  .meta({ id: "DiscoveredFlow" });
export type DiscoveredFlowDto = z.infer<typeof DiscoveredFlowDto>;

export const ResolvedDiscoveredFlow = DiscoveredFlowDto.extend({
  flowId: z.string().uuid().nullable().describe("The catalog flow it was confirmed as (null when dismissed)"),
  agentScope: z
    .enum(["ADDED", "ALREADY_IN_SCOPE", "UNCHANGED"])
    .nullable()
    .describe("Whether the flow was added to the reporting agent's scope; UNCHANGED when the caller lacks agent.manage (an admin adds it). Null when dismissed"),
  message: z.string().nullable().describe("What happened to the agent's scope, in words"),
});
export type ResolvedDiscoveredFlow = z.infer<typeof ResolvedDiscoveredFlow>;
