import { Download } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { forbidden } from "next/navigation";
import { Section } from "@/components/catalog/detail-bits";
import { ExportHistoryCard } from "@/components/compliance/export-history";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { PageHeader } from "@/components/ui/page-header";
import { countOf } from "@/lib/utils/format";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { doraValidation } from "@/lib/compliance/exports/data";

export const metadata: Metadata = { title: "Regulatory exports · Interchange" };

const EXPORTS = [
  { group: "GDPR", items: [
    { href: "/api/v1/exports/ropa.csv", label: "Record of processing (CSV)", about: "Art. 30(1): a row per processing activity, points (a) to (g)" },
    { href: "/api/v1/exports/ropa.xlsx", label: "Record of processing (Excel)", about: "The same record as a workbook" },
    { href: "/api/v1/exports/ropa.pdf", label: "Record of processing (PDF)", about: "Printable, one page per activity" },
    { href: "/api/v1/exports/dataflows.csv", label: "Data-flow map (CSV)", about: "Per personal-data flow: source, destination, categories, subjects, countries, transfer tool, purpose, basis" },
  ] },
  { group: "DORA", items: [
    { href: "/api/v1/exports/dora.zip", label: "Register of Information (xBRL-CSV)", about: "Report package for the competent authority, EBA DORA 4.0 module" },
  ] },
  { group: "PCI DSS", items: [
    { href: "/api/v1/exports/pci.csv", label: "In-scope inventory (CSV)", about: "Systems in and connected to the CDE, interfaces carrying account data, third-party providers" },
    { href: "/api/v1/exports/pci.svg", label: "Account-data flow diagram (SVG)", about: "Requirement 1.2.4: entry points, trust zones and every flow carrying PAN with its encryption" },
    { href: "/api/v1/exports/pci-software.csv", label: "Bespoke software inventory (CSV)", about: "6.3.2: custom systems in or connected to the CDE and their third-party components" },
    { href: "/api/v1/exports/pci-keys.csv", label: "Keys and certificates inventory (CSV)", about: "4.2.1.1: how PAN is protected in transit per interface; certificates not in the catalog say so" },
    { href: "/api/v1/exports/pci-components.csv", label: "System components in scope (CSV)", about: "12.5.1: each component with its role (stores, processes, transmits, connected-to)" },
    { href: "/api/v1/exports/pci-providers.csv", label: "Third-party service providers (CSV)", about: "12.8.x: service, AOC status and date, responsibility matrix (edit on the ICT provider record)" },
  ] },
];

export default async function ExportsPage() {
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) forbidden();
  const mayExport = can(ctx, "compliance.export");
  const report = await doraValidation(ctx);
  const errors = report.issues.filter((i) => i.severity === "error");
  const gaps = report.issues.filter((i) => i.severity === "warning");
  const byTemplate = new Map<string, number>();
  for (const issue of errors) byTemplate.set(issue.template, (byTemplate.get(issue.template) ?? 0) + 1);
  const problem = (message: string) => message.replace(/^B_\d\d\.\d\d row \d+ \([^)]*\): c\d{4} "[^"]*" /, "");

  return (
    <div className="grid gap-6">
      <PageHeader
        title="Regulatory exports"
        description="GDPR Art. 30, DORA Register of Information and PCI DSS reports, built from the catalog and the compliance records as they are now. Each download is recorded in the audit trail."
        actions={
          <Button asChild variant="outline">
            <Link href="/compliance/records">Edit records</Link>
          </Button>
        }
      />
      {mayExport ? null : <Alert>You can read the validation report; downloading reports needs the compliance officer role.</Alert>}
      <div className="grid gap-6 lg:grid-cols-3">
        {EXPORTS.map((group) => (
          <Section key={group.group} title={group.group}>
            <ul className="grid gap-3" aria-label={`${group.group} exports`}>
              {group.items.map((item) => (
                <li key={item.href} className="grid gap-1">
                  {mayExport ? (
                    <Button asChild variant="outline" className="justify-start">
                      <a href={item.href} download>
                        <Download aria-hidden="true" /> {item.label}
                      </a>
                    </Button>
                  ) : (
                    <span className="text-sm font-medium">{item.label}</span>
                  )}
                  <span className="text-xs text-muted-foreground">{item.about}</span>
                </li>
              ))}
            </ul>
          </Section>
        ))}
      </div>
      <Section
        title="DORA validation report"
        description={
          errors.length === 0
            ? `No errors against the register's validation rules for the reference date ${report.refDate}${gaps.length ? `; ${gaps.length} catalog items are not in the register (below)` : ""}.`
            : `${countOf(errors.length, "error")} for the reference date ${report.refDate} (mandatory values, closed lists, LEIs, cross-template references). Fix them under Records before submitting.`
        }
      >
        <div className="mb-4 flex flex-wrap gap-2" aria-label="Rows per template">
          {report.templates.map((t) => (
            <Badge key={t.id} variant={byTemplate.has(t.id) ? "destructive" : "secondary"} title={t.title}>
              {t.id}: {countOf(t.rows, "row")}{byTemplate.has(t.id) ? `, ${countOf(byTemplate.get(t.id)!, "error")}` : ""}
            </Badge>
          ))}
        </div>
        {errors.length === 0 ? null : (
          <Table aria-label="Register errors">
            <TableHeader>
              <TableRow>
                <TableHead>Template</TableHead>
                <TableHead>Row</TableHead>
                <TableHead>Column</TableHead>
                <TableHead>Field</TableHead>
                <TableHead>Problem</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {errors.map((issue, i) => (
                <TableRow key={i}>
                  <TableCell className="whitespace-nowrap">{issue.template}</TableCell>
                  <TableCell>
                    {issue.row}: {issue.rowKey}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{issue.column}</TableCell>
                  <TableCell>{issue.label}</TableCell>
                  <TableCell>{problem(issue.message)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
        {gaps.length === 0 ? null : (
          <Table aria-label="Known to the catalog, missing from the register" className="mt-4">
            <TableHeader>
              <TableRow>
                <TableHead>Template</TableHead>
                <TableHead>Item</TableHead>
                <TableHead>Why it is not reported</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {gaps.map((issue, i) => (
                <TableRow key={i}>
                  <TableCell className="whitespace-nowrap">{issue.template}</TableCell>
                  <TableCell>{issue.rowKey}</TableCell>
                  <TableCell>{issue.message}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Section>
      <ExportHistoryCard limit={20} />
    </div>
  );
}
