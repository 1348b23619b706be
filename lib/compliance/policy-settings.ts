import "server-only";
import { AppError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { loadPolicySettings, recomputeViolations } from "./evaluate";
import { POLICY_DEFINITIONS, type PolicyKey, type PolicySettings } from "./policies";
import type { PolicyDto, UpdatePolicyInput } from "./schemas";

type Tx = Prisma.TransactionClient;

async function toDtos(tx: Tx, settings: PolicySettings[]): Promise<PolicyDto[]> {
  const systemIds = [...new Set(settings.flatMap((s) => s.exemptSystemIds))];
  const [systems, counts] = await Promise.all([
    tx.system.findMany({ where: { id: { in: systemIds } }, select: { id: true, name: true } }),
    tx.policyViolation.groupBy({ by: ["policy"], _count: { _all: true } }),
  ]);
  const names = new Map(systems.map((s) => [s.id, s]));
  const count = new Map(counts.map((c) => [c.policy, c._count._all]));
  return settings.map((s) => ({
    key: s.key,
    title: POLICY_DEFINITIONS[s.key].title,
    description: POLICY_DEFINITIONS[s.key].description,
    enabled: s.enabled,
    severity: s.severity,
    minLevel: s.key === "unencrypted-sensitive" ? (s.params.minLevel ?? "CONFIDENTIAL") : null,
    exemptSystems: s.exemptSystemIds.flatMap((id) => (names.has(id) ? [names.get(id)!] : [])),
    violations: count.get(s.key) ?? 0,
  }));
}

export async function listPolicies(ctx: Ctx): Promise<PolicyDto[]> {
  requirePermission(ctx, "compliance.read");
  const tx = db();
  return toDtos(tx, await loadPolicySettings(tx));
}

/** Enables, disables or tunes a policy (admins), then re-evaluates the whole estate in the same transaction. */
export async function updatePolicy(ctx: Ctx, key: PolicyKey, input: UpdatePolicyInput): Promise<PolicyDto> {
  requirePermission(ctx, "compliance.policy");
  return db().$transaction(
    async (tx) => {
      const current = (await loadPolicySettings(tx)).find((s) => s.key === key)!;
      if (input.exemptSystemIds?.length) {
        const ids = [...new Set(input.exemptSystemIds)];
        const known = new Set((await tx.system.findMany({ where: { id: { in: ids } }, select: { id: true } })).map((s) => s.id));
        const errors = input.exemptSystemIds.flatMap((id, i) => (known.has(id) ? [] : [{ pointer: `/exemptSystemIds/${i}`, message: "No such system" }]));
        if (errors.length) throw new AppError("VALIDATION", "Unknown exempt system", { errors });
      }
      if (input.minLevel !== undefined && key !== "unencrypted-sensitive") {
        throw new AppError("VALIDATION", "Only the encryption policy has a classification threshold", { errors: [{ pointer: "/minLevel", message: "Not a setting of this policy" }] });
      }
      const next: PolicySettings = {
        key,
        enabled: input.enabled ?? current.enabled,
        severity: input.severity ?? current.severity,
        exemptSystemIds: input.exemptSystemIds ? [...new Set(input.exemptSystemIds)] : current.exemptSystemIds,
        params: input.minLevel !== undefined ? { minLevel: input.minLevel ?? undefined } : current.params,
      };
      const data = { enabled: next.enabled, severity: next.severity, exemptSystemIds: next.exemptSystemIds, params: (next.params.minLevel ? { minLevel: next.params.minLevel } : {}) as Prisma.InputJsonValue };
      await tx.compliancePolicy.upsert({ where: { key }, create: { key, ...data }, update: data });
      await recordAudit(tx, ctx, { action: "policy.update", entityType: "policy", entityId: key, before: current, after: next });
      await recomputeViolations(tx, "all");
      return (await toDtos(tx, [next]))[0];
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
