import Link from "next/link";
import { notFound } from "next/navigation";
import { BackToCatalog, Facts, Section } from "@/components/catalog/detail-bits";
import { isUuid, loadOr404 } from "@/components/catalog/load";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCtx } from "@/lib/auth/session";
import { getDomain } from "@/lib/catalog/browse";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Domain · Interchange" };

export default async function DomainPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  if (!isUuid(id)) notFound();
  const domain = await loadOr404(getDomain(await pageCtx(), id));
  return (
    <div className="grid gap-6">
      <PageHeader eyebrow={<BackToCatalog />} title={domain.name} description={domain.description ?? undefined} />
      <Facts
        items={[
          { label: "Owner", value: domain.ownerTeam?.name ?? "Unowned" },
          { label: "Systems", value: domain.systems },
          { label: "Interfaces", value: <Link className="hover:underline" href={`/catalog?domain=${domain.id}`}>Search this domain</Link> },
        ]}
      />
      <Section title="Systems">
        <Table aria-label="Systems">
          <TableHeader>
            <TableRow>
              <TableHead>System</TableHead>
              <TableHead>Kind</TableHead>
              <TableHead>Owner</TableHead>
              <TableHead className="text-right">Provides</TableHead>
              <TableHead className="text-right">Consumes</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {domain.systemList.map((s) => (
              <TableRow key={s.id}>
                <TableCell>
                  <Link href={`/catalog/systems/${s.id}`} className="font-medium hover:underline">
                    {s.name}
                  </Link>
                </TableCell>
                <TableCell>{label("SystemKind", s.kind)}</TableCell>
                <TableCell className="text-muted-foreground">{s.ownerTeam?.name ?? "Unowned"}</TableCell>
                <TableCell className="text-right tabular-nums">{s.provides}</TableCell>
                <TableCell className="text-right tabular-nums">{s.consumes}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
    </div>
  );
}
