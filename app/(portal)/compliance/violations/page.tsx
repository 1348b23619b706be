import Link from "next/link";
import { ShieldCheck } from "lucide-react";
import { ViolationsTable } from "@/components/compliance/violations-table";
import { cn } from "@/lib/utils/cn";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { POLICY_DEFINITIONS, POLICY_KEYS } from "@/lib/compliance/policies";
import { ViolationsQuery } from "@/lib/compliance/schemas";
import { listViolations } from "@/lib/compliance/violations";

export const metadata = { title: "Policy violations · Interchange" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** Compliance readers see every violation; other people see those their own teams are asked to fix. */
export default async function ViolationsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageCtx();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = ViolationsQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : ViolationsQuery.parse({});
  const { items, total } = await listViolations(ctx, query);
  const everything = can(ctx, "compliance.read");

  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={everything ? <Link href="/compliance" className="hover:underline">Compliance</Link> : undefined}
        title="Policy violations"
        description={everything ? `${total} open, re-evaluated with every change to a flow, system, interface, classification or policy.` : `${total} open for your teams.`}
      />
      <nav aria-label="Filter by policy" className="flex flex-wrap gap-2 text-sm">
        {[undefined, ...POLICY_KEYS].map((key) => (
          <Link
            key={key ?? "all"}
            href={key ? `/compliance/violations?policy=${key}` : "/compliance/violations"}
            aria-current={query.policy === key ? "page" : undefined}
            className={cn("rounded-md border px-2 py-1 hover:bg-accent", query.policy === key && "bg-accent font-medium")}
          >
            {key ? POLICY_DEFINITIONS[key].title : "All policies"}
          </Link>
        ))}
      </nav>
      {items.length === 0 ? (
        <EmptyState icon={ShieldCheck} title="No open violations" description="Nothing in scope breaks an enabled policy right now." />
      ) : (
        <ViolationsTable items={items} caption="Open policy violations" />
      )}
    </div>
  );
}
