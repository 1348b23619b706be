import { Section } from "@/components/catalog/detail-bits";
import type { Ctx } from "@/lib/auth/can";
import { getInterfaceCompliance } from "@/lib/compliance/residency";
import { ViolationsQuery } from "@/lib/compliance/schemas";
import { listViolations } from "@/lib/compliance/violations";
import { InterfaceEncryptionForm } from "./interface-encryption-form";
import { ViolationsTable } from "./violations-table";

const yesNo = (v: boolean | null) => (v === null ? "not recorded" : v ? "yes" : "no");

/** The interface page's compliance section: encryption, and the open violations of the flows it feeds. */
export async function InterfaceCompliance({ ctx, interfaceId }: { ctx: Ctx; interfaceId: string }) {
  const [security, { items }] = await Promise.all([getInterfaceCompliance(ctx, interfaceId), listViolations(ctx, ViolationsQuery.parse({ interfaceId }))]);
  return (
    <Section title="Compliance" description="Policy violations of the flows this interface feeds, as far as you may see them, and its encryption.">
      <div className="grid gap-4">
        {items.length === 0 ? (
          <p className="text-sm text-muted-foreground">No open violations.</p>
        ) : (
          <ViolationsTable items={items} caption="Violations of this interface" />
        )}
        {security.canEdit ? (
          <InterfaceEncryptionForm id={security.id} encryptedInTransit={security.encryptedInTransit} encryptedAtRest={security.encryptedAtRest} />
        ) : (
          <p className="text-sm">
            Encrypted in transit: {yesNo(security.encryptedInTransit)} · at rest: {yesNo(security.encryptedAtRest)}
          </p>
        )}
      </div>
    </Section>
  );
}
