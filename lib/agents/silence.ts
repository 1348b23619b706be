/** An agent that has not been heard from for this long is silent (heartbeats every 30 s are expected). */
export function silentAfterSeconds(env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.AGENT_SILENT_AFTER_SECONDS);
  return Number.isFinite(configured) && configured > 0 ? Math.round(configured) : 180;
}

export type AgentPresence = "NEVER_SEEN" | "ONLINE" | "SILENT" | "REVOKED";

export function agentPresence(agent: { lastSeenAt: Date | null; revokedAt: Date | null }, now: Date, silentAfter = silentAfterSeconds()): AgentPresence {
  if (agent.revokedAt) return "REVOKED";
  if (!agent.lastSeenAt) return "NEVER_SEEN";
  return now.getTime() - agent.lastSeenAt.getTime() > silentAfter * 1000 ? "SILENT" : "ONLINE";
}
