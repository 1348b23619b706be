import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { serviceTypeFor } from "./codes";

type Tx = Prisma.TransactionClient;

export type FillResult = { providersCreated: number; servicesCreated: number };

/**
 * Creates what the catalog already knows: an ICT provider per vendor of a SaaS or third-party system, and an
 * ICT service per such system not yet covered by one. Identification codes, contracts and assessments stay for
 * the officer to add (the DORA validation report lists them).
 */
export async function fillFromCatalogTx(tx: Tx, ctx: Ctx): Promise<FillResult> {
  const vendorSystems = await tx.system.findMany({
    where: { kind: { in: ["SAAS", "THIRD_PARTY"] } },
    select: { id: true, name: true, kind: true, vendor: true, ictServices: { select: { serviceId: true } } },
    orderBy: { name: "asc" },
  });
  const known = new Map((await tx.ictProvider.findMany({ select: { id: true, vendor: true, name: true } })).map((p) => [p.vendor ?? p.name, p.id]));
  let providersCreated = 0;
  let servicesCreated = 0;
  for (const system of vendorSystems) {
    const vendor = system.vendor ?? system.name;
    let providerId = known.get(vendor);
    if (!providerId) {
      providerId = (await tx.ictProvider.create({ data: { name: vendor, vendor }, select: { id: true } })).id;
      known.set(vendor, providerId);
      providersCreated++;
    }
    if (system.ictServices.length > 0) continue;
    await tx.ictService.create({
      data: { name: system.name, serviceType: serviceTypeFor(system.kind), providerId, systems: { create: { systemId: system.id } } },
    });
    servicesCreated++;
  }
  await recordAudit(tx, ctx, { action: "records.fill", entityType: "ict_provider", after: { providersCreated, servicesCreated } });
  return { providersCreated, servicesCreated };
}

export async function fillFromCatalog(ctx: Ctx): Promise<FillResult> {
  requirePermission(ctx, "compliance.manage");
  return db().$transaction((tx) => fillFromCatalogTx(tx, ctx), { timeout: 60_000 });
}
