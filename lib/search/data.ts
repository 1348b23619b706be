import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { database } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { GlobalSearchQuery, type GlobalSearchResult, type SearchHit } from "./schemas";

type Row = { kind: SearchHit["kind"]; id: string; title: string; detail: string | null; href_id: string; score: number };

const sql = Prisma.sql;
const raw = Prisma.raw;

// Names containing the text rank first, then trigram word similarity, which forgives typos ("paymnt" finds
// "Payments API"). word_similarity compares the text with the best-matching stretch of the name, so short
// queries still find long names.
const THRESHOLD = 0.35;
/**
 * Matches scored per kind, found through the names' trigram indexes: a text matching more names than this (a word
 * in every flow's name) ranks the first names the index returns that contain it, as many that are only similar,
 * and exact names always.
 */
const CANDIDATES = 200;

type Condition = (column: string) => Prisma.Sql;
type Match = { contains: Condition; similar: Condition; exact: Condition; score: Condition };

function matcher(text: string): Match {
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return {
    // Trigram indexes need three characters of the text for '%text%': a shorter text matches the starts of words.
    contains: (column) => (text.length >= 3 ? sql`lower(${raw(column)}) LIKE ${like}` : sql`FALSE`),
    similar: (column) => sql`${text} <% lower(${raw(column)})`,
    score: (column) =>
      sql`(CASE WHEN lower(${raw(column)}) = ${text} THEN 3 WHEN lower(${raw(column)}) LIKE ${like} THEN 2 ELSE 0 END + word_similarity(${text}, lower(${raw(column)})))::float8`,
    exact: (column) => sql`lower(${raw(column)}) = ${text}`,
  };
}

/**
 * Keys (`key`) of a table's rows whose name matches, as an array: names containing the text (at most CANDIDATES,
 * and every exact name when there are more), then, only when fewer than `limit` contain it, names merely similar to
 * it. A name containing the text always outranks one that is only similar, so those could not make the list; and
 * the similarity search is the costly one when the text shares words with every name.
 */
function candidates(m: Match, table: string, limit: number, options: { key?: string; where?: Prisma.Sql } = {}): Prisma.Sql {
  const k = raw(options.key ?? "id");
  const t = raw(table);
  const where = options.where ?? sql`TRUE`;
  return sql`ARRAY(
    WITH contained AS MATERIALIZED (SELECT ${k} FROM ${t} WHERE ${m.contains("name")} AND ${where} LIMIT ${CANDIDATES})
    SELECT ${k} FROM contained
    UNION SELECT ${k} FROM ${t} WHERE ${m.exact("name")} AND ${where} AND (SELECT count(*) FROM contained) >= ${CANDIDATES}
    UNION SELECT ${k} FROM (SELECT ${k} FROM ${t} WHERE ${m.similar("name")} AND ${where} LIMIT ${CANDIDATES}) near
      WHERE (SELECT count(*) FROM contained) < ${limit})`;
}

const HAS_CONTRACT = sql`EXISTS (SELECT 1 FROM data_contract c WHERE c.interface_id = interface.id)`;

/** Each kind's best `limit` hits, each through an index on its names. */
function hitsSql(m: Match, limit: number): Prisma.Sql {
  const best = (select: Prisma.Sql) => sql`(${select} ORDER BY score DESC, title LIMIT ${limit})`;
  return sql`
    ${best(sql`SELECT 'domain' AS kind, d.id::text AS id, d.name AS title, d.description AS detail, d.id::text AS href_id, ${m.score("d.name")} AS score
      FROM domain d WHERE ${m.contains("d.name")} OR ${m.similar("d.name")}`)}
    UNION ALL ${best(sql`SELECT 'system', s.id::text, s.name AS title, d.name, s.id::text, ${m.score("s.name")} AS score
      FROM system s LEFT JOIN domain d ON d.id = s.domain_id WHERE s.id = ANY(${candidates(m, "system", limit)})`)}
    UNION ALL ${best(sql`SELECT 'interface', i.id::text, i.name AS title, s.name, i.id::text, ${m.score("i.name")} AS score
      FROM interface i JOIN system s ON s.id = i.system_id WHERE i.id = ANY(${candidates(m, "interface", limit)})`)}
    UNION ALL ${best(sql`SELECT 'flow', f.id::text, f.name AS title, i.name, f.id::text, ${m.score("f.name")} AS score
      FROM flow f JOIN interface i ON i.id = f.interface_id WHERE f.id = ANY(${candidates(m, "flow", limit)})`)}
    UNION ALL ${best(sql`SELECT 'contract', c.id::text, i.name || ' ' || c.version AS title, initcap(replace(c.status::text, '_', ' ')), c.id::text,
        ${m.score("i.name")} AS score
      FROM data_contract c JOIN interface i ON i.id = c.interface_id WHERE i.id = ANY(${candidates(m, "interface", limit, { where: HAS_CONTRACT })})`)}
    UNION ALL ${best(sql`SELECT * FROM (
      SELECT DISTINCT ON (fl.interface_id, fl.path) 'field' AS kind, fl.id::text AS id, fl.path AS title, i.name AS detail, i.id::text AS href_id, n.score
      FROM (SELECT name, ${m.score("name")} AS score FROM field_name WHERE name = ANY(${candidates(m, "field_name", limit, { key: "name" })})
            ORDER BY score DESC, name LIMIT ${limit}) n
      CROSS JOIN LATERAL (SELECT * FROM interface_field fl WHERE fl.name = n.name LIMIT ${limit * 4}) fl
      JOIN interface i ON i.id = fl.interface_id
      ORDER BY fl.interface_id, fl.path) fields`)}
    ORDER BY score DESC, kind, title`;
}

/** GET /api/v1/search: domains, systems, interfaces, flows, contracts and fields whose name matches, best first per kind. */
export async function globalSearch(ctx: Ctx, input: GlobalSearchQuery): Promise<GlobalSearchResult> {
  requirePermission(ctx, "catalog.read");
  const { q, limit } = GlobalSearchQuery.parse(input);
  const query = hitsSql(matcher(q.toLowerCase()), limit);
  const rows = await database().driver.transaction(async (tx) => {
    // The threshold of the indexable word-similarity operator (<%), for this statement's transaction only.
    await tx.query(`SELECT set_config('pg_trgm.word_similarity_threshold', $1, true)`, [String(THRESHOLD)]);
    return tx.query<Row>(query.text, query.values);
  });
  return { q, hits: rows.map((r) => ({ kind: r.kind, id: r.id, title: r.title, detail: r.detail, href: hrefOf(r) })) };
}

/** The page a hit opens. */
export function hrefOf(row: Pick<Row, "kind" | "href_id">): string {
  switch (row.kind) {
    case "domain":
      return `/catalog/domains/${row.href_id}`;
    case "system":
      return `/catalog/systems/${row.href_id}`;
    case "interface":
      return `/catalog/interfaces/${row.href_id}`;
    case "flow":
      return `/catalog/flows/${row.href_id}`;
    case "contract":
      return `/contracts/${row.href_id}`;
    case "field":
      return `/catalog/interfaces/${row.href_id}#fields`;
  }
}
