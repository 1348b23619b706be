import { Boxes } from "lucide-react";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { pageCtx } from "@/lib/auth/session";
import { listInterfacePage } from "@/lib/catalog/summary";

export const metadata = { title: "Catalog · Interchange" };

const PAGE_SIZE = 50;

export default async function CatalogPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const ctx = await pageCtx();
  const page = Math.max(1, Number.parseInt((await searchParams).page ?? "1", 10) || 1);
  const { rows, total } = await listInterfacePage(ctx, page, PAGE_SIZE);
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="grid gap-6">
      <PageHeader title="Catalog" description={`Every API and event flow in the estate: ${total.toLocaleString("en")} interfaces.`} />
      {total === 0 ? (
        <EmptyState icon={Boxes} title="The catalog is empty" description="Interfaces appear here when specs are imported or declared." />
      ) : (
        <>
          <Table>
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
              {rows.map((row) => (
                <TableRow key={row.id}>
                  <TableCell className="font-medium">{row.name}</TableCell>
                  <TableCell>{row.system}</TableCell>
                  <TableCell className="text-muted-foreground">{row.domain ?? "—"}</TableCell>
                  <TableCell className="text-muted-foreground">{row.owner ?? "Unowned"}</TableCell>
                  <TableCell>
                    <Badge variant="secondary">{row.protocol}</Badge>
                  </TableCell>
                  <TableCell>
                    <Badge variant={row.lifecycle === "ACTIVE" ? "outline" : "secondary"}>{row.lifecycle.toLowerCase()}</Badge>
                  </TableCell>
                  <TableCell className="text-right tabular-nums">{row.consumers}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
          <nav className="flex items-center justify-between text-sm text-muted-foreground" aria-label="Pagination">
            <span>
              Page {page} of {pages}
            </span>
            <span className="flex gap-2">
              {page > 1 ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/catalog?page=${page - 1}`}>Previous</Link>
                </Button>
              ) : null}
              {page < pages ? (
                <Button asChild variant="outline" size="sm">
                  <Link href={`/catalog?page=${page + 1}`}>Next</Link>
                </Button>
              ) : null}
            </span>
          </nav>
        </>
      )}
    </div>
  );
}
