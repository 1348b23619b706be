import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { InterfaceSummary } from "@/lib/catalog/schemas";
import { lifecycleVariant } from "./labels";
import { label } from "@/lib/utils/labels";

/** Interfaces as a dense table; the name links to the detail page. */
export function InterfaceTable({ items, caption }: { items: InterfaceSummary[]; caption?: string }) {
  return (
    <Table aria-label={caption ?? "Interfaces"}>
      <TableHeader>
        <TableRow>
          <TableHead>Interface</TableHead>
          <TableHead>System</TableHead>
          <TableHead>Domain</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Protocol</TableHead>
          <TableHead>Lifecycle</TableHead>
          <TableHead className="text-right">Consumers</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {items.map((row) => (
          <TableRow key={row.id}>
            <TableCell className="max-w-96">
              <Link href={`/catalog/interfaces/${row.id}`} className="font-medium hover:underline">
                {row.name}
              </Link>
              {row.description ? <p className="truncate text-xs text-muted-foreground">{row.description}</p> : null}
            </TableCell>
            <TableCell>
              <Link href={`/catalog/systems/${row.system.id}`} className="hover:underline">
                {row.system.name}
              </Link>
            </TableCell>
            <TableCell className="text-muted-foreground">{row.domain?.name ?? "—"}</TableCell>
            <TableCell className="text-muted-foreground">{row.ownerTeam?.name ?? "Unowned"}</TableCell>
            <TableCell>
              <Badge variant="secondary">{row.protocol}</Badge>
            </TableCell>
            <TableCell>
              <Badge variant={lifecycleVariant(row.lifecycle)}>{label("Lifecycle", row.lifecycle)}</Badge>
            </TableCell>
            <TableCell className="text-right tabular-nums">{row.consumers}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
