import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database, db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { decodeCursor, encodeCursor, type Cursor } from "./cursor";
import { CUBE_COLUMNS, FACET_ROW, INTERFACE_COLUMNS, facetCountsSql, facetFilter, labelFacets, type FacetRow, type Filters } from "./search-facets";
import { FACETS, SearchInterfacesQuery, type InterfaceSearchResult, type InterfaceSummary, type SearchInterfacesInput } from "./schemas";

const sql = Prisma.sql;

/**
 * A statement on the database driver, without the ORM: a search runs three or four, and Prisma's raw-query path
 * costs more per statement than the small ones take in the database.
 */
const run = <T extends Record<string, unknown>>(query: Prisma.Sql) => database().driver.query<T>(query.text, query.values);

/**
 * Up to this many matches, facet counts and the total are exact (counted over the matches); beyond it they are
 * estimated from a fixed sample of about SAMPLE_ROWS interfaces and the result says so. Counting every one of
 * 50,000 matches on each keystroke costs more than the whole search budget.
 */
export const EXACT_COUNT_LIMIT = 2000;
const SAMPLE_ROWS = 2000;
/** Rows this dense in the catalog are found by walking the sort's index; sparser ones are collected and sorted. */
const WALK_DENSITY = 0.1;
/** Rank of an interface found only through its search text (operations, fields, corrected words): below any name match. */
const MENTION_RANK = 0.25;

/** `%`, `_` and `\` are LIKE wildcards; a user typing them means the characters themselves. */
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

type Text = { q: string; nameLike: Prisma.Sql; nameRank: Prisma.Sql; mentions: Prisma.Sql; any: Prisma.Sql };

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words search_term is known to hold, per database: terms are only ever added, so a word found once stays known and
 * a search for it needs no lookup. Bounded; when full it starts again.
 */
const KNOWN_TERMS_MAX = 10_000;
const knownTermsByDatabase = new WeakMap<object, Set<string>>();
function knownTerms(): Set<string> {
  const client = db();
  let known = knownTermsByDatabase.get(client);
  if (!known) knownTermsByDatabase.set(client, (known = new Set()));
  return known;
}
function rememberTerm(known: Set<string>, term: string) {
  if (known.size >= KNOWN_TERMS_MAX) known.clear();
  known.add(term);
}

/**
 * Typo tolerance and partial words in the search text: each query word the catalog does not contain becomes
 * "the word as a prefix, or one of the three closest known words" (trigram distance over the search_term
 * dictionary, a few thousand words). Null when every word is known.
 */
async function expandedQuery(q: string): Promise<string | null> {
  const words = [...new Set(q.toLowerCase().match(WORD) ?? [])].filter((w) => w.length >= 3 && w.length <= 40).slice(0, 8);
  if (words.length === 0) return null;
  const known = knownTerms();
  if (words.every((w) => known.has(w))) return null;
  const rows = await run<{ w: string; known: boolean; near: string[] }>(sql`
    SELECT w, EXISTS (SELECT 1 FROM search_term WHERE term = w) AS known,
           array(SELECT term FROM search_term WHERE term % w ORDER BY term <-> w LIMIT 3) AS near
    FROM unnest(${words}::text[]) AS w`);
  for (const r of rows) if (r.known) rememberTerm(known, r.w);
  if (rows.every((r) => r.known)) return null;
  const alternatives = (r: (typeof rows)[number]) => {
    const near = r.near.filter((t) => t !== r.w && (t.match(WORD) ?? []).join("") === t);
    return r.known ? r.w : `(${[`${r.w}:*`, ...near].join(" | ")})`;
  };
  return words.map((w) => alternatives(rows.find((r) => r.w === w)!)).join(" & ");
}

/** Names containing the text (trigram index), or the search text matching its words (full-text index). */
async function textMatch(q: string): Promise<Text> {
  const escaped = likeEscape(q.toLowerCase());
  const nameLike = sql`lower(i.name) LIKE ${"%" + escaped + "%"}`;
  const expanded = await expandedQuery(q);
  const words = sql`i.search_vector @@ websearch_to_tsquery('simple', ${q})`;
  const mentions = expanded ? sql`(${words} OR i.search_vector @@ to_tsquery('simple', ${expanded}))` : words;
  // Names containing the text first (an exact name, then a prefix, then closer names higher); mentions after.
  const nameRank = sql`(2 + similarity(lower(i.name), lower(${q})) * 2
    + CASE WHEN lower(i.name) = lower(${q}) THEN 3 WHEN lower(i.name) LIKE ${escaped + "%"} THEN 1 ELSE 0 END)::float8`;
  return { q, nameLike, nameRank, mentions, any: sql`(${nameLike} OR ${mentions})` };
}

type Sort = "relevance" | "name" | "updated" | "consumers";
// Each sort walks an index on (key, id) in one direction; the id breaks ties in the same direction.
const SORT_KEY: Record<Exclude<Sort, "relevance">, Prisma.Sql> = {
  name: sql`(lower(i.name) COLLATE "C")`,
  updated: sql`i.updated_at`,
  consumers: sql`i.consumer_count`,
};
const DESCENDING: Record<Sort, boolean> = { relevance: true, name: false, updated: true, consumers: true };
const SORT_CAST: Record<Sort, string> = { relevance: "float8", name: "text", updated: "timestamptz", consumers: "int" };
const typedKey = (sort: Sort, key: string | number) =>
  sort === "name" ? sql`(CAST(${key} AS text) COLLATE "C")` : sql`CAST(${key} AS ${Prisma.raw(SORT_CAST[sort])})`;
/** Rows after the cursor in the sort's order, as a row comparison a btree walks from the cursor on. */
const after = (sort: Sort, key: Prisma.Sql, id: Prisma.Sql, cursor: Cursor | null) =>
  cursor ? sql`AND (${key}, ${id}) ${Prisma.raw(DESCENDING[sort] ? "<" : ">")} (${typedKey(sort, cursor.key)}, ${cursor.id}::uuid)` : Prisma.empty;
const order = (sort: Sort, key: Prisma.Sql, id: Prisma.Sql) => {
  const direction = Prisma.raw(DESCENDING[sort] ? "DESC" : "ASC");
  return sql`ORDER BY ${key} ${direction}, ${id} ${direction}`;
};
const sortKeyOf = (text: Text | null, sort: Sort) =>
  sort === "relevance" && text ? sql`CASE WHEN ${text.nameLike} THEN ${text.nameRank} ELSE ${MENTION_RANK}::float8 END` : SORT_KEY[sort === "relevance" ? "name" : sort];

/**
 * Runs a query over matches the planner would look for with a sequential scan under a LIMIT, betting on finding
 * them early; matches that cluster late in the table make that bet cost a full scan. The indexes bound the work.
 */
async function indexed<T extends Record<string, unknown>>(query: Prisma.Sql): Promise<T[]> {
  // Disabling a plan type inflates the other plans' costs past the JIT threshold: seconds of compiling for nothing.
  return database().driver.transaction(async (tx) => {
    await tx.query(`SELECT set_config('enable_seqscan', 'off', true), set_config('jit', 'off', true)`);
    return tx.query<T>(query.text, query.values);
  });
}

type PageKey = { id: string; sort_key: string | number };
type Hits = { matches: number; interfaces: number; page: PageKey[] | null; facets: FacetRow[] | null };

/**
 * Up to EXACT_COUNT_LIMIT + 1 matching interfaces (those the filters select, when `filtered`), and from them the
 * page and, unless filtered, the facet counts: both right whenever the matches are within the limit.
 */
function hitsSql(text: Text, filters: Filters, filtered: boolean, sort: Sort, cursor: Cursor | null, limit: number): Prisma.Sql {
  const key = sql`h.sort_key`;
  return sql`
    WITH hits AS MATERIALIZED (
      SELECT ${FACET_ROW}, ${sortKeyOf(text, sort)} AS sort_key FROM interface i
      WHERE ${text.any} AND ${filtered ? facetFilter(filters, INTERFACE_COLUMNS) : sql`TRUE`} LIMIT ${EXACT_COUNT_LIMIT + 1}),
    facet_rows AS (${filtered ? sql`SELECT NULL::text AS facet WHERE FALSE` : facetCountsSql(filters, sql`hits`, sql`count(*)`)}),
    page AS (SELECT h.id, h.sort_key FROM hits h WHERE ${facetFilter(filters, CUBE_COLUMNS)} ${after(sort, key, sql`h.id`, cursor)}
             ${order(sort, key, sql`h.id`)} LIMIT ${limit + 1})
    SELECT (SELECT count(*)::int FROM hits) AS matches,
           (SELECT coalesce(sum(count), 0)::int FROM interface_facet_count) AS interfaces,
           (SELECT json_agg(p) FROM page p) AS page,
           (SELECT json_agg(f) FROM facet_rows f) AS facets`;
}

/**
 * The page when matches are many. A walk of the sort's index (by relevance: name matches ranked, then mentions,
 * which rank alike, in primary key order) is short when the rows it looks for are dense (WALK_DENSITY or more of
 * the catalog); sparser ones are collected first (bitmap index scans) and sorted, which costs their number. The
 * planner cannot tell the two apart when the filter correlates with the sort order, so the caller decides from
 * counts it already has.
 */
function densePageSql(text: Text | null, filters: Filters, sort: Sort, cursor: Cursor | null, limit: number, walk: boolean): Prisma.Sql {
  const filter = facetFilter(filters, INTERFACE_COLUMNS);
  const collected = (rows: Prisma.Sql, key: Prisma.Sql) =>
    walk
      ? sql`SELECT * FROM (${rows} ${order(sort, key, sql`i.id`)} LIMIT ${limit + 1}) w`
      : sql`SELECT * FROM (WITH c AS MATERIALIZED (${rows}) SELECT * FROM c ORDER BY sort_key ${Prisma.raw(DESCENDING[sort] ? "DESC" : "ASC")}, id ${Prisma.raw(DESCENDING[sort] ? "DESC" : "ASC")} LIMIT ${limit + 1}) m`;
  if (sort !== "relevance" || !text) {
    const key = SORT_KEY[sort === "relevance" ? "name" : sort];
    return collected(sql`SELECT i.id, ${key} AS sort_key FROM interface i WHERE ${text ? text.any : sql`TRUE`} AND ${filter} ${after(sort, key, sql`i.id`, cursor)}`, key);
  }
  const mentionAfter = !cursor ? Prisma.empty : cursor.key === MENTION_RANK ? sql`AND i.id < ${cursor.id}::uuid` : (cursor.key as number) < MENTION_RANK ? sql`AND FALSE` : Prisma.empty;
  const mentions = collected(sql`SELECT i.id, ${MENTION_RANK}::float8 AS sort_key FROM interface i WHERE ${text.mentions} AND NOT ${text.nameLike} AND ${filter} ${mentionAfter}`, sql`i.id`);
  const key = sql`x.sort_key`;
  return sql`
    SELECT x.id, x.sort_key FROM (
      SELECT i.id, ${text.nameRank} AS sort_key FROM interface i WHERE ${text.nameLike} AND ${filter}
      UNION ALL ${mentions}) x
    WHERE TRUE ${after(sort, key, sql`x.id`, cursor)} ${order(sort, key, sql`x.id`)} LIMIT ${limit + 1}`;
}

type PageRow = { item: InterfaceSummary; sort_key: string | number };

/** The page's rows as InterfaceSummary JSON, in the page's order. */
async function itemsOf(page: PageKey[]): Promise<PageRow[]> {
  if (page.length === 0) return [];
  const [row] = await run<{ items: InterfaceSummary[] | null }>(sql`
    SELECT json_agg(json_build_object(
      'id', i.id, 'name', i.name, 'description', i.description, 'kind', i.kind, 'protocol', i.protocol, 'style', i.style,
      'lifecycle', i.lifecycle, 'sunsetDate', to_char(i.sunset_date, 'YYYY-MM-DD'), 'tags', i.tags,
      'system', json_build_object('id', s.id, 'name', s.name),
      'domain', CASE WHEN d.id IS NOT NULL THEN json_build_object('id', d.id, 'name', d.name) END,
      'ownerTeam', CASE WHEN t.id IS NOT NULL THEN json_build_object('id', t.id, 'name', t.name) END,
      'classification', i.effective_classification,
      'consumers', i.consumer_count,
      'updatedAt', to_char(i.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')) ORDER BY p.pos) AS items
    FROM unnest(${page.map((p) => p.id)}::uuid[]) WITH ORDINALITY AS p(id, pos)
    JOIN interface i ON i.id = p.id JOIN system s ON s.id = i.system_id
    LEFT JOIN domain d ON d.id = i.resolved_domain_id
    LEFT JOIN team t ON t.id = i.resolved_owner_team_id`);
  const byId = new Map((row.items ?? []).map((item) => [item.id, item]));
  // An interface deleted between the two statements drops out of the page rather than failing it.
  return page.flatMap((p) => (byId.has(p.id) ? [{ item: byId.get(p.id)!, sort_key: p.sort_key }] : []));
}

type Found = { page: PageKey[]; rows: FacetRow[]; scale: number; estimated: { total: boolean; facets: boolean } };

/**
 * The page, facet counts and total. Without text: counts summed over the maintained cube, exact. With text:
 * exact over the matches while there are at most EXACT_COUNT_LIMIT of them; beyond, facets are estimated from a
 * repeatable page sample of the catalog (the total too, unless the filters narrow the matches to the limit).
 */
async function find(text: Text | null, filters: Filters, sort: Sort, cursor: Cursor | null, limit: number): Promise<Found> {
  const exact = { total: false, facets: false };
  const anyFilter = FACETS.some((f) => filters[f]?.length);
  if (!text) {
    const [[{ interfaces }], rows] = await Promise.all([
      run<{ interfaces: number }>(sql`SELECT coalesce(sum(count), 0)::int AS interfaces FROM interface_facet_count`),
      run<FacetRow>(facetCountsSql(filters, sql`interface_facet_count`, sql`sum(count)`)),
    ]);
    const total = rows.find((r) => r.facet === "total")?.count ?? 0;
    const walk = total >= WALK_DENSITY * interfaces;
    const pageSql = densePageSql(null, filters, sort, cursor, limit, walk);
    const page = walk ? await run<PageKey>(pageSql) : await indexed<PageKey>(pageSql);
    return { page, rows, scale: 1, estimated: exact };
  }
  const [hits] = await indexed<Hits>(hitsSql(text, filters, false, sort, cursor, limit));
  if (hits.matches <= EXACT_COUNT_LIMIT) return { page: hits.page ?? [], rows: hits.facets ?? [], scale: 1, estimated: exact };

  const percent = Math.min(100, (100 * SAMPLE_ROWS) / Math.max(1, hits.interfaces));
  const filter = facetFilter(filters, INTERFACE_COLUMNS);
  const [[sample], scoped] = await Promise.all([
    run<{ sampled: number; scoped: number; mentioned: number; facets: FacetRow[] | null }>(sql`
      WITH sample AS MATERIALIZED (
        SELECT ${FACET_ROW}, ${text.any} AS hit, ${text.mentions} AND NOT ${text.nameLike} AS mentioned, ${filter} AS selected
        FROM interface i TABLESAMPLE SYSTEM (${percent}::float4) REPEATABLE (18)),
      facet_rows AS (${facetCountsSql(filters, sql`(SELECT * FROM sample WHERE hit) s`, sql`count(*)`)})
      SELECT (SELECT count(*)::int FROM sample) AS sampled,
             (SELECT count(*)::int FROM sample WHERE hit AND selected) AS scoped,
             (SELECT count(*)::int FROM sample WHERE mentioned AND selected) AS mentioned,
             (SELECT json_agg(f) FROM facet_rows f) AS facets`),
    anyFilter ? indexed<Hits>(hitsSql(text, filters, true, sort, cursor, limit)).then((r) => r[0]) : null,
  ]);
  const scale = sample.sampled > 0 ? hits.interfaces / sample.sampled : 0;
  const rows = sample.facets ?? [];
  if (scoped && scoped.matches <= EXACT_COUNT_LIMIT) {
    // The filters narrow the matches enough to count them: the total is exact, the facets stay estimates.
    const total = rows.find((r) => r.facet === "total");
    if (total) total.count = scale > 0 ? scoped.matches / scale : 0;
    return { page: scoped.page ?? [], rows, scale, estimated: { total: false, facets: true } };
  }
  const density = (sort === "relevance" ? sample.mentioned : sample.scoped) / Math.max(1, sample.sampled);
  const walk = density >= WALK_DENSITY;
  const pageSql = densePageSql(text, filters, sort, cursor, limit, walk);
  const page = walk ? await run<PageKey>(pageSql) : await indexed<PageKey>(pageSql);
  return { page, rows, scale, estimated: { total: true, facets: true } };
}

/** Catalog search with facets, sorts and keyset pages: each request costs one page plus bounded counting. */
export async function searchInterfaces(ctx: Ctx, input: SearchInterfacesInput): Promise<InterfaceSearchResult> {
  requirePermission(ctx, "catalog.read");
  const query = SearchInterfacesQuery.parse(input);
  const text = query.q ? await textMatch(query.q) : null;
  const filters: Filters = Object.fromEntries(FACETS.map((f) => [f, query[f]]));
  // Relevance means nothing without query text; name order is the useful default then.
  const sort: Sort = query.sort === "relevance" && !text ? "name" : query.sort;
  const cursor = query.cursor ? decodeCursor(query.cursor, query.sort) : null;
  const found = await find(text, filters, sort, cursor, query.limit);
  const rows = await itemsOf(found.page);

  const page = rows.slice(0, query.limit);
  const last = found.page.length > query.limit ? page[page.length - 1] : undefined;
  const nextCursor = last ? encodeCursor({ sort: query.sort, key: last.sort_key, id: last.item.id }) : null;
  const { facets, total } = labelFacets(found.rows, found.scale);
  return { items: page.map((r) => r.item), facets, nextCursor, total, estimated: found.estimated };
}
