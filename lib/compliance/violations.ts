import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { can } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { POLICY_DEFINITIONS, type PolicyKey } from "./policies";
import type { Violation, ViolationsQuery } from "./schemas";

const ref = { select: { id: true, name: true } } as const;
const include = {
  flow: ref,
  interface: { select: { id: true, name: true, domain: ref, system: { select: { domain: ref } } } },
  system: ref,
  ownerTeam: ref,
} satisfies Prisma.PolicyViolationInclude;
type Row = Prisma.PolicyViolationGetPayload<{ include: typeof include }>;

export const toViolation = (v: Row): Violation => ({
  id: v.id,
  policy: v.policy as PolicyKey,
  policyTitle: POLICY_DEFINITIONS[v.policy as PolicyKey]?.title ?? v.policy,
  severity: v.severity,
  ...(v.flowId ? { flowId: v.flowId } : {}),
  ...(v.interfaceId ? { interfaceId: v.interfaceId } : {}),
  ...(v.systemId ? { systemId: v.systemId } : {}),
  flow: v.flow,
  interface: v.interface ? { id: v.interface.id, name: v.interface.name } : null,
  system: v.system,
  domain: v.interface ? (v.interface.domain ?? v.interface.system.domain) : null,
  message: v.message,
  owner: v.ownerTeam,
  firstSeenAt: v.firstSeenAt.toISOString(),
});

/** Compliance readers see every violation; anyone else only those their own teams are asked to fix. */
export function visibleViolations(ctx: Ctx): Prisma.PolicyViolationWhereInput {
  return can(ctx, "compliance.read") ? {} : { ownerTeamId: { in: [...(ctx.actor?.teamIds ?? [])] } };
}

/**
 * Open violations, filterable by flow, interface or system (either end of the flow). Compliance readers see all;
 * anyone else sees the violations their own teams are asked to fix.
 */
export async function listViolations(ctx: Ctx, query: ViolationsQuery): Promise<{ items: Violation[]; total: number }> {
  requirePermission(ctx, "catalog.read");
  const and: Prisma.PolicyViolationWhereInput[] = [visibleViolations(ctx)];
  if (query.flowId) and.push({ flowId: query.flowId });
  if (query.interfaceId) and.push({ interfaceId: query.interfaceId });
  if (query.systemId) and.push({ OR: [{ systemId: query.systemId }, { interface: { systemId: query.systemId } }] });
  if (query.policy) and.push({ policy: query.policy });
  if (query.ownerTeamId) and.push({ ownerTeamId: query.ownerTeamId });
  const where = { AND: and };
  const [rows, total] = await Promise.all([
    db().policyViolation.findMany({ where, include, orderBy: [{ severity: "desc" }, { policy: "asc" }, { firstSeenAt: "asc" }, { id: "asc" }], take: query.limit }),
    db().policyViolation.count({ where }),
  ]);
  return { items: rows.map(toViolation), total };
}

export { include as violationInclude };
