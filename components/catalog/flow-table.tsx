import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { FlowSummary } from "@/lib/catalog/schemas";
import { label } from "@/lib/utils/labels";

/** Flows: the producing interface and system, the consumer, and the integration style. */
export function FlowTable({ flows, caption }: { flows: FlowSummary[]; caption: string }) {
  return (
    <Table aria-label={caption}>
      <TableHeader>
        <TableRow>
          <TableHead>Flow</TableHead>
          <TableHead>Interface</TableHead>
          <TableHead>Producer</TableHead>
          <TableHead>Consumer</TableHead>
          <TableHead>Style</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {flows.map((f) => (
          <TableRow key={f.id}>
            <TableCell>
              <Link href={`/catalog/flows/${f.id}`} className="font-medium hover:underline">
                {f.name}
              </Link>
            </TableCell>
            <TableCell>
              <Link href={`/catalog/interfaces/${f.interface.id}`} className="hover:underline">
                {f.interface.name}
              </Link>
            </TableCell>
            <TableCell>
              <Link href={`/catalog/systems/${f.producerSystem.id}`} className="hover:underline">
                {f.producerSystem.name}
              </Link>
            </TableCell>
            <TableCell>
              <Link href={`/catalog/systems/${f.consumerSystem.id}`} className="hover:underline">
                {f.consumerSystem.name}
              </Link>
            </TableCell>
            <TableCell>
              <Badge variant="outline">{label("IntegrationStyle", f.style)}</Badge>
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
