import { FileCheck2, Inbox, Plus } from "lucide-react";
import type { Metadata } from "next";
import Link from "next/link";
import { ContractTable } from "@/components/contracts/contract-table";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { listContracts } from "@/lib/contracts/data";
import { CONTRACT_STATUSES, ContractListQuery } from "@/lib/contracts/schemas";
import { cn } from "@/lib/utils/cn";
import { label } from "@/lib/utils/labels";

export const metadata: Metadata = { title: "Contracts" };

type Params = Record<string, string | string[] | undefined>;

export default async function ContractsPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = await pageCtx();
  const raw = await searchParams;
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const parsed = ContractListQuery.safeParse({ status: first(raw.status) || undefined, q: first(raw.q) || undefined });
  const query = parsed.success ? parsed.data : {};
  const result = await listContracts(ctx, query);
  const total = Object.values(result.counts).reduce((a, b) => a + b, 0);
  const href = (status?: string) => {
    const params = new URLSearchParams();
    if (status) params.set("status", status);
    if (query.q) params.set("q", query.q);
    const s = params.toString();
    return s ? `/contracts?${s}` : "/contracts";
  };
  return (
    <>
      <PageHeader
        title="Contracts"
        description="Versioned data contracts for each interface: schema, SLA, error handling and classification, changed only through producer and consumer approval."
        actions={
          <div className="flex gap-2">
            <Button asChild variant="outline">
              <Link href="/contracts/inbox">
                <Inbox aria-hidden="true" /> Review inbox
              </Link>
            </Button>
            <Button asChild>
              <Link href="/contracts/new">
                <Plus aria-hidden="true" /> Propose a contract
              </Link>
            </Button>
          </div>
        }
      />
      <nav aria-label="Filter by status" className="flex flex-wrap gap-1.5">
        {[undefined, ...CONTRACT_STATUSES].map((status) => {
          const current = (query.status ?? undefined) === status;
          const count = status ? result.counts[status] : total;
          return (
            <Link
              key={status ?? "all"}
              href={href(status)}
              aria-current={current ? "page" : undefined}
              className={cn(
                "rounded-md border px-2.5 py-1 text-sm",
                current ? "border-primary bg-primary text-primary-foreground" : "hover:bg-accent hover:text-accent-foreground",
              )}
            >
              {status ? label("ContractStatus", status) : "All"} <span className="tabular-nums">({count})</span>
            </Link>
          );
        })}
      </nav>
      <form action="/contracts" className="flex max-w-md gap-2" role="search">
        {query.status ? <input type="hidden" name="status" value={query.status} /> : null}
        <label htmlFor="contract-q" className="sr-only">
          Interface name
        </label>
        <input
          id="contract-q"
          name="q"
          defaultValue={query.q ?? ""}
          placeholder="Filter by interface name"
          className="h-9 flex-1 rounded-md border bg-transparent px-3 text-sm"
        />
        <Button type="submit" variant="outline">
          Filter
        </Button>
      </form>
      {result.items.length === 0 ? (
        <EmptyState
          icon={FileCheck2}
          title={total === 0 ? "No data contracts yet" : "No contracts match"}
          description={
            total === 0
              ? "A contract appears here when the team that owns an interface proposes one. Each version moves from draft through review by its consumers (and compliance, for personal or confidential data) before it becomes active."
              : "Choose another status or clear the filter."
          }
          action={
            <Button asChild variant="outline" size="sm">
              <Link href="/catalog">Find an interface in the catalog</Link>
            </Button>
          }
        />
      ) : (
        <ContractTable items={result.items} caption="Contract versions" />
      )}
    </>
  );
}
