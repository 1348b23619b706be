import Link from "next/link";
import { Section } from "@/components/catalog/detail-bits";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listExportHistory } from "@/lib/compliance/exports/data";
import { formatDateTime } from "@/lib/utils/format";

const counts = (values: Record<string, unknown>) =>
  Object.entries(values)
    .filter(([, v]) => typeof v === "number")
    .map(([k, v]) => `${v} ${k.replace(/([A-Z])/g, " $1").toLowerCase()}`)
    .join(", ");

/** The latest regulatory exports, read from the audit trail (who, when, which report, how many rows). */
export async function ExportHistoryCard({ limit = 10 }: { limit?: number }) {
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) return null;
  const items = await listExportHistory(ctx, limit);
  return (
    <Section title="Export history" description={<>Every download is recorded in the audit trail. <Link className="underline" href="/compliance/exports">All exports</Link></>}>
      {items.length === 0 ? (
        <p className="text-sm text-muted-foreground">No report has been exported yet.</p>
      ) : (
        <Table aria-label="Export history">
          <TableHeader>
            <TableRow>
              <TableHead>When</TableHead>
              <TableHead>Report</TableHead>
              <TableHead>By</TableHead>
              <TableHead>Contents</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {items.map((item) => (
              <TableRow key={item.id}>
                <TableCell className="whitespace-nowrap">{formatDateTime(item.at)}</TableCell>
                <TableCell>{item.filename ?? item.format}</TableCell>
                <TableCell>{item.actorEmail ?? "system"}</TableCell>
                <TableCell>{counts(item.counts) || "—"}</TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </Section>
  );
}
