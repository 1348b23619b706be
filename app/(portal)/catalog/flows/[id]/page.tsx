import Link from "next/link";
import { notFound } from "next/navigation";
import { BackToCatalog, Facts, RefLink, Section } from "@/components/catalog/detail-bits";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { getFlow } from "@/lib/catalog/browse";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Flow · Interchange" };

export default async function FlowPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const flow = await loadOr404(getFlow(await pageCtx(), id));
  const list = (values: string[]) => (values.length ? values.join(", ") : "—");
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<BackToCatalog />}
        title={flow.name}
        description={flow.description ?? undefined}
        actions={
          <>
            <Button asChild variant="outline">
              <Link href={`/health/flows/${flow.id}`}>Health</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/lineage?focus=${flow.interface.id}`}>Lineage</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href={`/compliance/flows/${flow.id}`}>Compliance facts and violations</Link>
            </Button>
          </>
        }
      />
      <div className="flex flex-wrap gap-2">
        <Badge variant="outline">{label("IntegrationStyle", flow.style)}</Badge>
        <Badge variant="secondary">{label("FlowOrigin", flow.origin)}</Badge>
        {flow.patterns.map((p) => (
          <Badge key={p} variant="outline">
            {label("PatternTag", p)}
          </Badge>
        ))}
        {!flow.encryptedInTransit ? <Badge variant="destructive">Not encrypted in transit</Badge> : null}
      </div>
      <Facts
        items={[
          { label: "Interface", value: <RefLink href={`/catalog/interfaces/${flow.interface.id}`} name={flow.interface.name} /> },
          { label: "Producer", value: <RefLink href={`/catalog/systems/${flow.producerSystem.id}`} name={flow.producerSystem.name} /> },
          { label: "Consumer", value: <RefLink href={`/catalog/systems/${flow.consumerSystem.id}`} name={flow.consumerSystem.name} /> },
          { label: "Consumer team", value: flow.consumerTeam?.name ?? "Unowned" },
        ]}
      />
      <Section title="Data protection">
        <Facts
          items={[
            { label: "Purpose", value: flow.purpose },
            { label: "Lawful basis", value: flow.lawfulBasis },
            { label: "Data categories", value: list(flow.dataCategories) },
            { label: "Data subjects", value: list(flow.dataSubjects) },
            { label: "Special categories", value: list(flow.specialCategories) },
            { label: "From", value: flow.sourceCountry },
            { label: "To", value: flow.destinationCountry },
            { label: "Transfer tool", value: flow.transferTool },
          ]}
        />
      </Section>
    </div>
  );
}
