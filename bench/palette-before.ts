// The search palette (GET /api/v1/search) as it was before its index-backed candidates (commit before
// "Search palette at estate scale"), kept as the search bench's peer: it compares the text with every name, flow and
// field. Only bench/search.ts uses it.
import "server-only";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { hrefOf } from "@/lib/search/data";
import { GlobalSearchQuery, type GlobalSearchResult, type SearchHit } from "@/lib/search/schemas";

type Row = { kind: SearchHit["kind"]; id: string; title: string; detail: string | null; href_id: string; score: number };

// Names containing the text rank first, then trigram word similarity, which forgives typos ("paymnt" finds
// "Payments API"). word_similarity compares the text with the best-matching stretch of the name, so short
// queries still find long names.
const THRESHOLD = 0.35;

/** Domains, systems, interfaces, flows, contracts and fields whose name matches, best first per kind. */
export async function globalSearchBefore(ctx: Ctx, input: GlobalSearchQuery): Promise<GlobalSearchResult> {
  requirePermission(ctx, "catalog.read");
  const { q, limit } = GlobalSearchQuery.parse(input);
  const text = q.toLowerCase();
  const like = `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await db().$queryRaw<Row[]>`
    WITH candidates AS (
      SELECT 'domain' AS kind, d.id::text AS id, d.name AS title, d.description AS detail, d.id::text AS href_id, d.name AS name FROM domain d
      UNION ALL SELECT 'system', s.id::text, s.name, d.name, s.id::text, s.name FROM system s LEFT JOIN domain d ON d.id = s.domain_id
      UNION ALL SELECT 'interface', i.id::text, i.name, s.name, i.id::text, i.name FROM interface i JOIN system s ON s.id = i.system_id
      UNION ALL SELECT 'flow', f.id::text, f.name, i.name, f.id::text, f.name FROM flow f JOIN interface i ON i.id = f.interface_id
      UNION ALL SELECT 'contract', c.id::text, i.name || ' ' || c.version, initcap(replace(c.status::text, '_', ' ')), c.id::text, i.name
        FROM data_contract c JOIN interface i ON i.id = c.interface_id
      UNION ALL SELECT DISTINCT ON (fl.interface_id, fl.path) 'field', fl.id::text, fl.path, i.name, i.id::text, fl.name
        FROM interface_field fl JOIN interface i ON i.id = fl.interface_id
        WHERE lower(fl.name) LIKE ${like} OR word_similarity(${text}, lower(fl.name)) >= ${THRESHOLD}
    ),
    scored AS (
      SELECT kind, id, title, detail, href_id,
             CASE WHEN lower(name) = ${text} THEN 3 WHEN lower(name) LIKE ${like} THEN 2 ELSE 0 END + word_similarity(${text}, lower(name)) AS score
      FROM candidates
      WHERE lower(name) LIKE ${like} OR word_similarity(${text}, lower(name)) >= ${THRESHOLD}
    ),
    ranked AS (SELECT *, row_number() OVER (PARTITION BY kind ORDER BY score DESC, title) AS pos FROM scored)
    SELECT kind, id, title, detail, href_id, score::float8 AS score FROM ranked WHERE pos <= ${limit}
    ORDER BY score DESC, kind, title`;
  return { q, hits: rows.map((r) => ({ kind: r.kind, id: r.id, title: r.title, detail: r.detail, href: hrefOf(r) })) };
}
