import { get_dmmf } from "@prisma/prisma-schema-wasm";

// Compares what schema.prisma declares with what the hand-written migrations actually built, so the
// two cannot drift apart unnoticed. Dev-only: @prisma/prisma-schema-wasm is a devDependency, so only
// tests and tooling may import this module.

export type ReferentialAction = "CASCADE" | "SET NULL" | "RESTRICT" | "NO ACTION" | "SET DEFAULT";
export type ColumnShape = { type: string; notNull: boolean };
export type ForeignKeyShape = {
  columns: string[];
  referencedTable: string;
  referencedColumns: string[];
  onDelete: ReferentialAction;
  onUpdate: ReferentialAction;
};
export type TableShape = {
  columns: Record<string, ColumnShape>;
  primaryKey: string[];
  uniqueIndexes: string[][];
  indexes: string[][];
  foreignKeys: ForeignKeyShape[];
};
export type SchemaShape = { tables: Record<string, TableShape>; enums: Record<string, string[]> };
export type Query = <T extends Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<T[]>;

// The parts of the DMMF JSON that get_dmmf returns and this module reads.
type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "object" | "enum" | "unsupported";
  isList: boolean;
  isRequired: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfIndex = { model: string; type: "id" | "unique" | "normal" | "fulltext"; fields: { name: string }[] };
type DmmfEnum = { name: string; dbName: string | null; values: { name: string; dbName: string | null }[] };
type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes?: DmmfIndex[] };

// Column types Prisma's migrate engine emits for PostgreSQL when no @db attribute is given.
const SCALAR_TYPES: Record<string, string> = {
  String: "text",
  Int: "integer",
  BigInt: "bigint",
  Float: "double precision",
  Decimal: "numeric(65,30)",
  Boolean: "boolean",
  DateTime: "timestamp(3)",
  Json: "jsonb",
  Bytes: "bytea",
};
// @db names whose lower-case spelling is not the PostgreSQL name, and arguments Prisma fills in.
const NATIVE_NAMES: Record<string, string> = { DoublePrecision: "double precision", Decimal: "numeric" };
const NATIVE_DEFAULT_ARGS: Record<string, string[]> = { Char: ["1"], Decimal: ["65", "30"] };
const PRISMA_ACTIONS: Record<string, ReferentialAction> = {
  Cascade: "CASCADE",
  SetNull: "SET NULL",
  Restrict: "RESTRICT",
  NoAction: "NO ACTION",
  SetDefault: "SET DEFAULT",
};
const PG_ACTIONS: Record<string, ReferentialAction> = { c: "CASCADE", n: "SET NULL", r: "RESTRICT", a: "NO ACTION", d: "SET DEFAULT" };

function parseDatamodel(datamodel: string): Datamodel {
  let json: string;
  try {
    json = get_dmmf(JSON.stringify({ prismaSchema: datamodel }));
  } catch (error) {
    const raw = error instanceof Error ? error.message : String(error);
    const ansi = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, "g");
    throw new Error(`schema.prisma does not validate: ${raw.replace(ansi, "")}`);
  }
  const parsed = (JSON.parse(json) as { datamodel: Datamodel }).datamodel;
  // Without the index list every index comparison would pass vacuously.
  if (!parsed.indexes) throw new Error("this @prisma/prisma-schema-wasm gives no datamodel.indexes; the drift check needs it");
  return parsed;
}

function nativeType([name, args]: [string, string[]]): string {
  const base = NATIVE_NAMES[name] ?? name.toLowerCase();
  const params = args.length > 0 ? args : (NATIVE_DEFAULT_ARGS[name] ?? []);
  return params.length > 0 ? `${base}(${params.join(",")})` : base;
}

/** What the database should look like according to schema.prisma (Prisma's own parser, via DMMF). */
export function expectedSchema(datamodel: string): SchemaShape {
  const dm = parseDatamodel(datamodel);
  const enumNames = new Map(dm.enums.map((e) => [e.name, e.dbName ?? e.name]));
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, field: string) => {
    const found = model.fields.find((f) => f.name === field);
    if (!found) throw new Error(`${model.name}.${field} is not a field`);
    return found.dbName ?? found.name;
  };

  const tables: Record<string, TableShape> = {};
  for (const model of dm.models) {
    const table: TableShape = { columns: {}, primaryKey: [], uniqueIndexes: [], indexes: [], foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind === "object") {
        if (field.relationFromFields?.length) table.foreignKeys.push(foreignKeyOf(model, field));
        else rejectImplicitManyToMany(model, field, models);
        continue;
      }
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      const element = field.nativeType
        ? nativeType(field.nativeType)
        : field.kind === "enum"
          ? (enumNames.get(field.type) ?? field.type)
          : SCALAR_TYPES[field.type];
      if (!element) throw new Error(`${model.name}.${field.name}: no PostgreSQL type known for ${field.type}`);
      table.columns[field.dbName ?? field.name] = { type: field.isList ? `${element}[]` : element, notNull: field.isRequired };
    }
    for (const index of dm.indexes ?? []) {
      if (index.model !== model.name) continue;
      const columns = index.fields.map((f) => columnOf(model, f.name));
      if (index.type === "id") table.primaryKey = columns;
      else if (index.type === "unique") table.uniqueIndexes.push(columns);
      else if (index.type === "normal") table.indexes.push(columns);
    }
    tables[tableOf(model)] = table;
  }

  function foreignKeyOf(model: DmmfModel, field: DmmfField): ForeignKeyShape {
    const target = models.get(field.type);
    if (!target) throw new Error(`${model.name}.${field.name}: unknown model ${field.type}`);
    return {
      columns: (field.relationFromFields ?? []).map((f) => columnOf(model, f)),
      referencedTable: tableOf(target),
      referencedColumns: (field.relationToFields ?? []).map((f) => columnOf(target, f)),
      // Prisma's defaults: SetNull for optional relations, Restrict for required ones, and Cascade on update.
      onDelete: PRISMA_ACTIONS[field.relationOnDelete ?? (field.isRequired ? "Restrict" : "SetNull")],
      onUpdate: PRISMA_ACTIONS[field.relationOnUpdate ?? "Cascade"],
    };
  }

  const enums: Record<string, string[]> = {};
  for (const e of dm.enums) enums[e.dbName ?? e.name] = e.values.map((v) => v.dbName ?? v.name);
  return { tables, enums };
}

// An implicit m:n relation needs a hidden _AToB join table this check does not model; refuse rather than miss it.
function rejectImplicitManyToMany(model: DmmfModel, field: DmmfField, models: Map<string, DmmfModel>) {
  if (!field.isList) return;
  const other = models.get(field.type)?.fields.find((f) => f.relationName === field.relationName && f !== field);
  if (other?.isList) throw new Error(`implicit many-to-many relation ${field.relationName} is not supported by the drift check`);
}

/** format_type() spellings turned into the short names expectedSchema uses. */
export function normalizeDbType(formatted: string): string {
  const unquoted = formatted.replaceAll('"', "");
  const isArray = unquoted.endsWith("[]");
  const base = (isArray ? unquoted.slice(0, -2) : unquoted)
    .replace(/^character varying/, "varchar")
    .replace(/^character/, "char")
    .replace(/^bit varying/, "varbit")
    .replace(/^(timestamp|time)(\(\d+\))? with time zone$/, "$1tz$2")
    .replace(/^(timestamp|time)(\(\d+\))? without time zone$/, "$1$2");
  return isArray ? `${base}[]` : base;
}

// Column names of a constraint (c) or index (i) in key order. For an index, expression columns come back
// as their SQL and INCLUDE columns are left out, since Prisma never creates them.
const keyColumns = (keys: string, relid: string, ofIndex = false) => `array(
  SELECT coalesce(a.attname::text, ${ofIndex ? "pg_get_indexdef(i.indexrelid, k.ord::int, true)" : "'?'"})
  FROM unnest(${keys}) WITH ORDINALITY AS k(attnum, ord)
  LEFT JOIN pg_attribute a ON a.attrelid = ${relid} AND a.attnum = k.attnum
  ${ofIndex ? "WHERE k.ord <= i.indnkeyatts" : ""} ORDER BY k.ord)`;

const USER_TABLE = `n.nspname = current_schema() AND t.relname <> '_prisma_migrations'`;

/**
 * Indexes that exist only in the database because Prisma cannot declare them (expression and GIN indexes for
 * catalog search). Skipped by NAME, one by one, so any other index missing from schema.prisma, expression
 * index or not, is still reported.
 */
export const DATABASE_ONLY_INDEXES: ReadonlySet<string> = new Set([
  // prisma/migrations/20261121220000_catalog_search: GIN full-text index on interface.search_vector
  "interface_search_vector_idx",
  // same migration: trigram (partial-word, typo-tolerant) matching on names
  "interface_name_trgm_idx",
  "system_name_trgm_idx",
  // same migration: partial index over classified fields only (Prisma has no WHERE on indexes)
  "interface_field_classified_idx",
  // prisma/migrations/20261208140000_catalog_facets: the catalog's name sort, (lower(name) COLLATE "C", id)
  "interface_name_sort_idx",
  // same migration: trigram index over the search words, for typo correction
  "search_term_trgm_idx",
  // prisma/migrations/20261211090000_palette_search: trigram matching on flow names and on the distinct field names
  "flow_name_trgm_idx",
  "field_name_trgm_idx",
]);

/** Columns Prisma cannot declare (a generated tsvector), as "table.column"; every other extra column is reported. */
export const DATABASE_ONLY_COLUMNS: ReadonlySet<string> = new Set([
  // prisma/migrations/20261121220000_catalog_search: to_tsvector('simple', search_text), stored for search
  "interface.search_vector",
]);

/** What the live database looks like, in the current schema, leaving out the migration runner's table. */
export async function actualSchema(query: Query): Promise<SchemaShape> {
  const tables: Record<string, TableShape> = {};
  const tableNamed = (name: string) =>
    (tables[name] ??= { columns: {}, primaryKey: [], uniqueIndexes: [], indexes: [], foreignKeys: [] });

  const columns = await query<{ table: string; column: string | null; type: string; not_null: boolean }>(`
    SELECT t.relname::text AS table, a.attname::text AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null
    FROM pg_class t JOIN pg_namespace n ON n.oid = t.relnamespace
    LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum > 0 AND NOT a.attisdropped
    WHERE t.relkind IN ('r', 'p') AND ${USER_TABLE}
    ORDER BY t.relname, a.attnum`);
  for (const row of columns) {
    const table = tableNamed(row.table);
    if (row.column && DATABASE_ONLY_COLUMNS.has(`${row.table}.${row.column}`)) continue;
    if (row.column) table.columns[row.column] = { type: normalizeDbType(row.type), notNull: row.not_null };
  }

  const indexes = await query<{ table: string; name: string; primary: boolean; unique: boolean; columns: string[] }>(`
    SELECT t.relname::text AS table, c.relname::text AS name, i.indisprimary AS primary, i.indisunique AS unique,
           ${keyColumns("i.indkey::int2[]", "i.indrelid", true)} AS columns
    FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_class c ON c.oid = i.indexrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE ${USER_TABLE}`);
  for (const row of indexes) {
    if (DATABASE_ONLY_INDEXES.has(row.name)) continue;
    const table = tableNamed(row.table);
    if (row.primary) table.primaryKey = row.columns;
    else (row.unique ? table.uniqueIndexes : table.indexes).push(row.columns);
  }

  type ForeignKeyRow = { table: string; referenced_table: string; on_delete: string; on_update: string };
  const foreignKeys = await query<ForeignKeyRow & { columns: string[]; referenced_columns: string[] }>(`
    SELECT t.relname::text AS table, r.relname::text AS referenced_table,
           c.confdeltype::text AS on_delete, c.confupdtype::text AS on_update,
           ${keyColumns("c.conkey", "c.conrelid")} AS columns,
           ${keyColumns("c.confkey", "c.confrelid")} AS referenced_columns
    FROM pg_constraint c JOIN pg_class t ON t.oid = c.conrelid JOIN pg_class r ON r.oid = c.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE c.contype = 'f' AND ${USER_TABLE}`);
  for (const row of foreignKeys) {
    tableNamed(row.table).foreignKeys.push({
      columns: row.columns,
      referencedTable: row.referenced_table,
      referencedColumns: row.referenced_columns,
      onDelete: PG_ACTIONS[row.on_delete],
      onUpdate: PG_ACTIONS[row.on_update],
    });
  }

  const enumRows = await query<{ name: string; values: string[] }>(`
    SELECT t.typname::text AS name,
           array(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder) AS values
    FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE t.typtype = 'e' AND n.nspname = current_schema()`);
  const enums: Record<string, string[]> = {};
  for (const row of enumRows) enums[row.name] = row.values;
  return { tables, enums };
}

const own = <T>(record: Record<string, T>, key: string) => (Object.hasOwn(record, key) ? record[key] : undefined);
const namesOf = (...records: Record<string, unknown>[]) => [...new Set(records.flatMap(Object.keys))].sort();
const presence = (what: string, inSchema: boolean) =>
  inSchema ? `${what}: in schema.prisma, missing from the database` : `${what}: in the database, missing from schema.prisma`;
const list = (columns: string[]) => columns.join(", ");

/** Every difference, one readable line each, naming the table and columns concerned; [] when in step. */
export function diffSchemas(expected: SchemaShape, actual: SchemaShape): string[] {
  const out: string[] = [];
  for (const name of namesOf(expected.tables, actual.tables)) {
    const [e, a] = [own(expected.tables, name), own(actual.tables, name)];
    if (e && a) out.push(...diffTable(name, e, a));
    else out.push(presence(`table ${name}`, Boolean(e)));
  }
  for (const name of namesOf(expected.enums, actual.enums)) {
    const [e, a] = [own(expected.enums, name), own(actual.enums, name)];
    const usedBy = Object.entries(expected.tables).flatMap(([table, t]) =>
      Object.entries(t.columns).filter(([, c]) => c.type.replace(/\[\]$/, "") === name).map(([c]) => `${table}.${c}`),
    );
    const label = `enum ${name}${usedBy.length > 0 ? ` (${list(usedBy)})` : ""}`;
    if (!e || !a) out.push(presence(label, Boolean(e)));
    else if (list(e) !== list(a)) out.push(`${label}: values ${list(e)} in schema.prisma, ${list(a)} in the database`);
  }
  return out;
}

function diffTable(table: string, e: TableShape, a: TableShape): string[] {
  const out: string[] = [];
  for (const name of namesOf(e.columns, a.columns)) {
    const [ec, ac] = [own(e.columns, name), own(a.columns, name)];
    const label = `column ${table}.${name}`;
    if (!ec || !ac) {
      out.push(presence(label, Boolean(ec)));
      continue;
    }
    if (ec.type !== ac.type) out.push(`${label}: type ${ec.type} in schema.prisma, ${ac.type} in the database`);
    // Prisma never emits NOT NULL for scalar lists, whatever the field says.
    const nullability = (c: ColumnShape) => (c.notNull ? "NOT NULL" : "nullable");
    if (!ec.type.endsWith("[]") && ec.notNull !== ac.notNull)
      out.push(`${label}: ${nullability(ec)} in schema.prisma, ${nullability(ac)} in the database`);
  }
  if (list(e.primaryKey) !== list(a.primaryKey))
    out.push(`primary key of ${table}: (${list(e.primaryKey)}) in schema.prisma, (${list(a.primaryKey)}) in the database`);

  // Unique indexes match as column sets, plain indexes as ordered column lists.
  const byKey = <T>(items: T[], key: (item: T) => string) => new Map(items.map((item) => [key(item), item]));
  const diffKeyed = <T>(es: T[], as: T[], key: (item: T) => string, label: (item: T) => string, compare?: (e: T, a: T) => string[]) => {
    const [em, am] = [byKey(es, key), byKey(as, key)];
    for (const k of [...new Set([...em.keys(), ...am.keys()])].sort()) {
      const [ei, ai] = [em.get(k), am.get(k)];
      if (ei && ai) out.push(...(compare?.(ei, ai) ?? []).map((d) => `${label(ei)}: ${d}`));
      else out.push(presence(label((ei ?? ai) as T), Boolean(ei)));
    }
  };
  diffKeyed(e.uniqueIndexes, a.uniqueIndexes, (c) => [...c].sort().join(","), (c) => `unique index on ${table}(${list(c)})`);
  diffKeyed(e.indexes, a.indexes, (c) => c.join(","), (c) => `index on ${table}(${list(c)})`);
  const fkLabel = (fk: ForeignKeyShape) => `foreign key ${table}(${list(fk.columns)}) -> ${fk.referencedTable}(${list(fk.referencedColumns)})`;
  diffKeyed(e.foreignKeys, a.foreignKeys, fkLabel, fkLabel, (ef, af) =>
    (["onDelete", "onUpdate"] as const)
      .filter((k) => ef[k] !== af[k])
      .map((k) => `ON ${k === "onDelete" ? "DELETE" : "UPDATE"} ${ef[k]} in schema.prisma, ${af[k]} in the database`),
  );
  return out;
}
