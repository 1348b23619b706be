import { Download } from "lucide-react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { BackToCatalog, Facts, RefLink, Section } from "@/components/catalog/detail-bits";
import { EditMetadataDialog } from "@/components/catalog/edit-metadata-dialog";
import { ChannelsTable, hasElements, OperationsTable, SchemaList } from "@/components/catalog/elements";
import { classificationVariant, lifecycleVariant } from "@/components/catalog/labels";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { TransferBanner } from "@/components/catalog/transfer-banner";
import { InterfaceCompliance } from "@/components/compliance/interface-compliance";
import { InterfaceGovernance } from "@/components/governance/interface-governance";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCtx } from "@/lib/auth/session";
import { listDomains } from "@/lib/catalog/browse";
import { getInterface } from "@/lib/catalog/interfaces";
import { listTeams } from "@/lib/teams/data";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Interface · Interchange" };

export default async function InterfacePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const ctx = await pageCtx();
  const item = await loadOr404(getInterface(ctx, id));
  const [domains, teams] = item.canEdit ? await Promise.all([listDomains(ctx), listTeams(ctx)]) : [[], []];
  const { operations, channels, messages, schemas } = item.elements;
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<BackToCatalog />}
        title={item.name}
        description={item.description ?? undefined}
        actions={item.canEdit ? <EditMetadataDialog item={item} domains={domains} teams={teams.map((t) => ({ id: t.id, name: t.name }))} /> : null}
      />
      {item.pendingTransfer ? <TransferBanner transfer={item.pendingTransfer} interfaceName={item.name} /> : null}
      <div className="flex flex-wrap gap-2" aria-label="Classification of this interface">
        <Badge variant="secondary">{label("InterfaceKind", item.kind)}</Badge>
        <Badge variant="secondary">{item.protocol}</Badge>
        <Badge variant="outline">{label("IntegrationStyle", item.style)}</Badge>
        <Badge variant={lifecycleVariant(item.lifecycle)}>
          {label("Lifecycle", item.lifecycle)}
          {item.sunsetDate ? ` · sunset ${item.sunsetDate}` : ""}
        </Badge>
        {item.classification ? <Badge variant={classificationVariant(item.classification)}>{label("Classification", item.classification)}</Badge> : null}
        {item.tags.map((tag) => (
          <Badge key={tag} variant="outline">
            #{tag}
          </Badge>
        ))}
      </div>
      <Facts
        items={[
          { label: "Owner", value: item.ownerTeam?.name ?? "Unowned" },
          { label: "System", value: <RefLink href={`/catalog/systems/${item.system.id}`} name={item.system.name} /> },
          { label: "Domain", value: item.domain ? <RefLink href={`/catalog/domains/${item.domain.id}`} name={item.domain.name} /> : "—" },
          { label: "Consumers", value: item.consumers },
        ]}
      />
      <nav aria-label="Related pages" className="flex flex-wrap gap-2">
        <Button variant="outline" size="sm" asChild>
          <Link href={`/lineage?focus=${item.id}`}>Lineage</Link>
        </Button>
        <Button variant="outline" size="sm" asChild>
          <Link href={item.contracts.length ? `/contracts/${latestContractId(item.contracts)}` : `/contracts/new?interface=${item.id}`}>{item.contracts.length ? "Data contract" : "Propose a contract"}</Link>
        </Button>
        <Button variant="outline" size="sm" asChild>
          <Link href={`/compliance/violations?interfaceId=${item.id}`}>Violations</Link>
        </Button>
      </nav>
      <InterfaceCompliance ctx={ctx} interfaceId={item.id} />
      <InterfaceGovernance ctx={ctx} interfaceId={item.id} />
      {operations.length > 0 ? (
        <Section title="Operations" description="From the latest version of the spec.">
          <OperationsTable operations={operations} />
        </Section>
      ) : null}
      {channels.length + messages.length > 0 ? (
        <Section title="Channels" description="Where messages are sent and received.">
          <ChannelsTable channels={channels} messages={messages} />
        </Section>
      ) : null}
      {schemas.length + messages.length > 0 ? (
        <Section title="Schemas and messages">
          <SchemaList elements={[...messages, ...schemas]} />
        </Section>
      ) : null}
      {!hasElements(item.elements) ? (
        <Section title="Contents">
          <p className="text-sm text-muted-foreground">No operations or channels have been extracted from this interface&apos;s spec yet. Re-import it to index them.</p>
        </Section>
      ) : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Versions">
          {item.versions.length === 0 ? (
            <p className="text-sm text-muted-foreground">No spec has been published.</p>
          ) : (
            <Table aria-label="Versions">
              <TableHeader>
                <TableRow>
                  <TableHead>Version</TableHead>
                  <TableHead>Format</TableHead>
                  <TableHead>Published</TableHead>
                  <TableHead className="text-right">Spec</TableHead>
                </TableRow>
              </TableHeader>
              <TableBody>
                {item.versions.map((v) => (
                  <TableRow key={v.id}>
                    <TableCell className="font-medium">{v.version}</TableCell>
                    <TableCell>{label("SpecFormat", v.specFormat)}</TableCell>
                    <TableCell className="text-muted-foreground">{v.createdAt.slice(0, 10)}</TableCell>
                    <TableCell className="text-right">
                      <Button asChild variant="ghost" size="sm">
                        <a href={`/api/v1/interfaces/${item.id}/versions/${v.id}/spec`} download aria-label={`Download spec ${v.version}`}>
                          <Download aria-hidden="true" /> Download
                        </a>
                      </Button>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          )}
        </Section>
        <Section title="Consumers" description="Systems that consume this interface, through declared or discovered flows.">
          {item.consumerFlows.length === 0 ? (
            <p className="text-sm text-muted-foreground">No known consumers.</p>
          ) : (
            <ul className="grid gap-2 text-sm" aria-label="Consumers">
              {item.consumerFlows.map((c) => (
                <li key={c.flowId} className="flex flex-wrap items-center gap-2">
                  <RefLink href={`/catalog/systems/${c.system.id}`} name={c.system.name} />
                  <span className="text-muted-foreground">{c.team?.name ?? "no owner"}</span>
                  <RefLink href={`/catalog/flows/${c.flowId}`} name={c.flowName} />
                  <Link className="text-xs underline underline-offset-4" href={`/health/flows/${c.flowId}`} aria-label={`Health of ${c.flowName}`}>
                    health
                  </Link>
                  {c.patterns.map((p) => (
                    <Badge key={p} variant="outline">
                      {label("PatternTag", p)}
                    </Badge>
                  ))}
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Section title="Data contracts">
        {item.contracts.length === 0 ? (
          <p className="text-sm text-muted-foreground">No data contract governs this interface yet.</p>
        ) : (
          <Table aria-label="Data contracts">
            <TableHeader>
              <TableRow>
                <TableHead>Version</TableHead>
                <TableHead>Status</TableHead>
                <TableHead>Compatibility</TableHead>
                <TableHead>Classification</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {item.contracts.map((c) => (
                <TableRow key={c.id}>
                  <TableCell className="font-medium">
                    <Link className="underline underline-offset-4" href={`/contracts/${c.id}`}>
                      {item.name} {c.version}
                    </Link>
                  </TableCell>
                  <TableCell>{label("ContractStatus", c.status)}</TableCell>
                  <TableCell>{label("CompatibilityMode", c.compatibilityMode)}</TableCell>
                  <TableCell>
                    <Badge variant={classificationVariant(c.classification)}>{label("Classification", c.classification)}</Badge>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
    </div>
  );
}

/** The version to open from the interface: the active one, else the newest. */
function latestContractId(contracts: { id: string; status: string; version: string }[]): string {
  return (contracts.find((c) => c.status === "ACTIVE") ?? contracts[contracts.length - 1]).id;
}
