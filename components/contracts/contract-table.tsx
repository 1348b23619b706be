import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCaption, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ContractSummary } from "@/lib/contracts/schemas";
import { StatusBadge } from "./status-badge";
import { label } from "@/lib/utils/labels";

export function ContractTable({ items, caption }: { items: readonly ContractSummary[]; caption: string }) {
  return (
    <Table>
      <TableCaption className="sr-only">{caption}</TableCaption>
      <TableHeader>
        <TableRow>
          <TableHead>Interface</TableHead>
          <TableHead>Version</TableHead>
          <TableHead>Status</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Mode</TableHead>
          <TableHead>Schema</TableHead>
          <TableHead className="text-right">Consumers</TableHead>
          <TableHead className="text-right">Pending reviews</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((c) => (
          <TableRow key={c.id}>
            <TableCell className="font-medium">
              <Link href={`/contracts/${c.id}`} className="hover:underline">
                {c.interface.name}
              </Link>
              {c.personalData ? (
                <Badge variant="outline" className="ml-2">
                  personal data
                </Badge>
              ) : null}
            </TableCell>
            <TableCell className="font-mono text-xs">{c.version}</TableCell>
            <TableCell>
              <StatusBadge status={c.status} />
              {c.breaking ? (
                <Badge variant="destructive" className="ml-1">
                  breaking
                </Badge>
              ) : null}
            </TableCell>
            <TableCell>{c.ownerTeam?.name ?? "—"}</TableCell>
            <TableCell className="text-xs">{label("CompatibilityMode", c.compatibilityMode)}</TableCell>
            <TableCell className="text-xs">{label("SchemaFormat", c.schemaFormat)}</TableCell>
            <TableCell className="text-right tabular-nums">{c.subscriptions}</TableCell>
            <TableCell className="text-right tabular-nums">{c.pendingApprovals}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
