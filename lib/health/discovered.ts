import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { toAgentDto } from "@/lib/agents/data";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DiscoveredFlowDto, DiscoveredFlowQuery, ResolvedDiscoveredFlow, ResolveDiscoveredFlowInput } from "./schemas";

const include = { agent: { select: { id: true, name: true } } } satisfies Prisma.DiscoveredFlowInclude;
type Row = Prisma.DiscoveredFlowGetPayload<{ include: typeof include }>;

function toDto(row: Row): DiscoveredFlowDto {
  return {
    id: row.id,
    agent: row.agent,
    externalId: row.externalId,
    producerSystem: row.producerSystem,
    interfaceName: row.interfaceName,
    consumerSystem: row.consumerSystem,
    status: row.status,
    firstSeenAt: row.firstSeenAt.toISOString(),
    lastSeenAt: row.lastSeenAt.toISOString(),
    measurements: row.measurements,
    delivered: Number(row.delivered),
    failed: Number(row.failed),
  };
}

/** Flows agents reported that the catalog does not know, newest first. */
export async function listDiscoveredFlows(ctx: Ctx, query: DiscoveredFlowQuery): Promise<DiscoveredFlowDto[]> {
  requirePermission(ctx, "health.read");
  const rows = await db().discoveredFlow.findMany({
    where: { status: query.status === "ALL" ? undefined : query.status },
    include,
    orderBy: { lastSeenAt: "desc" },
    take: 500,
  });
  return rows.map(toDto);
}

/**
 * An architect (or the owning team) confirms a pending discovered flow as a catalog flow (interface -> consumer
 * system; an existing declared flow becomes "both"), or dismisses it. Confirming also adds the flow to the reporting
 * agent's scope, but only for callers with agent.manage (scope is an admin decision); for others the catalog flow is
 * confirmed, the agent's scope stays as it is and the answer says so.
 */
export async function resolveDiscoveredFlow(ctx: Ctx, id: string, input: ResolveDiscoveredFlowInput): Promise<ResolvedDiscoveredFlow> {
  const existing = await db().discoveredFlow.findUnique({ where: { id }, include });
  if (!existing) throw notFound("Discovered flow");
  const conflict = () => new AppError("CONFLICT", `The discovered flow was already ${existing.status === "CONFIRMED" ? "confirmed" : "dismissed"}`);
  if (input.action === "dismiss") {
    requirePermission(ctx, "catalog.write");
    if (existing.status !== "PENDING") throw conflict();
    return db().$transaction(async (tx) => {
      const claimed = await tx.discoveredFlow.updateMany({ where: { id, status: "PENDING" }, data: { status: "DISMISSED" } });
      if (!claimed.count) throw conflict();
      const row = await tx.discoveredFlow.findUniqueOrThrow({ where: { id }, include });
      await recordAudit(tx, ctx, { action: "discovered_flow.dismiss", entityType: "discovered_flow", entityId: id, before: toDto(existing), after: toDto(row) });
      return { ...toDto(row), flowId: null, agentScope: null, message: null };
    });
  }
  const iface = await db().interface.findUnique({ where: { id: input.interfaceId }, select: { id: true, name: true, style: true, ownerTeamId: true, system: { select: { ownerTeamId: true } } } });
  if (!iface) throw new AppError("VALIDATION", "No such interface", { errors: [{ pointer: "/interfaceId", message: `No interface has the id ${input.interfaceId}` }] });
  const consumer = await db().system.findUnique({ where: { id: input.consumerSystemId }, select: { id: true, name: true } });
  if (!consumer) throw new AppError("VALIDATION", "No such system", { errors: [{ pointer: "/consumerSystemId", message: `No system has the id ${input.consumerSystemId}` }] });
  requirePermission(ctx, "catalog.write", { ownerTeamId: iface.ownerTeamId ?? iface.system.ownerTeamId });
  if (existing.status !== "PENDING") throw conflict();
  const mayExtendScope = can(ctx, "agent.manage");
  return db().$transaction(async (tx) => {
    // Claim the row first, so two confirmations racing each other cannot both go through.
    const claimed = await tx.discoveredFlow.updateMany({ where: { id, status: "PENDING" }, data: { status: "CONFIRMED" } });
    if (!claimed.count) throw conflict();
    const declared = await tx.flow.findUnique({ where: { interfaceId_consumerSystemId: { interfaceId: iface.id, consumerSystemId: consumer.id } } });
    const flow = declared
      ? await tx.flow.update({ where: { id: declared.id }, data: { origin: declared.origin === "DECLARED" ? "BOTH" : declared.origin } })
      : await tx.flow.create({
          data: { name: input.name ?? `${iface.name} to ${consumer.name}`, interfaceId: iface.id, consumerSystemId: consumer.id, style: iface.style, origin: "DISCOVERED" },
        });
    const agent = await tx.agent.findUniqueOrThrow({ where: { id: existing.agentId } });
    let agentScope: "ADDED" | "ALREADY_IN_SCOPE" | "UNCHANGED";
    let message: string;
    if (agent.flowIds.includes(flow.id)) {
      agentScope = "ALREADY_IN_SCOPE";
      message = `The flow is already in the scope of agent '${agent.name}'`;
    } else if (!mayExtendScope) {
      agentScope = "UNCHANGED";
      message = `The flow was confirmed, but not added to the scope of agent '${agent.name}': that needs an admin (agent.manage). Until then its telemetry for this flow is refused`;
    } else {
      const after = await tx.agent.update({ where: { id: agent.id }, data: { flowIds: [...agent.flowIds, flow.id] } });
      await recordAudit(tx, ctx, { action: "agent.update", entityType: "agent", entityId: agent.id, before: toAgentDto(agent), after: { ...toAgentDto(after), reason: `confirmed discovered flow ${id}` } });
      agentScope = "ADDED";
      message = `The flow was added to the scope of agent '${agent.name}'`;
    }
    const row = await tx.discoveredFlow.findUniqueOrThrow({ where: { id }, include });
    await recordAudit(tx, ctx, { action: "discovered_flow.confirm", entityType: "discovered_flow", entityId: id, before: toDto(existing), after: { ...toDto(row), flowId: flow.id, created: !declared, agentScope } });
    return { ...toDto(row), flowId: flow.id, agentScope, message };
  });
}

/** What a discovered flow can be confirmed as: live interfaces (with their system) and systems, by name. */
export async function confirmationChoices(ctx: Ctx): Promise<{ interfaces: { id: string; name: string }[]; systems: { id: string; name: string }[] }> {
  requirePermission(ctx, "catalog.read");
  const [interfaces, systems] = await Promise.all([
    db().interface.findMany({ where: { lifecycle: { not: "RETIRED" } }, select: { id: true, name: true, system: { select: { name: true } } }, orderBy: { name: "asc" } }),
    db().system.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return { interfaces: interfaces.map((i) => ({ id: i.id, name: `${i.name} (${i.system.name})` })), systems };
}
