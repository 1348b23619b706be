import Link from "next/link";
import { Tags } from "lucide-react";
import { forbidden } from "next/navigation";
import { RunSuggestionsButton } from "@/components/compliance/run-suggestions-button";
import { SuggestionsReview } from "@/components/compliance/suggestions-review";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/can";
import { pageCtx } from "@/lib/auth/session";
import { listSuggestions } from "@/lib/compliance/classification";
import { SuggestionsQuery, SUGGESTION_STATUSES } from "@/lib/compliance/schemas";
import { cn } from "@/lib/utils/cn";
import { label } from "@/lib/utils/labels";

export const metadata = { title: "Classification suggestions · Interchange" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function SuggestionsPage({ searchParams }: { searchParams: SearchParams }) {
  const ctx = await pageCtx();
  if (!can(ctx, "compliance.read")) forbidden();
  const raw = Object.fromEntries(Object.entries(await searchParams).filter(([, v]) => typeof v === "string" && v !== "")) as Record<string, string>;
  const parsed = SuggestionsQuery.safeParse(raw);
  const query = parsed.success ? parsed.data : SuggestionsQuery.parse({});
  const { items, total, rules } = await listSuggestions(ctx, query);
  const href = (over: Record<string, string | undefined>) => {
    const params = new URLSearchParams(Object.entries({ status: query.status, rule: query.rule, ...over }).filter((e): e is [string, string] => !!e[1]));
    return `/compliance/suggestions?${params}`;
  };
  const chip = (active: boolean) => cn("rounded-md border px-2 py-1 hover:bg-accent", active && "bg-accent font-medium");

  return (
    <div className="grid gap-6">
      <PageHeader
        eyebrow={<Link href="/compliance" className="hover:underline">Compliance</Link>}
        title="Classification suggestions"
        description="Suggested from field names (whole words, never substrings) and example values. Each names its rule, the matched words and a confidence; nothing counts as classified until an officer confirms it."
        actions={can(ctx, "compliance.manage") ? <RunSuggestionsButton /> : null}
      />
      <nav aria-label="Filter by status" className="flex flex-wrap gap-2 text-sm">
        {SUGGESTION_STATUSES.map((status) => (
          <Link key={status} href={href({ status, rule: undefined })} aria-current={query.status === status ? "page" : undefined} className={chip(query.status === status)}>
            {label("SuggestionStatus", status)}
          </Link>
        ))}
      </nav>
      {rules.length > 0 ? (
        <nav aria-label="Filter by rule" className="flex flex-wrap gap-2 text-xs">
          <Link href={href({ rule: undefined })} aria-current={!query.rule ? "page" : undefined} className={chip(!query.rule)}>
            All rules
          </Link>
          {rules.map((r) => (
            <Link key={r.rule} href={href({ rule: r.rule })} aria-current={query.rule === r.rule ? "page" : undefined} className={chip(query.rule === r.rule)}>
              {r.rule} ({r.count})
            </Link>
          ))}
        </nav>
      ) : null}
      {items.length === 0 ? (
        <EmptyState icon={Tags} title="Nothing here" description="No field matches this filter." />
      ) : (
        <>
          <SuggestionsReview items={items} canDecide={query.status === "SUGGESTED" && can(ctx, "compliance.manage")} />
          {total > items.length ? (
            <p className="text-sm text-muted-foreground">
              Showing {items.length} of {total}, most confident first.{" "}
              <Link className="hover:underline" href={href({ offset: String(query.offset + query.limit) })}>
                Next page
              </Link>
            </p>
          ) : null}
        </>
      )}
    </div>
  );
}
