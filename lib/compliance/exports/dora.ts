import JSZip from "jszip";
import type { Register } from "@/lib/compliance/records/register";
import { rawCsvCell, toCsv } from "@/lib/utils/csv";
import { validateTables, type ValidationIssue } from "./dora-rules";
import { arrangementsInScope } from "./dora-scope";
import { parseCsv } from "./csv-parse";
import { ALL_TEMPLATE_IDS, TEMPLATES, templateFile, type DoraOptions, type TemplateRow } from "./dora-templates";

export const REPORT_PACKAGE_TYPE = "https://xbrl.org/report-package/2023";
export const XBRL_CSV_TYPE = "https://xbrl.org/2021/xbrl-csv";
export const DORA_MODULE = "http://www.eba.europa.eu/eu/fr/xbrl/crr/fws/dora/4.0/mod/dora.json";

export type { ValidationIssue };
export type ValidationReport = {
  refDate: string;
  templates: { id: string; title: string; rows: number }[];
  /** Errors (the package would be refused) first, then warnings such as catalog providers missing from the register. */
  issues: ValidationIssue[];
  errors: number;
  warnings: number;
};

/** The reference date of the register: the last 31 December before `now`, as the annual submission expects. */
export function defaultRefDate(now: Date): string {
  return `${now.getUTCFullYear() - 1}-12-31`;
}

export function buildTemplates(register: Register, options: DoraOptions) {
  return TEMPLATES.map((template) => ({ template, rows: template.rows(register, options) }));
}

/**
 * What the catalog knows and the register does not: providers of SaaS and third-party systems, and services,
 * without an arrangement in force at the reference date. Warnings: the package can be filed, but it is incomplete.
 */
export function completenessIssues(register: Register, options: DoraOptions): ValidationIssue[] {
  const inForce = new Set(arrangementsInScope(register, options).map((a) => a.id));
  const contracted = new Set(arrangementsInScope(register, options).map((a) => a.providerId));
  const warning = (template: string, rowKey: string, label: string, message: string): ValidationIssue => ({
    template, row: 0, rowKey, column: "", label, message, rule: "completeness", severity: "warning",
  });
  return [
    ...register.providers
      .filter((p) => !contracted.has(p.id) && register.services.some((s) => s.providerId === p.id && s.systemIds.length > 0))
      .map((p) => warning("B_05.01", p.name, "ICT third-party service provider", `${p.name} provides systems in the catalog but has no contractual arrangement in force on ${options.refDate}, so it is not in the register`)),
    ...register.services
      .filter((s) => s.systemIds.length > 0 && (!s.arrangementId || !inForce.has(s.arrangementId)))
      .map((s) => warning("B_02.02", s.name, "ICT service", `The ICT service ${s.name} (${s.systems.map((x) => x.name).join(", ")}) has no contractual arrangement in force on ${options.refDate}, so it is not in the register`)),
  ];
}

/** Validates the templates as they would be written, then adds the completeness warnings. */
export function validateRegister(register: Register, options: DoraOptions): ValidationReport {
  const built = buildTemplates(register, options);
  const errors = validateTables(TEMPLATES, new Map(built.map((b) => [b.template.id, b.rows])), options.refDate);
  const warnings = completenessIssues(register, options);
  return {
    refDate: options.refDate,
    templates: built.map(({ template, rows }) => ({ id: template.id, title: template.title, rows: rows.length })),
    issues: [...errors, ...warnings],
    errors: errors.length,
    warnings: warnings.length,
  };
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
  return { name, zip: buffer, rows, issues: validateRegister(register, options).errors };
}

const MAX_PACKAGE_FILES = 64;
const MAX_TEMPLATE_BYTES = 50 * 1024 * 1024;

/**
 * Reads the template tables back from an xBRL-CSV package (ours or anyone's), so the validation rules can run on
 * what is actually filed. Row keys are "row N" since a filed package carries no names.
 */
export async function readPackageTables(buffer: Buffer): Promise<Map<string, TemplateRow[]>> {
  const zip = await JSZip.loadAsync(buffer);
  const files = Object.keys(zip.files).filter((f) => /\/reports\/b_\d\d\.\d\d\.csv$/.test(f));
  if (files.length > MAX_PACKAGE_FILES) throw new Error(`The package holds ${files.length} template files; at most ${MAX_PACKAGE_FILES} are read`);
  const tables = new Map<string, TemplateRow[]>();
  for (const file of files) {
    const text = await zip.file(file)!.async("string");
    if (text.length > MAX_TEMPLATE_BYTES) throw new Error(`${file} is larger than ${MAX_TEMPLATE_BYTES} bytes`);
    const [header, ...rows] = parseCsv(text);
    const id = file.slice(file.lastIndexOf("/") + 1, -4).toUpperCase();
    tables.set(id, rows.map((cells, i) => ({ key: `row ${i + 1}`, cells: Object.fromEntries(header.map((h, j) => [h, cells[j] ?? ""])) })));
  }
  return tables;
}
