import { isCountryCode } from "@/lib/compliance/countries";
import { isValidLei, LEI_CODE } from "@/lib/compliance/records/codes";
import { CRITICAL, NOT_APPLICABLE } from "./dora-scope";
import type { Cells, Column, RowContext, Template, TemplateRow } from "./dora-columns";
import { LATIN } from "./dora-templates-providers";

// The register's validation rules, applied to the templates as they are written into the package (cells of
// c0010... columns), so the same checks run on a package read back from its CSV files. They follow the EBA's
// published DORA validation rules in kind: mandatory columns per the ITS instructions, closed lists and formats,
// LEI check digits on every LEI column, unique keys and cross-template consistency (the rule ids are ours).

export type Severity = "error" | "warning";
export type ValidationIssue = {
  template: string; row: number; rowKey: string; column: string; label: string; message: string; rule: string; severity: Severity;
};
export type Tables = Map<string, TemplateRow[]>;

/** The columns that identify a row: two rows with the same values are a duplicate. */
const KEYS: Record<string, string[]> = {
  "B_01.02": ["c0010"], "B_01.03": ["c0010"], "B_02.01": ["c0010"], "B_02.02": ["c0010", "c0020", "c0030", "c0050", "c0060", "c0150", "c0160"],
  "B_02.03": ["c0010", "c0020"], "B_03.01": ["c0010", "c0020"], "B_03.02": ["c0010", "c0020"], "B_03.03": ["c0010", "c0020"],
  "B_04.01": ["c0010", "c0020", "c0040"], "B_05.01": ["c0010", "c0020"], "B_05.02": ["c0010", "c0020", "c0030", "c0050"], "B_06.01": ["c0010", "c0040"],
  "B_07.01": ["c0010", "c0020", "c0040"],
};

type Reference = { from: string; cols: string[]; to: string; toCols: string[]; when?: (c: Cells) => boolean; what: string };
/** Cross-template consistency: a value in one template must exist in another. */
const REFERENCES: Reference[] = [
  { from: "B_01.01", cols: ["c0010"], to: "B_01.02", toCols: ["c0010"], what: "the entity maintaining the register must be in B_01.02" },
  { from: "B_01.02", cols: ["c0060"], to: "B_01.02", toCols: ["c0010"], when: (c) => c.c0050 === "eba_RP:x56" || c.c0050 === "eba_RP:x551", what: "the direct parent must be an entity in B_01.02" },
  { from: "B_01.03", cols: ["c0020"], to: "B_01.02", toCols: ["c0010"], what: "the head office of the branch must be in B_01.02" },
  { from: "B_02.02", cols: ["c0010"], to: "B_02.01", toCols: ["c0010"], what: "the arrangement must be in B_02.01" },
  { from: "B_02.01", cols: ["c0010"], to: "B_02.02", toCols: ["c0010"], what: "every arrangement needs at least one B_02.02 row (its services and functions)" },
  { from: "B_02.01", cols: ["c0030"], to: "B_02.01", toCols: ["c0010"], when: (c) => c.c0020 === "eba_CO:x3", what: "the overarching arrangement must be in B_02.01" },
  { from: "B_02.02", cols: ["c0020"], to: "B_01.02", toCols: ["c0010"], what: "the entity using the service must be in B_01.02" },
  { from: "B_02.02", cols: ["c0050", "c0020"], to: "B_06.01", toCols: ["c0010", "c0040"], what: "the function must be identified in B_06.01 for the same entity" },
  { from: "B_02.02", cols: ["c0030", "c0040"], to: "B_05.01", toCols: ["c0010", "c0020"], what: "the provider must be in B_05.01" },
  { from: "B_02.03", cols: ["c0010"], to: "B_02.01", toCols: ["c0010"], what: "the intra-group arrangement must be in B_02.01" },
  { from: "B_02.03", cols: ["c0020"], to: "B_02.01", toCols: ["c0010"], what: "the linked arrangement must be in B_02.01" },
  { from: "B_03.01", cols: ["c0020"], to: "B_01.02", toCols: ["c0010"], what: "the signing entity must be in B_01.02" },
  { from: "B_03.03", cols: ["c0020"], to: "B_01.02", toCols: ["c0010"], what: "the providing group entity must be in B_01.02" },
  { from: "B_04.01", cols: ["c0020"], to: "B_01.02", toCols: ["c0010"], what: "the entity using the service must be in B_01.02" },
  { from: "B_04.01", cols: ["c0040"], to: "B_01.03", toCols: ["c0010"], when: (c) => c.c0040 !== "" && c.c0040 !== NOT_APPLICABLE["B_04.01"].c0040, what: "the branch must be in B_01.03" },
  { from: "B_05.02", cols: ["c0030", "c0040"], to: "B_05.01", toCols: ["c0010", "c0020"], what: "the provider must be in B_05.01" },
  { from: "B_06.01", cols: ["c0040"], to: "B_01.02", toCols: ["c0010"], what: "the entity of the function must be in B_01.02" },
  { from: "B_07.01", cols: ["c0010"], to: "B_02.01", toCols: ["c0010"], what: "the arrangement must be in B_02.01" },
];

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const validDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);

/** Why a non-empty value does not fit its column, or null. */
function formatProblem(column: Column, value: string, cells: Cells): string | null {
  const kind = column.kind;
  if (!kind || kind === "text") return null;
  if (kind === "lei") return isValidLei(value) ? null : `"${value}" is not a valid LEI (ISO 17442: 20 characters, MOD 97-10 check digits)`;
  if (kind === "country") return /^eba_GA:[A-Z]{2}$/.test(value) && isCountryCode(value.slice(7)) ? null : `"${value}" is not an eba_GA country code of ISO 3166-1`;
  if (kind === "currency") return /^eba_CU:[A-Z]{3}$/.test(value) && CURRENCIES.has(value.slice(7)) ? null : `"${value}" is not an eba_CU ISO 4217 currency code`;
  if (kind === "date") return validDate(value) ? null : `"${value}" is not a date as YYYY-MM-DD`;
  if (kind === "number") return /^\d+(\.\d+)?$/.test(value) ? null : `"${value}" is not a non-negative number`;
  if (kind === "bool") return value === "true" || value === "false" ? null : `"${value}" is not true or false`;
  if ("codeTypeIn" in kind) return cells[kind.codeTypeIn as string] === LEI_CODE && !isValidLei(value) ? `"${value}" is typed as an LEI but is not a valid LEI` : null;
  return value in kind ? null : `"${value}" is not an option of the closed list (${Object.keys(kind).slice(0, 4).join(", ")}, ...)`;
}

const join = (cells: Cells, cols: string[]) => cols.map((c) => cells[c] ?? "").join("|");

/** Where a not-applicable value does not apply: the data is stored, or the entity is a branch. */
function misappliedNotApplicable(template: string, column: string, cells: Cells): string | null {
  if (template === "B_02.02" && column === "c0150" && cells.c0140 === "eba_BT:x28") return "is \"not applicable\" although the service stores data (c0140)";
  if (template === "B_04.01" && column === "c0040" && cells.c0030 !== "eba_ZZ:x839") return "is \"not applicable\" although the entity is a branch (c0030)";
  return null;
}

/** Criticality as the authority derives it: from the functions in B_06.01 that B_02.02 rows point at. */
function contexts(tables: Tables, refDate: string): (template: string, cells: Cells) => RowContext {
  const criticalFunctions = new Set((tables.get("B_06.01") ?? []).filter((r) => r.cells.c0050 === CRITICAL).map((r) => join(r.cells, ["c0010", "c0040"])));
  const criticalRow = (c: Cells) => criticalFunctions.has(join(c, ["c0050", "c0020"]));
  const criticalProviders = new Set((tables.get("B_02.02") ?? []).filter((r) => criticalRow(r.cells)).map((r) => join(r.cells, ["c0030", "c0040"])));
  return (template, cells) => ({
    refDate,
    critical: template === "B_02.02" ? criticalRow(cells) : template === "B_05.01" ? criticalProviders.has(join(cells, ["c0010", "c0020"])) : template === "B_07.01",
  });
}

/** Every rule over the templates; `templates` gives the columns, `tables` the rows written for each. */
export function validateTables(templates: Template[], tables: Tables, refDate: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const contextOf = contexts(tables, refDate);
  const issue = (template: Template, index: number, row: TemplateRow, column: Column | { code: string; label: string }, rule: string, what: string) =>
    issues.push({
      template: template.id, row: index + 1, rowKey: row.key, column: column.code, label: column.label, rule, severity: "error",
      message: `${template.id} row ${index + 1} (${row.key}): ${column.code} "${column.label}" ${what}`,
    });

  for (const template of templates) {
    const rows = tables.get(template.id) ?? [];
    const seen = new Map<string, number>();
    rows.forEach((row, index) => {
      const ctx = contextOf(template.id, row.cells);
      const keyCols = KEYS[template.id] ?? [];
      for (const column of template.columns) {
        const value = row.cells[column.code] ?? "";
        const required = typeof column.mandatory === "function" ? column.mandatory(row.cells, ctx) : column.mandatory;
        if (!value) {
          if (required) issue(template, index, row, column, "mandatory", "is mandatory and missing");
          else if (keyCols.includes(column.code)) issue(template, index, row, column, "key", "is part of the row's key and empty; the EBA allows no \"not applicable\" value here");
          continue;
        }
        if (value === NOT_APPLICABLE[template.id]?.[column.code]) {
          const misapplied = misappliedNotApplicable(template.id, column.code, row.cells);
          if (misapplied) issue(template, index, row, column, "not-applicable", misapplied);
          continue;
        }
        const problem = formatProblem(column, value, row.cells);
        if (problem) issue(template, index, row, column, "format", problem);
      }
      if (keyCols.length) {
        const key = join(row.cells, keyCols);
        const first = seen.get(key);
        if (first !== undefined) issue(template, index, row, template.columns[0], "unique-key", `repeats row ${first + 1}: ${keyCols.join(", ")} must be unique`);
        else seen.set(key, index);
      }
      if (template.id === "B_02.02" && row.cells.c0070 && row.cells.c0080 && row.cells.c0080 < row.cells.c0070) {
        issue(template, index, row, template.columns[7], "date-order", "is before the start date (c0070)");
      }
      if (template.id === "B_05.01" && row.cells.c0060 && !LATIN.test(row.cells.c0060)) {
        issue(template, index, row, template.columns[5], "latin", "must be written in the Latin alphabet");
      }
      if (template.id === "B_06.01" && row.cells.c0010 && !/^F\d+$/.test(row.cells.c0010)) {
        issue(template, index, row, template.columns[0], "format", `"${row.cells.c0010}" is not a function identifier F1, F2, ...`);
      }
    });
  }

  for (const ref of REFERENCES) {
    const template = templates.find((t) => t.id === ref.from)!;
    const targets = new Set((tables.get(ref.to) ?? []).map((r) => join(r.cells, ref.toCols)));
    (tables.get(ref.from) ?? []).forEach((row, index) => {
      if (ref.when && !ref.when(row.cells)) return;
      if (ref.cols.some((c) => !row.cells[c])) return; // an empty value is the mandatory rule's finding
      if (targets.has(join(row.cells, ref.cols))) return;
      const column = template.columns.find((c) => c.code === ref.cols[0])!;
      issue(template, index, row, column, "reference", `"${ref.cols.map((c) => row.cells[c]).join(" / ")}": ${ref.what}`);
    });
  }
  return issues;
}
