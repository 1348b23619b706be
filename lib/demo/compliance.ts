// Compliance facts for the demo estate, derived from the demo's own data: the real suggestion engine runs over the
// extracted fields, flows take the classification and account-data elements of the entity they carry, and the
// systems that provide PCI-tagged interfaces form the PCI DSS scope. The policies then find the deliberate
// COMPLIANCE_GAPS (flow-rules.ts) and whatever else the estate really lacks.
import { suggestField, type PciElement } from "@/lib/compliance/classify";
import { recomputeViolations } from "@/lib/compliance/evaluate";
import { suggestForInterfaces } from "@/lib/compliance/suggest";
import type { PrismaClient } from "@/lib/db/generated/client";
import { DEMO_ENTITIES, DEMO_INTERFACES } from "./estate";

export type DemoComplianceResult = { suggested: number; classifiedFlows: number; pciSystems: number; violations: number };

/** Account-data elements the engine finds in an entity's field names (its title gives the context, e.g. "Card"). */
function pciElementsOf(entity: (typeof DEMO_ENTITIES)[string]): PciElement[] {
  const found = Object.entries(entity.fields).flatMap(([name, type]) => suggestField({ name, path: `${entity.title}.${name}`, type })?.pciElement ?? []);
  return [...new Set(found)];
}

export async function seedDemoCompliance(prisma: PrismaClient): Promise<DemoComplianceResult> {
  return prisma.$transaction(
    async (tx) => {
      const { suggested } = await suggestForInterfaces(tx);
      let classifiedFlows = 0;
      for (const seed of DEMO_INTERFACES) {
        const entity = DEMO_ENTITIES[seed.entity];
        if (!entity) continue;
        const { count } = await tx.flow.updateMany({
          where: { interface: { name: seed.name } },
          data: { classification: entity.classification, pciElements: pciElementsOf(entity) },
        });
        classifiedFlows += count;
      }
      const { count: pciSystems } = await tx.system.updateMany({ where: { interfaces: { some: { tags: { has: "pci" } } } }, data: { pciScope: true } });
      const { open } = await recomputeViolations(tx, "all");
      return { suggested, classifiedFlows, pciSystems, violations: open };
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
}
