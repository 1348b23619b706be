import "server-only";
import { notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { recomputeViolations } from "./evaluate";
import type { UpdateInterfaceSecurityInput, UpdateSystemResidencyInput } from "./schemas";

const systemView = (s: { id: string; name: string; hostingCountries: string[]; processingCountries: string[]; pciScope: boolean }) => ({
  id: s.id, name: s.name, hostingCountries: s.hostingCountries, processingCountries: s.processingCountries, pciScope: s.pciScope,
});

/** Hosting and processing countries and PCI scope of a system (compliance officers and the owning team). */
export async function updateSystemResidency(ctx: Ctx, id: string, input: UpdateSystemResidencyInput) {
  requirePermission(ctx, "catalog.read");
  return db().$transaction(async (tx) => {
    const before = await tx.system.findUnique({ where: { id } });
    if (!before) throw notFound("System");
    requirePermission(ctx, "compliance.edit", { ownerTeamId: before.ownerTeamId });
    const after = await tx.system.update({
      where: { id },
      data: {
        hostingCountries: input.hostingCountries ? [...new Set(input.hostingCountries)] : undefined,
        processingCountries: input.processingCountries ? [...new Set(input.processingCountries)] : undefined,
        pciScope: input.pciScope,
      },
    });
    await recordAudit(tx, ctx, { action: "system.residency_update", entityType: "system", entityId: id, before: systemView(before), after: systemView(after) });
    await recomputeViolations(tx, { systemIds: [id] });
    return systemView(after);
  });
}

/** Encryption in transit and at rest of an interface (compliance officers and the owning team). */
export async function updateInterfaceSecurity(ctx: Ctx, id: string, input: UpdateInterfaceSecurityInput) {
  requirePermission(ctx, "catalog.read");
  return db().$transaction(async (tx) => {
    const before = await tx.interface.findUnique({ where: { id }, include: { system: { select: { ownerTeamId: true } } } });
    if (!before) throw notFound("Interface");
    requirePermission(ctx, "compliance.edit", { ownerTeamId: before.ownerTeamId ?? before.system.ownerTeamId });
    const after = await tx.interface.update({ where: { id }, data: { encryptedInTransit: input.encryptedInTransit, encryptedAtRest: input.encryptedAtRest } });
    const view = (i: typeof after) => ({ id: i.id, name: i.name, encryptedInTransit: i.encryptedInTransit, encryptedAtRest: i.encryptedAtRest });
    await recordAudit(tx, ctx, { action: "interface.security_update", entityType: "interface", entityId: id, before: view(before), after: view(after) });
    await recomputeViolations(tx, { interfaceIds: [id] });
    return view(after);
  });
}

/** What the interface page shows: encryption facts, who may change them, and the interface's open violations. */
export async function getInterfaceCompliance(ctx: Ctx, id: string) {
  requirePermission(ctx, "catalog.read");
  const row = await db().interface.findUnique({ where: { id }, select: { id: true, name: true, encryptedInTransit: true, encryptedAtRest: true, ownerTeamId: true, system: { select: { ownerTeamId: true } } } });
  if (!row) throw notFound("Interface");
  return {
    id: row.id,
    name: row.name,
    encryptedInTransit: row.encryptedInTransit,
    encryptedAtRest: row.encryptedAtRest,
    canEdit: can(ctx, "compliance.edit", { ownerTeamId: row.ownerTeamId ?? row.system.ownerTeamId }),
  };
}

/** Every system's residency facts, with whether the caller may change them. */
export async function listSystemResidency(ctx: Ctx) {
  requirePermission(ctx, "compliance.read");
  const rows = await db().system.findMany({
    select: { id: true, name: true, kind: true, hostingCountries: true, processingCountries: true, pciScope: true, ownerTeamId: true, ownerTeam: { select: { id: true, name: true } } },
    orderBy: { name: "asc" },
  });
  return rows.map(({ ownerTeamId, ...s }) => ({ ...s, canEdit: can(ctx, "compliance.edit", { ownerTeamId }) }));
}
