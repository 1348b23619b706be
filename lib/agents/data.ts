import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type AgentPrincipal, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database, db } from "@/lib/db/client";
import type { Agent } from "@/lib/db/generated/client";
import { publishHealthEvent } from "@/lib/health/events";
import {
  AgentConnector,
  type AgentDto,
  type CreateAgentInput,
  type HeartbeatInput,
  type HeartbeatResponse,
  type IssuedAgentToken,
  type UpdateAgentInput,
} from "./schemas";
import { AGENT_TOKEN_PREFIX, generateAgentToken, hashToken } from "./secret";
import { agentPresence, silentAfterSeconds } from "./silence";

/**
 * Connector error texts name the agent's targets (hosts, queues, probe URLs); only agent managers see them, everyone
 * else gets each connector's name, kind and status.
 */
export function toAgentDto(row: Agent, now = new Date(), { connectorDetails = true }: { connectorDetails?: boolean } = {}): AgentDto {
  const parsed = AgentConnector.array().safeParse(row.connectors);
  const connectors = parsed.success ? parsed.data : [];
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    prefix: row.prefix,
    systemIds: row.systemIds,
    flowIds: row.flowIds,
    version: row.version,
    host: row.host,
    connectors: connectorDetails ? connectors : connectors.map(({ name, kind, status }) => ({ name, kind, status })),
    lastSeenAt: row.lastSeenAt?.toISOString() ?? null,
    rotatedAt: row.rotatedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: agentPresence(row, now),
  };
}

/** Unknown system or flow ids in a scope are named by JSON pointer, so the admin can fix the one that is wrong. */
async function checkScope(input: { systemIds?: string[]; flowIds?: string[] }): Promise<void> {
  const errors: { pointer: string; message: string }[] = [];
  if (input.systemIds?.length) {
    const found = new Set((await db().system.findMany({ where: { id: { in: input.systemIds } }, select: { id: true } })).map((s) => s.id));
    input.systemIds.forEach((id, i) => found.has(id) || errors.push({ pointer: `/systemIds/${i}`, message: `No system has the id ${id}` }));
  }
  if (input.flowIds?.length) {
    const found = new Set((await db().flow.findMany({ where: { id: { in: input.flowIds } }, select: { id: true } })).map((f) => f.id));
    input.flowIds.forEach((id, i) => found.has(id) || errors.push({ pointer: `/flowIds/${i}`, message: `No flow has the id ${id}` }));
  }
  if (errors.length) throw new AppError("VALIDATION", "The agent's scope names systems or flows that do not exist", { errors });
}

/** POST /api/v1/agents: registers an agent; its token is in this answer only. */
export async function createAgent(ctx: Ctx, input: CreateAgentInput): Promise<IssuedAgentToken> {
  requirePermission(ctx, "agent.manage");
  await checkScope(input);
  const token = generateAgentToken();
  const row = await db().$transaction(async (tx) => {
    const taken = await tx.agent.findUnique({ where: { name: input.name }, select: { id: true } });
    if (taken) throw new AppError("CONFLICT", `An agent named '${input.name}' already exists`, { errors: [{ pointer: "/name", message: "Already taken" }] });
    const created = await tx.agent.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        systemIds: input.systemIds,
        flowIds: input.flowIds,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
      },
    });
    await recordAudit(tx, ctx, { action: "agent.create", entityType: "agent", entityId: created.id, after: toAgentDto(created) });
    return created;
  });
  return { id: row.id, token, agent: toAgentDto(row) };
}

export async function listAgents(ctx: Ctx): Promise<AgentDto[]> {
  requirePermission(ctx, "health.read");
  const rows = await db().agent.findMany({ orderBy: [{ revokedAt: { sort: "desc", nulls: "first" } }, { name: "asc" }] });
  const now = new Date();
  const connectorDetails = can(ctx, "agent.manage");
  return rows.map((r) => toAgentDto(r, now, { connectorDetails }));
}

export async function getAgent(ctx: Ctx, id: string): Promise<AgentDto> {
  requirePermission(ctx, "health.read");
  const row = await db().agent.findUnique({ where: { id } });
  if (!row) throw notFound("Agent");
  return toAgentDto(row, new Date(), { connectorDetails: can(ctx, "agent.manage") });
}

export async function updateAgent(ctx: Ctx, id: string, input: UpdateAgentInput): Promise<AgentDto> {
  requirePermission(ctx, "agent.manage");
  await checkScope(input);
  return db().$transaction(async (tx) => {
    const before = await tx.agent.findUnique({ where: { id } });
    if (!before) throw notFound("Agent");
    const after = await tx.agent.update({ where: { id }, data: input });
    await recordAudit(tx, ctx, { action: "agent.update", entityType: "agent", entityId: id, before: toAgentDto(before), after: toAgentDto(after) });
    return toAgentDto(after);
  });
}

/** A new token for the agent; the old one stops working at once. */
export async function rotateAgentToken(ctx: Ctx, id: string): Promise<IssuedAgentToken> {
  requirePermission(ctx, "agent.manage");
  const token = generateAgentToken();
  const row = await db().$transaction(async (tx) => {
    const before = await tx.agent.findUnique({ where: { id } });
    if (!before) throw notFound("Agent");
    if (before.revokedAt) throw new AppError("CONFLICT", "The agent is revoked; register a new one instead");
    const after = await tx.agent.update({ where: { id }, data: { prefix: token.slice(0, 10), tokenHash: hashToken(token), rotatedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "agent.rotate", entityType: "agent", entityId: id, before: toAgentDto(before), after: toAgentDto(after) });
    return after;
  });
  return { id: row.id, token, agent: toAgentDto(row) };
}

export async function revokeAgent(ctx: Ctx, id: string): Promise<AgentDto> {
  requirePermission(ctx, "agent.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.agent.findUnique({ where: { id } });
    if (!before) throw notFound("Agent");
    if (before.revokedAt) return toAgentDto(before);
    const after = await tx.agent.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "agent.revoke", entityType: "agent", entityId: id, before: toAgentDto(before), after: toAgentDto(after) });
    return toAgentDto(after);
  });
}

// lastSeenAt is written at most this often per agent from telemetry (heartbeats always write it).
const SEEN_WRITE_INTERVAL_MS = 15_000;
const lastSeenWritten = new Map<string, number>();

/** Resolves `Authorization: Bearer ica_...` to its agent, refusing unknown and revoked tokens by name. */
export async function authenticateAgent(token: string): Promise<AgentPrincipal> {
  if (!token.startsWith(AGENT_TOKEN_PREFIX)) throw new AppError("UNAUTHENTICATED", "Not an agent token (agent tokens start with ica_)");
  const { driver } = database();
  const [row] = await driver.query<{ id: string; name: string; system_ids: string[]; flow_ids: string[]; revoked: boolean; last_seen_ms: number | null }>(
    `SELECT id::text AS id, name, system_ids::text[] AS system_ids, flow_ids::text[] AS flow_ids, revoked_at IS NOT NULL AS revoked,
            (extract(epoch FROM last_seen_at) * 1000)::float8 AS last_seen_ms
     FROM agent WHERE token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) throw new AppError("UNAUTHENTICATED", "The agent token is not valid (it may have been rotated)");
  if (row.revoked) throw new AppError("UNAUTHENTICATED", "The agent was revoked");
  const now = Date.now();
  if (now - (lastSeenWritten.get(row.id) ?? row.last_seen_ms ?? 0) > SEEN_WRITE_INTERVAL_MS) {
    lastSeenWritten.set(row.id, now);
    await driver.query(`UPDATE agent SET last_seen_at = $2::timestamptz, updated_at = now() WHERE id = $1::uuid`, [row.id, new Date(now).toISOString()]);
  }
  return { id: row.id, name: row.name, systemIds: row.system_ids, flowIds: row.flow_ids };
}

/** POST /api/v1/agents/heartbeat: the agent says it is alive, and how its connectors are. */
export async function recordHeartbeat(ctx: Ctx, input: HeartbeatInput): Promise<HeartbeatResponse> {
  requirePermission(ctx, "telemetry.write");
  const agent = ctx.agent;
  if (!agent) throw new AppError("FORBIDDEN", "Only agents send heartbeats");
  const receivedAt = new Date();
  await db().agent.update({
    where: { id: agent.id },
    data: { version: input.version, host: input.host, connectors: input.connectors, lastSeenAt: receivedAt },
  });
  lastSeenWritten.set(agent.id, receivedAt.getTime());
  publishHealthEvent({ type: "agent", agentId: agent.id });
  return { agentId: agent.id, receivedAt: receivedAt.toISOString(), silentAfterSeconds: silentAfterSeconds() };
}
