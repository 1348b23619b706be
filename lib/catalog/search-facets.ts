import "server-only";
import { Prisma } from "@/lib/db/generated/client";
import { FACETS, NONE, UNCLASSIFIED, type FacetCounts, type FacetName } from "./schemas";

const sql = Prisma.sql;

export type Filters = Partial<Record<FacetName, string[]>>;

// Facet columns stay enums and uuids (grouping and comparing those is much cheaper than text); selected values are
// cast to the column's type. Type and column names come from these fixed maps, never from input.
const ENUM_TYPE: Partial<Record<FacetName, string>> = {
  kind: '"InterfaceKind"',
  protocol: '"Protocol"',
  style: '"IntegrationStyle"',
  lifecycle: '"Lifecycle"',
  classification: '"Classification"',
};

/** Where a facet's value lives: on the maintained cube and facet rows, or on the interface table itself. */
export type FacetColumns = Record<FacetName, string>;
export const CUBE_COLUMNS: FacetColumns = {
  domain: "domain_id",
  ownerTeam: "owner_team_id",
  kind: "kind",
  protocol: "protocol",
  style: "style",
  lifecycle: "lifecycle",
  classification: "classification",
};
export const INTERFACE_COLUMNS: FacetColumns = {
  domain: "i.resolved_domain_id",
  ownerTeam: "i.resolved_owner_team_id",
  kind: "i.kind",
  protocol: "i.protocol",
  style: "i.style",
  lifecycle: "i.lifecycle",
  classification: "i.effective_classification",
};
/** The interface columns under the cube's names, so one facet query reads either source. */
export const FACET_ROW = sql`i.id, i.resolved_domain_id AS domain_id, i.resolved_owner_team_id AS owner_team_id, i.kind, i.protocol,
  i.style, i.lifecycle, i.effective_classification AS classification`;

/** A parameterized condition for one facet's selected values (none selected: no condition). */
function facetCondition(facet: FacetName, values: string[] | undefined, columns: FacetColumns): Prisma.Sql | null {
  if (!values?.length) return null;
  const column = Prisma.raw(columns[facet]);
  const type = Prisma.raw(ENUM_TYPE[facet] ?? "uuid");
  const empty = facet === "classification" ? UNCLASSIFIED : NONE;
  const given = values.filter((v) => v !== empty);
  const parts = [
    ...(given.length ? [sql`${column} IN (${Prisma.join(given.map((v) => sql`CAST(${v} AS ${type})`))})`] : []),
    ...(values.includes(empty) ? [sql`${column} IS NULL`] : []),
  ];
  return sql`(${Prisma.join(parts, " OR ")})`;
}

/** Every selected facet's condition (but `except`'s), ANDed; TRUE when nothing is selected. */
export function facetFilter(filters: Filters, columns: FacetColumns, except?: FacetName): Prisma.Sql {
  const conditions = FACETS.filter((f) => f !== except)
    .map((f) => facetCondition(f, filters[f], columns))
    .filter((c): c is Prisma.Sql => c !== null);
  return conditions.length ? Prisma.join(conditions, " AND ") : sql`TRUE`;
}

/**
 * Facet counts: each facet counts over the rows every other facet's filter selects. Facets without a filter of
 * their own all see the same rows, so one GROUPING SETS pass counts them all, with the total (the empty set);
 * each facet that has a selection needs its own pass. `source` has the cube's column names; `measure` is
 * sum(count) over the cube, count(*) over interface rows.
 */
export function facetCountsSql(filters: Filters, source: Prisma.Sql, measure: Prisma.Sql): Prisma.Sql {
  const selected = FACETS.filter((f) => filters[f]?.length);
  const shared = FACETS.filter((f) => !filters[f]?.length);
  const col = (f: FacetName) => Prisma.raw(CUBE_COLUMNS[f]);
  const where = (except?: FacetName) => sql`WHERE ${facetFilter(filters, CUBE_COLUMNS, except)}`;
  const facetName = Prisma.join(shared.map((f) => sql`WHEN GROUPING(${col(f)}) = 0 THEN ${f}`), " ");
  const value = Prisma.join([...shared.map((f) => sql`CASE WHEN GROUPING(${col(f)}) = 0 THEN ${col(f)}::text END`), sql`NULL`], ", ");
  const sets = Prisma.join([...shared.map((f) => sql`(${col(f)})`), sql`()`], ", ");
  const parts = [
    shared.length
      ? sql`SELECT CASE ${facetName} ELSE 'total' END AS facet, coalesce(${value}) AS value, ${measure}::int AS count
            FROM ${source} ${where()} GROUP BY GROUPING SETS (${sets})`
      : sql`SELECT 'total' AS facet, NULL AS value, coalesce(${measure}, 0)::int AS count FROM ${source} ${where()}`,
    ...selected.map((f) => sql`SELECT ${f}, ${col(f)}::text, ${measure}::int FROM ${source} ${where(f)} GROUP BY ${col(f)}`),
  ];
  return sql`
    WITH counts AS (${Prisma.join(parts, " UNION ALL ")})
    SELECT c.facet, c.value, c.count, coalesce(d.name, t.name) AS name
    FROM counts c LEFT JOIN domain d ON c.facet = 'domain' AND d.id::text = c.value
    LEFT JOIN team t ON c.facet = 'ownerTeam' AND t.id::text = c.value
    WHERE c.count <> 0 OR c.facet = 'total'`;
}

export type FacetRow = { facet: string; value: string | null; count: number; name: string | null };

/** Facet rows turned into { value, label, count } (counts multiplied by `scale` when estimated), largest first. */
export function labelFacets(rows: FacetRow[], scale = 1): { facets: FacetCounts; total: number } {
  const facets = Object.fromEntries(FACETS.map((f) => [f, []])) as unknown as FacetCounts;
  let total = 0;
  for (const row of rows) {
    const count = Math.round(row.count * scale);
    if (row.facet === "total") {
      total = count;
      continue;
    }
    if (count === 0) continue;
    const facet = row.facet as FacetName;
    const value = row.value ?? (facet === "classification" ? UNCLASSIFIED : NONE);
    const label = row.value !== null ? (row.name ?? value) : facet === "domain" ? "No domain" : facet === "ownerTeam" ? "No owner" : "Unclassified";
    facets[facet].push({ value, label, count });
  }
  for (const f of FACETS) facets[f].sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  return { facets, total };
}
