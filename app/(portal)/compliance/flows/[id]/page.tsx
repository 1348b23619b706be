import Link from "next/link";
import { notFound } from "next/navigation";
import { Facts, RefLink, Section } from "@/components/catalog/detail-bits";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { FlowComplianceForm } from "@/components/compliance/flow-compliance-form";
import { LEVEL_VARIANT } from "@/components/compliance/labels";
import { ViolationsTable } from "@/components/compliance/violations-table";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { getFlowCompliance } from "@/lib/compliance/flows";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Flow compliance · Interchange" };

export default async function FlowCompliancePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const flow = await loadOr404(getFlowCompliance(await pageCtx(), id));
  const level = flow.effectiveClassification;
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href="/compliance" className="hover:underline">Compliance</Link>}
        title={flow.name}
        description="What this flow carries, where it goes and on what grounds. Saving re-evaluates the policies at once."
      />
      <Facts
        items={[
          { label: "Interface", value: <RefLink href={`/catalog/interfaces/${flow.interface.id}`} name={flow.interface.name} /> },
          { label: "Producer", value: <RefLink href={`/catalog/systems/${flow.producerSystem.id}`} name={flow.producerSystem.name} /> },
          { label: "Consumer", value: <RefLink href={`/catalog/systems/${flow.consumerSystem.id}`} name={flow.consumerSystem.name} /> },
          { label: "Classification", value: level ? <Badge variant={LEVEL_VARIANT[level]}>{label("Classification", level)}</Badge> : "Unclassified" },
        ]}
      />
      <Section title="Violations" description="Open findings of the enabled policies for this flow.">
        {flow.violations.length === 0 ? (
          <p className="text-sm text-muted-foreground" role="status">
            No open violations.
          </p>
        ) : (
          <ViolationsTable items={flow.violations} caption="Violations of this flow" showFlow={false} />
        )}
      </Section>
      <Section title="Compliance facts">
        <FlowComplianceForm flow={flow} />
      </Section>
    </div>
  );
}
