import Link from "next/link";
import type { Metadata } from "next";
import { forbidden } from "next/navigation";
import { Section } from "@/components/catalog/detail-bits";
import { CoverageBar } from "@/components/compliance/coverage-bar";
import { ExportHistoryCard } from "@/components/compliance/export-history";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { countryName } from "@/lib/compliance/countries";
import { complianceOverview } from "@/lib/compliance/overview";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

export const metadata: Metadata = { title: "Compliance · Interchange" };

const BORDER_PAGE = 50;

export default async function CompliancePage({ searchParams }: { searchParams: Promise<{ bordersAfter?: string }> }) {
  const { bordersAfter } = await searchParams;
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) forbidden();
  const overview = await complianceOverview(ctx);
  const openViolations = overview.byPolicy.reduce((sum, p) => sum + p.count, 0);
  const borders = overview.crossBorder;
  // Pages of 50 keyed on the last flow shown, so a long list is walked rather than silently cut.
  const start = bordersAfter ? borders.flows.findIndex((f) => f.flowId === bordersAfter) + 1 : 0;
  const shown = borders.flows.slice(start, start + BORDER_PAGE);
  const nextAfter = start + BORDER_PAGE < borders.flows.length ? shown.at(-1)?.flowId : undefined;

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
        description={`${countOf(borders.total, "flow")} end in another country than they start; ${borders.leavingEea} leave the EEA, ${borders.uncovered} of them without a valid transfer tool.`}
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
            {shown.map((f) => (
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
                  {f.transferTool ? label("TransferTool", f.transferTool) : f.leavesEea ? null : "Not needed"}
                  {!f.covered ? <Badge variant="destructive">{f.transferTool ? "not valid here" : "none"}</Badge> : null}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
        {borders.flows.length > BORDER_PAGE && (
          <p className="mt-2 flex gap-4 text-sm">
            <span className="text-muted-foreground">
              Flows {start + 1}–{start + shown.length} of {borders.flows.length}
            </span>
            {start > 0 && <Link href="/compliance" className="hover:underline">← First</Link>}
            {nextAfter && <Link href={`/compliance?bordersAfter=${nextAfter}`} className="hover:underline">Next {BORDER_PAGE} →</Link>}
          </p>
        )}
      </Section>
      <ExportHistoryCard />
    </div>
  );
}
