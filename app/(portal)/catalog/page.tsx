import { Boxes, Upload } from "lucide-react";
import Link from "next/link";
import { FacetPanel } from "@/components/catalog/facet-panel";
import { InterfaceTable } from "@/components/catalog/interface-table";
import { SearchBar } from "@/components/catalog/search-bar";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { pageCtx } from "@/lib/auth/session";
import { FACETS, SearchInterfacesQuery } from "@/lib/catalog/schemas";
import { searchInterfaces } from "@/lib/catalog/search";
import { countOf } from "@/lib/utils/format";

export const metadata = { title: "Catalog · Interchange" };

type Params = Record<string, string | string[] | undefined>;
const KEYS = ["q", "sort", "cursor", "limit", ...FACETS] as const;

/** The URL's search state; a parameter that does not validate (a stale cursor, a typo) is dropped, not fatal. */
function searchState(raw: Params): Record<string, string> {
  const state: Record<string, string> = {};
  for (const key of KEYS) {
    const value = Array.isArray(raw[key]) ? raw[key][0] : raw[key];
    if (value && SearchInterfacesQuery.shape[key].safeParse(value).success) state[key] = value;
  }
  return state;
}

export default async function CatalogPage({ searchParams }: { searchParams: Promise<Params> }) {
  const ctx = await pageCtx();
  const state = searchState(await searchParams);
  const result = await searchInterfaces(ctx, state).catch((error: unknown) => {
    // A cursor from another sort or an older search: start again from the first page.
    if (state.cursor && (error as { code?: string }).code === "VALIDATION") return searchInterfaces(ctx, { ...state, cursor: undefined });
    throw error;
  });
  const withCursor = (cursor: string | null) => {
    const next = new URLSearchParams({ ...state });
    if (cursor) next.set("cursor", cursor);
    else next.delete("cursor");
    return `/catalog?${next.toString()}`;
  };
  const filtered = Object.keys(state).some((k) => k !== "sort" && k !== "limit");
  return (
    <div className="grid gap-6">
      <PageHeader
        title="Catalog"
        description="Every API and event flow in the estate. Search names, operations, channels, messages and fields; narrow with the filters."
        actions={
          <Button asChild variant="outline">
            <Link href="/catalog/import">
              <Upload aria-hidden="true" /> Import specs
            </Link>
          </Button>
        }
      />
      <SearchBar />
      <div className="grid gap-6 md:grid-cols-[14rem_1fr]">
        <FacetPanel facets={result.facets} estimated={result.estimated.facets} />
        <section aria-label="Results" className="grid content-start gap-3">
          <p className="text-sm text-muted-foreground" role="status">
            {result.estimated.total ? "About " : ""}
            {countOf(result.total, "interface")}
            {state.cursor ? " (continued)" : ""}
          </p>
          {result.items.length === 0 ? (
            <EmptyState
              icon={Boxes}
              title={filtered ? "No interfaces match" : "The catalog is empty"}
              description={filtered ? "Try fewer words or clear some filters." : "Interfaces appear here when specs are imported or declared."}
            />
          ) : (
            <InterfaceTable items={result.items} caption="Search results" />
          )}
          <nav className="flex items-center justify-end gap-2" aria-label="Pagination">
            {state.cursor ? (
              <Button asChild variant="outline" size="sm">
                <Link href={withCursor(null)}>First page</Link>
              </Button>
            ) : null}
            {result.nextCursor ? (
              <Button asChild variant="outline" size="sm">
                <Link href={withCursor(result.nextCursor)}>Next page</Link>
              </Button>
            ) : null}
          </nav>
        </section>
      </div>
    </div>
  );
}
