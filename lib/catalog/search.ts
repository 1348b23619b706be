import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { decodeCursor, encodeCursor } from "./cursor";
import { interfaceSummaries } from "./summaries";
import { FACETS, NONE, SearchInterfacesQuery, type FacetCounts, type FacetName, type InterfaceSearchResult, type SearchInterfacesInput } from "./schemas";

const sql = Prisma.sql;

/** `%`, `_` and `\` are LIKE wildcards; a user typing them means the characters themselves. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One row per interface the query text matches, with each facet's value resolved (domain and owner fall back
 * to the system's; classification is the highest of its contracts and fields, since the strictest data an
 * interface carries is what governs it). The full-text, substring and trigram tests each use a GIN index.
 */
function scopedRows(q: string | undefined, sortKey: Prisma.Sql) {
  const rank = q
    ? sql`(ts_rank(to_tsvector('simple', i.search_text), websearch_to_tsquery('simple', ${q}))::float8
          + similarity(lower(i.name), lower(${q}))::float8 * 2
          + CASE WHEN lower(i.name) = lower(${q}) THEN 3 WHEN lower(i.name) LIKE ${likeEscape(q.toLowerCase()) + "%"} THEN 1 ELSE 0 END)`
    : sql`0::float8`;
  const match = q
    ? sql`AND (to_tsvector('simple', i.search_text) @@ websearch_to_tsquery('simple', ${q})
              OR lower(i.name) LIKE ${"%" + likeEscape(q.toLowerCase()) + "%"}
              OR lower(i.name) % lower(${q}))`
    : Prisma.empty;
  return sql`
    SELECT i.id, coalesce(i.domain_id, s.domain_id) AS domain_id, coalesce(i.owner_team_id, s.owner_team_id) AS owner_team_id,
           i.kind::text AS kind, i.protocol::text AS protocol, i.style::text AS style, i.lifecycle::text AS lifecycle,
           coalesce(greatest(
             (SELECT max(dc.classification) FROM data_contract dc WHERE dc.interface_id = i.id),
             (SELECT max(f.classification) FROM interface_field f WHERE f.interface_id = i.id)
           )::text, 'UNCLASSIFIED') AS classification,
           ${rank} AS rank, ${sortKey} AS sort_key
    FROM interface i JOIN system s ON s.id = i.system_id
    WHERE TRUE ${match}`;
}

type Filters = Partial<Record<FacetName, string[]>>;

/** A parameterized condition for one facet's selected values (none selected: no condition). */
function facetCondition(facet: FacetName, values: string[] | undefined): Prisma.Sql | null {
  if (!values?.length) return null;
  const column = Prisma.raw(facet === "domain" ? "domain_id" : facet === "ownerTeam" ? "owner_team_id" : facet);
  if (facet === "domain" || facet === "ownerTeam") {
    const ids = values.filter((v) => v !== NONE);
    const parts = [
      ...(ids.length ? [sql`${column}::text IN (${Prisma.join(ids)})`] : []),
      ...(values.includes(NONE) ? [sql`${column} IS NULL`] : []),
    ];
    return sql`(${Prisma.join(parts, " OR ")})`;
  }
  return sql`${column} IN (${Prisma.join(values)})`;
}

function whereAll(filters: Filters, except?: FacetName): Prisma.Sql {
  const conditions = FACETS.filter((f) => f !== except)
    .map((f) => facetCondition(f, filters[f]))
    .filter((c): c is Prisma.Sql => c !== null);
  return conditions.length ? sql`WHERE ${Prisma.join(conditions, " AND ")}` : sql`WHERE TRUE`;
}

const FACET_COLUMN: Record<FacetName, string> = {
  domain: "domain_id::text",
  ownerTeam: "owner_team_id::text",
  kind: "kind",
  protocol: "protocol",
  style: "style",
  lifecycle: "lifecycle",
  classification: "classification",
};

type SortSpec = { key: Prisma.Sql; direction: "ASC" | "DESC"; cast: string };
function sortSpec(sort: string, hasQuery: boolean): SortSpec {
  if (sort === "relevance" && hasQuery) return { key: sql`0`, direction: "DESC", cast: "float8" }; // key is the rank itself
  if (sort === "updated") return { key: sql`i.updated_at`, direction: "DESC", cast: "timestamptz" };
  if (sort === "consumers") return { key: sql`(SELECT count(*) FROM flow fl WHERE fl.interface_id = i.id)::float8`, direction: "DESC", cast: "float8" };
  return { key: sql`lower(i.name)`, direction: "ASC", cast: "text" };
}

type ItemRow = { id: string; classification: string; sort_key: string | number | Date };

/** Full-text search over the catalog with facets, sort and keyset pagination. */
export async function searchInterfaces(ctx: Ctx, input: SearchInterfacesInput): Promise<InterfaceSearchResult> {
  requirePermission(ctx, "catalog.read");
  const query = SearchInterfacesQuery.parse(input);
  const q = query.q || undefined;
  const filters: Filters = Object.fromEntries(FACETS.map((f) => [f, query[f]]));
  const spec = sortSpec(query.sort, Boolean(q));
  const byRank = query.sort === "relevance" && Boolean(q);
  const scoped = scopedRows(q, spec.key);
  const keyColumn = Prisma.raw(byRank ? "rank" : "sort_key");
  const cmp = Prisma.raw(spec.direction === "ASC" ? ">" : "<");
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const keyset = cursor
    ? sql`AND (${keyColumn} ${cmp} CAST(${cursor.key} AS ${Prisma.raw(spec.cast)})
              OR (${keyColumn} = CAST(${cursor.key} AS ${Prisma.raw(spec.cast)}) AND id > ${cursor.id}::uuid))`
    : Prisma.empty;
  const where = whereAll(filters);

  const items = await db().$queryRaw<ItemRow[]>`
    WITH scoped AS MATERIALIZED (${scoped})
    SELECT id, classification, ${keyColumn} AS sort_key FROM scoped ${where} ${keyset}
    ORDER BY ${keyColumn} ${Prisma.raw(spec.direction)}, id ASC LIMIT ${query.limit + 1}`;
  const facetSelects = FACETS.map(
    (f) => sql`SELECT ${f} AS facet, ${Prisma.raw(FACET_COLUMN[f])} AS value, count(*)::int AS count FROM scoped ${whereAll(filters, f)} GROUP BY 2`,
  );
  const facetRows = await db().$queryRaw<{ facet: string; value: string | null; count: number }[]>`
    WITH scoped AS MATERIALIZED (${scopedRows(q, sql`NULL`)})
    ${Prisma.join(facetSelects, " UNION ALL ")}
    UNION ALL SELECT 'total', NULL, count(*)::int FROM scoped ${where}`;

  const page = items.slice(0, query.limit);
  const last = items.length > query.limit ? page[page.length - 1] : undefined;
  const nextCursor = last
    ? encodeCursor({ sort: query.sort, key: last.sort_key instanceof Date ? last.sort_key.toISOString() : last.sort_key, id: last.id })
    : null;
  const summaries = await interfaceSummaries(page.map((r) => r.id), new Map(page.map((r) => [r.id, r.classification])));
  return {
    items: summaries,
    facets: await labelFacets(facetRows),
    nextCursor,
    total: facetRows.find((r) => r.facet === "total")?.count ?? 0,
  };
}

/** Facet rows turned into { value, label, count }, domains and teams named, largest first. */
async function labelFacets(rows: { facet: string; value: string | null; count: number }[]): Promise<FacetCounts> {
  const idsOf = (facet: string) => rows.filter((r) => r.facet === facet && r.value).map((r) => r.value as string);
  const [domains, teams] = await Promise.all([
    db().domain.findMany({ where: { id: { in: idsOf("domain") } }, select: { id: true, name: true } }),
    db().team.findMany({ where: { id: { in: idsOf("ownerTeam") } }, select: { id: true, name: true } }),
  ]);
  const names = new Map([...domains, ...teams].map((x) => [x.id, x.name]));
  const facets = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as FacetCounts;
  for (const row of rows) {
    if (row.facet === "total") continue;
    const facet = row.facet as FacetName;
    const value = row.value ?? NONE;
    const label = row.value === null ? (facet === "domain" ? "No domain" : "No owner") : (names.get(value) ?? value);
    facets[facet].push({ value, label, count: row.count });
  }
  for (const f of FACETS) facets[f].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return facets;
}
