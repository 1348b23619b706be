import { z } from "zod";

export const AgentConnector = z.object({
  name: z.string().trim().min(1).max(200),
  kind: z.string().trim().min(1).max(50),
  status: z.enum(["OK", "ERROR"]),
  error: z.string().max(2000).optional(),
});
export type AgentConnector = z.infer<typeof AgentConnector>;

const description = z.string().trim().max(1000);
const systemIds = z.array(z.string().uuid()).max(1000).describe("Systems it reports for: every flow they provide or consume");
const flowIds = z.array(z.string().uuid()).max(10000).describe("Further individual flows it reports for");

export const CreateAgentInput = z.object({
  name: z.string().trim().min(1).max(100),
  description: description.optional(),
  systemIds: systemIds.default([]),
  flowIds: flowIds.default([]),
});
export type CreateAgentInput = z.infer<typeof CreateAgentInput>;

/**
 * Built without defaults: zod 4 applies .default() inside .partial(), so deriving this from CreateAgentInput would
 * turn PATCH {description} into {description, systemIds: [], flowIds: []} and empty the agent's scope.
 */
export const UpdateAgentInput = z.object({ description: description.optional(), systemIds: systemIds.optional(), flowIds: flowIds.optional() });
export type UpdateAgentInput = z.infer<typeof UpdateAgentInput>;

export const HeartbeatInput = z.object({
  version: z.string().trim().min(1).max(100),
  host: z.string().trim().min(1).max(255),
  connectors: z.array(AgentConnector).max(500).default([]),
});
export type HeartbeatInput = z.infer<typeof HeartbeatInput>;

export const AgentDto = z
  .object({
    id: z.string().uuid(),
    name: z.string(),
    description: z.string().nullable(),
    prefix: z.string().describe("The token's first characters, to tell tokens apart"),
    systemIds: z.array(z.string().uuid()),
    flowIds: z.array(z.string().uuid()),
    version: z.string().nullable(),
    host: z.string().nullable(),
    connectors: z.array(AgentConnector),
    lastSeenAt: z.string().datetime().nullable(),
    rotatedAt: z.string().datetime().nullable(),
    revokedAt: z.string().datetime().nullable(),
    createdAt: z.string().datetime(),
    status: z.enum(["NEVER_SEEN", "ONLINE", "SILENT", "REVOKED"]),
  })
  .meta({ id: "Agent" });
export type AgentDto = z.infer<typeof AgentDto>;

export const AgentList = z.object({ items: z.array(AgentDto) });

export const IssuedAgentToken = z.object({
  id: z.string().uuid(),
  token: z.string().describe("The agent's secret (ica_...). Shown only in this response; store it now."),
  agent: AgentDto,
});
export type IssuedAgentToken = z.infer<typeof IssuedAgentToken>;

export const HeartbeatResponse = z.object({
  agentId: z.string().uuid(),
  receivedAt: z.string().datetime(),
  /** How often the server expects a heartbeat; silence for silentAfterSeconds raises an incident. */
  silentAfterSeconds: z.number().int(),
});
export type HeartbeatResponse = z.infer<typeof HeartbeatResponse>;
