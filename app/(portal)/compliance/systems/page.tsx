import Link from "next/link";
import { forbidden } from "next/navigation";
import { SystemResidencyDialog } from "@/components/compliance/system-residency-dialog";
import { Badge } from "@/components/ui/badge";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { countryName, inEea } from "@/lib/compliance/countries";
import { listSystemResidency } from "@/lib/compliance/residency";

export const metadata = { title: "Residency · Interchange" };

const countries = (list: string[]) =>
  list.length === 0 ? <span className="text-muted-foreground">—</span> : list.map((c) => (
    <Badge key={c} variant={inEea(c) ? "outline" : "warning"} title={countryName(c)} className="mr-1">
      {c}
    </Badge>
  ));

export default async function ResidencyPage() {
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) forbidden();
  const systems = await listSystemResidency(ctx);
  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href="/compliance" className="hover:underline">Compliance</Link>}
        title="Residency"
        description="Where each system hosts and processes data, and whether it is in PCI DSS scope. Countries outside the EEA are highlighted."
      />
      <Table aria-label="System residency">
        <TableHeader>
          <TableRow>
            <TableHead>System</TableHead>
            <TableHead>Owner</TableHead>
            <TableHead>Hosting</TableHead>
            <TableHead>Processing</TableHead>
            <TableHead>PCI scope</TableHead>
            <TableHead className="text-right">
              <span className="sr-only">Actions</span>
            </TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {systems.map((s) => (
            <TableRow key={s.id}>
              <TableCell>
                <Link href={`/catalog/systems/${s.id}`} className="font-medium hover:underline">
                  {s.name}
                </Link>
              </TableCell>
              <TableCell>{s.ownerTeam?.name ?? "Unowned"}</TableCell>
              <TableCell>{countries(s.hostingCountries)}</TableCell>
              <TableCell>{countries(s.processingCountries)}</TableCell>
              <TableCell>{s.pciScope ? <Badge variant="warning">in scope</Badge> : "no"}</TableCell>
              <TableCell className="text-right">{s.canEdit ? <SystemResidencyDialog system={s} /> : null}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
