import type { Role } from "@/lib/db/generated/enums";
import { CONSUMER_TEAM_PERMISSIONS, LEAD_TEAM_PERMISSIONS, OWNER_TEAM_PERMISSIONS, ROLE_PERMISSIONS, type Permission } from "./permissions";

/** `leadTeamIds`: the teams (among teamIds) the user leads; absent means none. */
export type Actor = { id: string; email: string; name: string; role: Role; teamIds: readonly string[]; leadTeamIds?: readonly string[] };

/** A connector agent (lib/agents): it may report telemetry for the flows in its scope and do nothing else. */
export type AgentPrincipal = { id: string; name: string; systemIds: readonly string[]; flowIds: readonly string[] };

/** Who is asking, and how: every lib/ data function takes one. Agents have no actor, only `agent`. */
export type Ctx = {
  actor: Actor | null;
  requestId: string;
  via: "session" | "token" | "system" | "agent";
  agent?: AgentPrincipal;
  /** With via "token": when the presented API token expires (a token cannot mint one that outlives it). */
  tokenExpiresAt?: Date;
};

/**
 * The teams that own or consume a resource; absent fields mean "no team has rights through ownership".
 * For telemetry, the flow and the systems at its two ends (provider and consumer), matched against an agent's scope.
 */
export type Resource = {
  ownerTeamId?: string | null;
  consumerTeamIds?: readonly string[];
  userId?: string;
  flowId?: string;
  systemIds?: readonly string[];
};

/**
 * The only place that decides access. Roles grant rights everywhere; team membership grants producer rights
 * on what the team owns and consumer rights on what its flows consume.
 */
export function can(ctx: Ctx, permission: Permission, resource?: Resource): boolean {
  if (ctx.via === "system") return true;
  if (ctx.via === "agent") return permission === "telemetry.write" && !!ctx.agent && (!resource || inAgentScope(ctx.agent, resource));
  const actor = ctx.actor;
  if (!actor) return false;
  if (ROLE_PERMISSIONS[actor.role].has(permission)) return true;
  if (!resource) return false;
  if (permission === "token.manage") return resource.userId === actor.id;
  if (OWNER_TEAM_PERMISSIONS.has(permission) && resource.ownerTeamId && actor.teamIds.includes(resource.ownerTeamId)) {
    return true;
  }
  if (LEAD_TEAM_PERMISSIONS.has(permission) && resource.ownerTeamId && actor.leadTeamIds?.includes(resource.ownerTeamId)) return true;
  if (CONSUMER_TEAM_PERMISSIONS.has(permission) && resource.consumerTeamIds?.some((id) => actor.teamIds.includes(id))) {
    return true;
  }
  return false;
}

function inAgentScope(agent: AgentPrincipal, resource: Resource): boolean {
  if (resource.flowId && agent.flowIds.includes(resource.flowId)) return true;
  return resource.systemIds?.some((id) => agent.systemIds.includes(id)) ?? false;
}
