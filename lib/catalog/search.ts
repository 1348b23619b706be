import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { decodeCursor, encodeCursor } from "./cursor";
import { interfaceSummaries } from "./summaries";
import { FACETS, NONE, SearchInterfacesQuery, UNCLASSIFIED, type FacetCounts, type FacetName, type InterfaceSearchResult, type SearchInterfacesInput } from "./schemas";

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
  const rank = q
    ? sql`(ts_rank(i.search_vector, websearch_to_tsquery('simple', ${q}))::float8
          + similarity(lower(i.name), lower(${q}))::float8 * 2
          + CASE WHEN lower(i.name) = lower(${q}) THEN 3 WHEN lower(i.name) LIKE ${likeEscape(q.toLowerCase()) + "%"} THEN 1 ELSE 0 END)`
    : sql`0::float8`;
  const match = q
    ? sql`AND (i.search_vector @@ websearch_to_tsquery('simple', ${q})
              OR lower(i.name) LIKE ${"%" + likeEscape(q.toLowerCase()) + "%"}
              OR lower(i.name) % lower(${q}))`
    : Prisma.empty;
  const sortKey =
    sort === "updated" ? sql`i.updated_at` : sort === "consumers" ? sql`coalesce(fl.n, 0)::float8` : sql`lower(i.name)`;
  const consumers =
    sort === "consumers" ? sql`LEFT JOIN (SELECT interface_id, count(*) AS n FROM flow GROUP BY interface_id) fl ON fl.interface_id = i.id` : Prisma.empty;
  return sql`
    SELECT i.id, coalesce(i.domain_id, s.domain_id) AS domain_id, coalesce(i.owner_team_id, s.owner_team_id) AS owner_team_id,
           i.kind::text AS kind, i.protocol::text AS protocol, i.style::text AS style, i.lifecycle::text AS lifecycle,
           coalesce(greatest(dc.c, fc.c)::text, ${UNCLASSIFIED}) AS classification,
           ${rank} AS rank, ${sortKey} AS sort_key
    FROM interface i JOIN system s ON s.id = i.system_id
    LEFT JOIN (SELECT interface_id, max(classification) AS c FROM data_contract GROUP BY interface_id) dc ON dc.interface_id = i.id
    LEFT JOIN (SELECT interface_id, max(classification) AS c FROM interface_field WHERE classification IS NOT NULL GROUP BY interface_id) fc
      ON fc.interface_id = i.id
    ${consumers}
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

const SORT_DIRECTION: Record<string, "ASC" | "DESC"> = { relevance: "DESC", name: "ASC", updated: "DESC", consumers: "DESC" };
const SORT_CAST: Record<string, string> = { relevance: "float8", name: "text", updated: "timestamptz", consumers: "float8" };

type FacetRow = { facet: string; value: string | null; count: number };
type SearchRow = { items: { id: string; classification: string; sort_key: string | number }[] | null; facets: FacetRow[] };

/** Full-text search over the catalog with facets, sort and keyset pagination, in one statement. */
export async function searchInterfaces(ctx: Ctx, input: SearchInterfacesInput): Promise<InterfaceSearchResult> {
  requirePermission(ctx, "catalog.read");
  const query = SearchInterfacesQuery.parse(input);
  const q = query.q || undefined;
  const filters: Filters = Object.fromEntries(FACETS.map((f) => [f, query[f]]));
  // Relevance means nothing without query text; name order is the useful default then.
  const sort = query.sort === "relevance" && !q ? "name" : query.sort;
  const keyColumn = Prisma.raw(sort === "relevance" ? "rank" : "sort_key");
  const direction = Prisma.raw(SORT_DIRECTION[sort]);
  const cast = Prisma.raw(SORT_CAST[sort]);
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const keyset = cursor
    ? sql`AND (${keyColumn} ${Prisma.raw(SORT_DIRECTION[sort] === "ASC" ? ">" : "<")} CAST(${cursor.key} AS ${cast})
              OR (${keyColumn} = CAST(${cursor.key} AS ${cast}) AND id > ${cursor.id}::uuid))`
    : Prisma.empty;
  const facetSelects = FACETS.map(
    (f) => sql`SELECT ${f} AS facet, ${Prisma.raw(FACET_COLUMN[f])} AS value, count(*)::int AS count FROM scoped ${whereAll(filters, f)} GROUP BY 2`,
  );
  const [row] = await db().$queryRaw<SearchRow[]>`
    WITH scoped AS MATERIALIZED (${scopedRows(q, sort)}),
    page AS (
      SELECT id, classification, ${keyColumn} AS sort_key, row_number() OVER (ORDER BY ${keyColumn} ${direction}, id) AS pos
      FROM scoped ${whereAll(filters)} ${keyset}
      ORDER BY ${keyColumn} ${direction}, id LIMIT ${query.limit + 1}),
    facets AS (${Prisma.join(facetSelects, " UNION ALL ")} UNION ALL SELECT 'total', NULL, count(*)::int FROM scoped ${whereAll(filters)})
    SELECT (SELECT json_agg(json_build_object('id', id, 'classification', classification, 'sort_key', sort_key) ORDER BY pos) FROM page) AS items,
           (SELECT json_agg(facets) FROM facets) AS facets`;

  const items = row.items ?? [];
  const page = items.slice(0, query.limit);
  const last = items.length > query.limit ? page[page.length - 1] : undefined;
  const nextCursor = last ? encodeCursor({ sort: query.sort, key: last.sort_key, id: last.id }) : null;
  return {
    items: await interfaceSummaries(page.map((r) => r.id), new Map(page.map((r) => [r.id, r.classification]))),
    facets: await labelFacets(row.facets),
    nextCursor,
    total: row.facets.find((r) => r.facet === "total")?.count ?? 0,
  };
}

/** Facet rows turned into { value, label, count }, domains and teams named, largest first. */
async function labelFacets(rows: FacetRow[]): Promise<FacetCounts> {
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
