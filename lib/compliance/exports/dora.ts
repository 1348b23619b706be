import JSZip from "jszip";
import type { Register } from "@/lib/compliance/records/register";
import { rawCsvCell, toCsv } from "@/lib/utils/csv";
import { ALL_TEMPLATE_IDS, TEMPLATES, templateFile, type DoraOptions } from "./dora-templates";

export const REPORT_PACKAGE_TYPE = "https://xbrl.org/report-package/2023";
export const XBRL_CSV_TYPE = "https://xbrl.org/2021/xbrl-csv";
export const DORA_MODULE = "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json";

/** One missing mandatory value: where (template, 1-based data row, column) and what. */
export type ValidationIssue = { template: string; row: number; rowKey: string; column: string; label: string; message: string };
export type ValidationReport = {
  refDate: string;
  templates: { id: string; title: string; rows: number }[];
  issues: ValidationIssue[];
};

/** The reference date of the register: the last 31 December before `now`, as the annual submission expects. */
export function defaultRefDate(now: Date): string {
  return `${now.getUTCFullYear() - 1}-12-31`;
}

export function buildTemplates(register: Register, options: DoraOptions) {
  return TEMPLATES.map((template) => ({ template, rows: template.rows(register, options) }));
}

/** Lists every mandatory cell left empty, template by template, before anything is exported. */
export function validateRegister(register: Register, options: DoraOptions): ValidationReport {
  const built = buildTemplates(register, options);
  const issues: ValidationIssue[] = [];
  for (const { template, rows } of built) {
    rows.forEach((row, index) => {
      for (const column of template.columns) {
        const required = typeof column.mandatory === "function" ? column.mandatory(row.cells, row.context, options) : column.mandatory;
        if (required && !row.cells[column.code]) {
          issues.push({
            template: template.id,
            row: index + 1,
            rowKey: row.key,
            column: column.code,
            label: column.label,
            message: `${template.id} row ${index + 1} (${row.key}): ${column.code} "${column.label}" is mandatory and missing`,
          });
        }
      }
    });
  }
  return { refDate: options.refDate, templates: built.map(({ template, rows }) => ({ id: template.id, title: template.title, rows: rows.length })), issues };
}

/** {LEI}.{CON|IND}_{CC}_DORA010100_DORA_{refDate}_{timestamp}, the name national authorities expect. */
export function packageName(register: Register, options: DoraOptions, now: Date): string {
  const entity = register.entities.find((e) => e.maintainsRegister);
  const scope = register.entities.length > 1 ? "CON" : "IND";
  const stamp = now.toISOString().replace(/[-:TZ.]/g, "").slice(0, 17);
  return `${entity?.lei ?? "UNKNOWN"}.${scope}_${entity?.country ?? "XX"}_DORA010100_DORA_${options.refDate}_${stamp}`;
}

export type DoraPackage = { name: string; zip: Buffer; rows: Record<string, number>; issues: number };

/**
 * The register as an xBRL-CSV report package: META-INF/reportPackage.json, reports/report.json (extending the
 * EBA DORA module), parameters.csv, FilingIndicators.csv and one b_XX.XX.csv per filled template, all under a
 * root folder named like the package. Values are written as they are (plain RFC 4180): the files are read by
 * the authority's XBRL tools, not opened as spreadsheets, and altering a value would change the filing.
 */
export async function doraPackage(register: Register, options: DoraOptions, now: Date): Promise<DoraPackage> {
  const entity = register.entities.find((e) => e.maintainsRegister);
  const name = packageName(register, options, now);
  const built = buildTemplates(register, options);
  const zip = new JSZip();
  const root = zip.folder(name)!;
  root.file("META-INF/reportPackage.json", JSON.stringify({ documentInfo: { documentType: REPORT_PACKAGE_TYPE } }, null, 2));
  root.file("reports/report.json", JSON.stringify({ documentInfo: { documentType: XBRL_CSV_TYPE, extends: [DORA_MODULE] } }, null, 2));
  const scope = register.entities.length > 1 ? "CON" : "IND";
  root.file(
    "reports/parameters.csv",
    toCsv(
      ["name", "value"],
      [
        ["entityID", `rs:${entity?.lei ?? "UNKNOWN"}.${scope}`],
        ["refPeriod", options.refDate],
        ["baseCurrency", `iso4217:${entity?.currency ?? "EUR"}`],
        ["decimalsInteger", "0"],
        ["decimalsMonetary", "-3"],
      ],
      rawCsvCell,
    ),
  );
  const filled = new Set(built.filter((b) => b.rows.length > 0).map((b) => b.template.id));
  root.file("reports/FilingIndicators.csv", toCsv(["templateID", "reported"], ALL_TEMPLATE_IDS.map((id) => [id, filled.has(id) ? "true" : "false"]), rawCsvCell));
  const rows: Record<string, number> = {};
  for (const { template, rows: templateRows } of built) {
    if (!filled.has(template.id)) continue;
    const codes = template.columns.map((c) => c.code);
    root.file(`reports/${templateFile(template.id)}`, toCsv(codes, templateRows.map((r) => codes.map((c) => r.cells[c] ?? "")), rawCsvCell));
    rows[template.id] = templateRows.length;
  }
  const buffer = await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" });
  return { name, zip: buffer, rows, issues: validateRegister(register, options).issues.length };
}
