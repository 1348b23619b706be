import Link from "next/link";
import type { Metadata } from "next";
import { Section } from "@/components/catalog/detail-bits";
import { CoverageBar } from "@/components/compliance/coverage-bar";
import { ExportHistoryCard } from "@/components/compliance/export-history";
import { TRANSFER_TOOL_LABEL } from "@/components/compliance/labels";
import { Forbidden } from "@/components/shell/forbidden";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { countryName } from "@/lib/compliance/countries";
import { complianceOverview } from "@/lib/compliance/overview";

export const metadata: Metadata = { title: "Compliance · Interchange" };

export default async function CompliancePage() {
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) return <Forbidden />;
  const overview = await complianceOverview(ctx);
  const openViolations = overview.byPolicy.reduce((sum, p) => sum + p.count, 0);
  const borders = overview.crossBorder;

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Compliance"
        description="Data classification, cross-border transfers and policy violations across the estate, computed from the catalog as it is now."
        actions={
          <>
            <Button asChild variant="outline">
              <Link href="/compliance/suggestions">Review suggestions</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/compliance/systems">Residency</Link>
            </Button>
            <Button asChild variant="outline">
              <Link href="/compliance/policies">Policies</Link>
            </Button>
            <Button asChild>
              <Link href="/compliance/violations">Violations ({openViolations})</Link>
            </Button>
          </>
        }
      />
      <Section title="Classification coverage" description="Fields of each interface's latest version. Suggestions wait for a compliance officer to confirm or reject them.">
        <CoverageBar coverage={overview.coverage} />
      </Section>
      <div className="grid gap-6 lg:grid-cols-2">
        <Section title="Violations by policy">
          <ul className="grid gap-2 text-sm" aria-label="Violations by policy">
            {overview.byPolicy.map((p) => (
              <li key={p.policy} className="flex items-baseline justify-between gap-3">
                <Link href={`/compliance/violations?policy=${p.policy}`} className="hover:underline">
                  {p.title}
                </Link>
                <span className="font-semibold tabular-nums">{p.count}</span>
              </li>
            ))}
          </ul>
        </Section>
        <Section title="Violations by domain">
          {overview.byDomain.length === 0 ? (
            <p className="text-sm text-muted-foreground">No open violations.</p>
          ) : (
            <ul className="grid gap-2 text-sm" aria-label="Violations by domain">
              {overview.byDomain.map((d) => (
                <li key={d.domainId ?? "none"} className="flex items-baseline justify-between gap-3">
                  <span>{d.domain}</span>
                  <span className="font-semibold tabular-nums">{d.count}</span>
                </li>
              ))}
            </ul>
          )}
        </Section>
      </div>
      <Section
        title="Flows crossing borders"
        description={`${borders.total} flows end in another country than they start; ${borders.leavingEea} leave the EEA, ${borders.uncovered} of them without a valid transfer tool.`}
      >
        <Table aria-label="Flows crossing borders">
          <TableHeader>
            <TableRow>
              <TableHead>Flow</TableHead>
              <TableHead>From</TableHead>
              <TableHead>To</TableHead>
              <TableHead>Transfer tool</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {borders.flows.slice(0, 50).map((f) => (
              <TableRow key={f.flowId}>
                <TableCell className="max-w-80 whitespace-normal">
                  <Link href={`/compliance/flows/${f.flowId}`} className="font-medium hover:underline">
                    {f.name}
                  </Link>
                </TableCell>
                <TableCell>{countryName(f.source)}</TableCell>
                <TableCell>
                  {countryName(f.destination)} {f.leavesEea ? <Badge variant="outline">outside EEA</Badge> : null}
                </TableCell>
                <TableCell className="whitespace-normal">
                  {f.transferTool ? TRANSFER_TOOL_LABEL[f.transferTool] : f.leavesEea ? null : "Not needed"}
                  {!f.covered ? <Badge variant="destructive">{f.transferTool ? "not valid here" : "none"}</Badge> : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      </Section>
      <ExportHistoryCard />
    </div>
  );
}
