import { notFound } from "next/navigation";
import { BackToCatalog, Facts, RefLink, Section } from "@/components/catalog/detail-bits";
import { FlowTable } from "@/components/catalog/flow-table";
import { InterfaceTable } from "@/components/catalog/interface-table";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { getSystem } from "@/lib/catalog/browse";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

export const metadata = { title: "System · Interchange" };

export default async function SystemPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const system = await loadOr404(getSystem(await pageCtx(), id));
  return (
    <div className="grid gap-6">
      <PageHeader eyebrow={<BackToCatalog />} title={system.name} description={system.description ?? undefined} />
      <Facts
        items={[
          { label: "Kind", value: label("SystemKind", system.kind) + (system.vendor ? ` · ${system.vendor}` : "") },
          { label: "Owner", value: system.ownerTeam?.name ?? "Unowned" },
          { label: "Domain", value: system.domain ? <RefLink href={`/catalog/domains/${system.domain.id}`} name={system.domain.name} /> : "—" },
          { label: "Hosted in", value: system.hostingCountries.join(", ") || "—" },
        ]}
      />
      <Section title="Provides" description={`${countOf(system.provides, "interface")} this system exposes.`}>
        {system.providedInterfaces.length ? <InterfaceTable items={system.providedInterfaces} caption="Provided interfaces" /> : <p className="text-sm text-muted-foreground">Provides no interfaces.</p>}
      </Section>
      <Section title="Consumes" description={`${countOf(system.consumes, "flow")} from other systems' interfaces.`}>
        {system.consumedFlows.length ? <FlowTable flows={system.consumedFlows} caption="Consumed flows" /> : <p className="text-sm text-muted-foreground">Consumes nothing catalogued.</p>}
      </Section>
    </div>
  );
}
