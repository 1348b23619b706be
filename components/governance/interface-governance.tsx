import Link from "next/link";
import { Section } from "@/components/catalog/detail-bits";
import { Badge, type BadgeVariant } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Ctx } from "@/lib/auth/can";
import { getVersionGovernance } from "@/lib/governance/data";
import type { RuleSeverity } from "@/lib/governance/schemas";
import { formatDateTime } from "@/lib/utils/format";
import { label } from "@/lib/utils/labels";
import { countOf } from "@/lib/utils/format";

const SEVERITY_VARIANT: Record<RuleSeverity, BadgeVariant> = { ERROR: "destructive", WARN: "warning", INFO: "info", HINT: "outline" };

/** The interface page's governance section: the latest version's rule findings, as stored by its last lint. */
export async function InterfaceGovernance({ ctx, interfaceId }: { ctx: Ctx; interfaceId: string }) {
  const { version, ranAt, report, running } = await getVersionGovernance(ctx, interfaceId);
  const description = running
    ? `Version ${version}: the governance rules are still running; reload for their findings.${report ? ` Last result: ${countOf(report.counts.errors, "error")}.` : ""}`
    : report
    ? `Version ${version}, linted ${formatDateTime(ranAt!)}: ${countOf(report.counts.errors, "error")}, ${countOf(report.counts.warnings, "warning")}, ${countOf(report.counts.infos, "info")}.`
    : version
      ? `Version ${version} has not been linted (only OpenAPI and AsyncAPI documents are).`
      : "No spec stored yet.";
  return (
    <Section title="Governance" description={<>{description} <Link href={`/governance/interface/${interfaceId}`} className="underline">Scorecard</Link></>}>
      {report && report.findings.length ? (
        <Table>
          <caption className="sr-only">Governance findings of the latest version</caption>
          <TableHeader>
            <TableRow>
              <TableHead>Severity</TableHead>
              <TableHead>Rule</TableHead>
              <TableHead>Where</TableHead>
              <TableHead>Message</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {report.findings.map((f, i) => (
              <TableRow key={i}>
                <TableCell><Badge variant={SEVERITY_VARIANT[f.severity]}>{label("RuleSeverity", f.severity)}</Badge></TableCell>
                <TableCell className="font-mono text-xs">{f.rule}</TableCell>
                <TableCell className="font-mono text-xs">{f.pointer}{f.line ? ` (line ${f.line})` : ""}</TableCell>
                <TableCell className="text-sm">{f.message}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      ) : report ? (
        <p className="text-sm text-muted-foreground">No findings: every enabled rule passed.</p>
      ) : null}
    </Section>
  );
}
