// The catalog search as it was before the maintained aggregates (commit 24e9c4b), kept as the bench's peer: it
// reads every match and computes facets over all of them on each request. Only bench/search.ts uses it.
import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { decodeCursor, encodeCursor } from "@/lib/catalog/cursor";
import { FACETS, NONE, SearchInterfacesQuery, UNCLASSIFIED, type FacetCounts, type FacetName, type InterfaceSearchResult, type InterfaceSummary, type SearchInterfacesInput } from "@/lib/catalog/schemas";

const sql = Prisma.sql;

/** `%`, `_` and `\` are LIKE wildcards; a user typing them means the characters themselves. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * One row per interface the query text matches, with each facet's value resolved (domain and owner fall back
 * to the system's; classification is the highest of its contracts and fields, since the strictest data an
 * interface carries is what governs it). Full-text, substring and trigram tests each have a GIN index; the
 * aggregates are joined once rather than looked up per row, which keeps a 10,000-row scan in milliseconds.
 */
function scopedRows(q: string | undefined, sort: string) {
  // Only the relevance sort needs a rank. Names containing the words come first (closer names higher), then
  // full-text matches by ts_rank, then fuzzy name matches. Trigram similarity is the costly part (several
  // microseconds a row), so it is computed only for the rows whose name it can tell apart.
  const contains = q ? "%" + likeEscape(q.toLowerCase()) + "%" : "";
  const rank =
    q && sort === "relevance"
      ? sql`(CASE
            WHEN lower(i.name) LIKE ${contains} THEN 2 + similarity(lower(i.name), lower(${q})) * 2
              + CASE WHEN lower(i.name) = lower(${q}) THEN 3 WHEN lower(i.name) LIKE ${likeEscape(q.toLowerCase()) + "%"} THEN 1 ELSE 0 END
            WHEN i.search_vector @@ websearch_to_tsquery('simple', ${q}) THEN ts_rank(i.search_vector, websearch_to_tsquery('simple', ${q}))
            ELSE similarity(lower(i.name), lower(${q})) END)::float8`
      : sql`0::float8`;
  const match = q
    ? sql`AND (i.search_vector @@ websearch_to_tsquery('simple', ${q})
              OR lower(i.name) LIKE ${contains}
              OR lower(i.name) % lower(${q}))`
    : Prisma.empty;
  // Bytewise ("C") order on the lowercased name: several times faster to sort than the locale's collation.
  const sortKey =
    sort === "updated" ? sql`i.updated_at` : sort === "consumers" ? sql`coalesce(fl.n, 0)::float8` : sql`lower(i.name) COLLATE "C"`;
  const consumers =
    sort === "consumers" ? sql`LEFT JOIN (SELECT interface_id, count(*) AS n FROM flow GROUP BY interface_id) fl ON fl.interface_id = i.id` : Prisma.empty;
  return sql`
    SELECT i.id, coalesce(i.domain_id, s.domain_id) AS domain_id, coalesce(i.owner_team_id, s.owner_team_id) AS owner_team_id,
           i.kind, i.protocol, i.style, i.lifecycle, greatest(dc.c, fc.c) AS classification,
           ${rank} AS rank, ${sortKey} AS sort_key
    FROM interface i JOIN system s ON s.id = i.system_id
    LEFT JOIN (SELECT interface_id, max(classification) AS c FROM data_contract GROUP BY interface_id) dc ON dc.interface_id = i.id
    LEFT JOIN (SELECT interface_id, max(classification) AS c FROM interface_field WHERE classification IS NOT NULL GROUP BY interface_id) fc
      ON fc.interface_id = i.id
    ${consumers}
    WHERE TRUE ${match}`;
}

type Filters = Partial<Record<FacetName, string[]>>;

// Facet columns stay enums and uuids in the scan (grouping and comparing those is much cheaper than text);
// selected values are cast to the column's type. Type names come from this fixed map, never from input.
const ENUM_TYPE: Partial<Record<FacetName, string>> = {
  kind: '"InterfaceKind"',
  protocol: '"Protocol"',
  style: '"IntegrationStyle"',
  lifecycle: '"Lifecycle"',
  classification: '"Classification"',
};
const COLUMN: Record<FacetName, string> = {
  domain: "domain_id",
  ownerTeam: "owner_team_id",
  kind: "kind",
  protocol: "protocol",
  style: "style",
  lifecycle: "lifecycle",
  classification: "classification",
};

/** A parameterized condition for one facet's selected values (none selected: no condition). */
function facetCondition(facet: FacetName, values: string[] | undefined): Prisma.Sql | null {
  if (!values?.length) return null;
  const column = Prisma.raw(COLUMN[facet]);
  const type = Prisma.raw(ENUM_TYPE[facet] ?? "uuid");
  const empty = facet === "classification" ? UNCLASSIFIED : NONE;
  const given = values.filter((v) => v !== empty);
  const parts = [
    ...(given.length ? [sql`${column} IN (${Prisma.join(given.map((v) => sql`CAST(${v} AS ${type})`))})`] : []),
    ...(values.includes(empty) ? [sql`${column} IS NULL`] : []),
  ];
  return sql`(${Prisma.join(parts, " OR ")})`;
}

function whereAll(filters: Filters, except?: FacetName): Prisma.Sql {
  const conditions = FACETS.filter((f) => f !== except)
    .map((f) => facetCondition(f, filters[f]))
    .filter((c): c is Prisma.Sql => c !== null);
  return conditions.length ? sql`WHERE ${Prisma.join(conditions, " AND ")}` : sql`WHERE TRUE`;
}

const SORT_DIRECTION: Record<string, "ASC" | "DESC"> = { relevance: "DESC", name: "ASC", updated: "DESC", consumers: "DESC" };
const SORT_CAST: Record<string, string> = { relevance: "float8", updated: "timestamptz", consumers: "float8" };
/** The cursor's key as a parameter of the sort column's type (and, for names, its collation). */
const typedKey = (sort: string, key: string | number) =>
  sort === "name" ? sql`(CAST(${key} AS text) COLLATE "C")` : sql`CAST(${key} AS ${Prisma.raw(SORT_CAST[sort])})`;

/**
 * Facet counts: each facet counts over the rows every other facet's filter selects. Facets without a filter of
 * their own all see the same rows, so one GROUPING SETS pass counts them all, with the total (the empty set);
 * each facet that has a selection needs its own pass.
 */
function facetQueries(filters: Filters): Prisma.Sql {
  const selected = FACETS.filter((f) => filters[f]?.length);
  const shared = FACETS.filter((f) => !filters[f]?.length);
  const col = (f: FacetName) => Prisma.raw(COLUMN[f]);
  const facetName = Prisma.join(shared.map((f) => sql`WHEN GROUPING(${col(f)}) = 0 THEN ${f}`), " ");
  const value = Prisma.join([...shared.map((f) => sql`CASE WHEN GROUPING(${col(f)}) = 0 THEN ${col(f)}::text END`), sql`NULL`], ", ");
  const sets = Prisma.join([...shared.map((f) => sql`(${col(f)})`), sql`()`], ", ");
  const parts = [
    shared.length
      ? sql`SELECT CASE ${facetName} ELSE 'total' END AS facet, coalesce(${value}) AS value, count(*)::int AS count
            FROM scoped ${whereAll(filters)} GROUP BY GROUPING SETS (${sets})`
      : sql`SELECT 'total' AS facet, NULL AS value, count(*)::int AS count FROM scoped ${whereAll(filters)}`,
    ...selected.map((f) => sql`SELECT ${f}, ${col(f)}::text, count(*)::int FROM scoped ${whereAll(filters, f)} GROUP BY ${col(f)}`),
  ];
  return Prisma.join(parts, " UNION ALL ");
}

type FacetRow = { facet: string; value: string | null; count: number; name: string | null };
type PageRow = { item: InterfaceSummary; sort_key: string | number };
type SearchRow = { items: PageRow[] | null; facets: FacetRow[] };

/** The page's rows as InterfaceSummary JSON, built in the same statement so a search is one round trip. */
const PAGE_ITEMS = sql`
  SELECT json_agg(json_build_object('sort_key', p.sort_key, 'item', json_build_object(
    'id', i.id, 'name', i.name, 'description', i.description, 'kind', i.kind, 'protocol', i.protocol, 'style', i.style,
    'lifecycle', i.lifecycle, 'sunsetDate', to_char(i.sunset_date, 'YYYY-MM-DD'), 'tags', i.tags,
    'system', json_build_object('id', s.id, 'name', s.name),
    'domain', CASE WHEN d.id IS NOT NULL THEN json_build_object('id', d.id, 'name', d.name) END,
    'ownerTeam', CASE WHEN t.id IS NOT NULL THEN json_build_object('id', t.id, 'name', t.name) END,
    'classification', NULLIF(p.classification, ${UNCLASSIFIED}),
    'consumers', (SELECT count(*) FROM flow f WHERE f.interface_id = i.id),
    'updatedAt', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'))) ORDER BY p.pos)
  FROM page p JOIN interface i ON i.id = p.id JOIN system s ON s.id = i.system_id
  LEFT JOIN domain d ON d.id = coalesce(i.domain_id, s.domain_id)
  LEFT JOIN team t ON t.id = coalesce(i.owner_team_id, s.owner_team_id)`;

/** Full-text search over the catalog with facets, sort and keyset pagination, in one statement. */
export async function searchInterfacesBefore(ctx: Ctx, input: SearchInterfacesInput): Promise<InterfaceSearchResult> {
  requirePermission(ctx, "catalog.read");
  const query = SearchInterfacesQuery.parse(input);
  const q = query.q || undefined;
  const filters: Filters = Object.fromEntries(FACETS.map((f) => [f, query[f]]));
  // Relevance means nothing without query text; name order is the useful default then.
  const sort = query.sort === "relevance" && !q ? "name" : query.sort;
  const keyColumn = Prisma.raw(sort === "relevance" ? "rank" : "sort_key");
  const direction = Prisma.raw(SORT_DIRECTION[sort]);
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const keyset = cursor
    ? sql`AND (${keyColumn} ${Prisma.raw(SORT_DIRECTION[sort] === "ASC" ? ">" : "<")} ${typedKey(sort, cursor.key)}
              OR (${keyColumn} = ${typedKey(sort, cursor.key)} AND id > ${cursor.id}::uuid))`
    : Prisma.empty;
  const facetSql = facetQueries(filters);
  const [row] = await db().$queryRaw<SearchRow[]>`
    WITH scoped AS MATERIALIZED (${scopedRows(q, sort)}),
    page AS (
      SELECT id, coalesce(classification::text, ${UNCLASSIFIED}) AS classification, ${keyColumn} AS sort_key,
             row_number() OVER (ORDER BY ${keyColumn} ${direction}, id) AS pos
      FROM scoped ${whereAll(filters)} ${keyset}
      ORDER BY ${keyColumn} ${direction}, id LIMIT ${query.limit + 1}),
    facets AS (${facetSql})
    SELECT (${PAGE_ITEMS}) AS items,
           (SELECT json_agg(json_build_object('facet', f.facet, 'value', f.value, 'count', f.count, 'name', coalesce(d.name, t.name)))
            FROM facets f LEFT JOIN domain d ON f.facet = 'domain' AND d.id::text = f.value
            LEFT JOIN team t ON f.facet = 'ownerTeam' AND t.id::text = f.value) AS facets`;

  const rows = row.items ?? [];
  const page = rows.slice(0, query.limit);
  const last = rows.length > query.limit ? page[page.length - 1] : undefined;
  const nextCursor = last ? encodeCursor({ sort: query.sort, key: last.sort_key, id: last.item.id }) : null;
  return {
    items: page.map((r) => r.item),
    facets: labelFacets(row.facets),
    nextCursor,
    total: row.facets.find((r) => r.facet === "total")?.count ?? 0,
    estimated: { total: false, facets: false },
  };
}

/** Facet rows turned into { value, label, count }, largest first. */
function labelFacets(rows: FacetRow[]): FacetCounts {
  const facets = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as FacetCounts;
  for (const row of rows) {
    if (row.facet === "total") continue;
    const facet = row.facet as FacetName;
    const value = row.value ?? (facet === "classification" ? UNCLASSIFIED : NONE);
    const label = row.value !== null ? (row.name ?? value) : facet === "domain" ? "No domain" : facet === "ownerTeam" ? "No owner" : "Unclassified";
    facets[facet].push({ value, label, count: row.count });
  }
  for (const f of FACETS) facets[f].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return facets;
}
