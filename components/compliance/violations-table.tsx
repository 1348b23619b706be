import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { Violation } from "@/lib/compliance/schemas";
import { SEVERITY_VARIANT } from "./labels";
import { label } from "@/lib/utils/labels";

/** Violations with the flow (linked to its compliance editor), the message and the team asked to fix it. */
export function ViolationsTable({ items, caption, showFlow = true }: { items: Violation[]; caption: string; showFlow?: boolean }) {
  return (
    <Table aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>Severity</TableHead>
          <TableHead>Policy</TableHead>
          {showFlow ? <TableHead>Flow</TableHead> : null}
          <TableHead>Finding</TableHead>
          <TableHead>Owner</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((v) => (
          <TableRow key={v.id}>
            <TableCell>
              <Badge variant={SEVERITY_VARIANT[v.severity]}>{label("PolicySeverity", v.severity)}</Badge>
            </TableCell>
            <TableCell className="max-w-56 whitespace-normal">{v.policyTitle}</TableCell>
            {showFlow ? (
              <TableCell className="max-w-64 whitespace-normal">
                {v.flow ? (
                  <Link href={`/compliance/flows/${v.flow.id}`} className="font-medium hover:underline">
                    {v.flow.name}
                  </Link>
                ) : (
                  "—"
                )}
                {v.domain ? <div className="text-xs text-muted-foreground">{v.domain.name}</div> : null}
              </TableCell>
            ) : null}
            <TableCell className="max-w-md whitespace-normal">{v.message}</TableCell>
            <TableCell>{v.owner?.name ?? "Unowned"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
