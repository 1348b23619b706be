import type { Endpoint } from "@/lib/api/openapi";
import { CsvQuery, DoraQuery, ExportHistory, ValidationReport } from "./schemas";

const tags = ["Compliance exports"];
const errors = [401, 403];

const file = (path: string, summary: string, description: string, extra: Partial<Endpoint> = {}): Endpoint => ({
  method: "get",
  path,
  tags,
  summary,
  ok: { status: 200, description },
  errors,
  ...extra,
});

/** Regulatory exports: each download needs compliance.export and writes an audit event export.<format> with its row counts. */
export const exportEndpoints: Endpoint[] = [
  file("/api/v1/exports/ropa.csv", "GDPR Art. 30 record of processing activities as CSV: the controller's record (every Art. 30(1) point (a)-(g) plus the ICO/CNIL columns), or with record=processor the Art. 30(2) record", "text/csv (RFC 4180, UTF-8, formula-safe, optional byte-order mark) as an attachment", { request: { query: CsvQuery }, errors: [401, 403, 422] }),
  file("/api/v1/exports/ropa.xlsx", "The record of processing activities as an Excel workbook: controller record and processor record (Art. 30(2)) sheets", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet as an attachment"),
  file("/api/v1/exports/ropa.pdf", "The record of processing activities as a tagged PDF with an embedded Unicode font, one page per activity", "application/pdf as an attachment"),
  file("/api/v1/exports/dataflows.csv", "GDPR data-flow map: per flow carrying personal data, source, destination, categories, subjects, processing and transfer countries, transfer tool and evidence, purpose and lawful basis", "text/csv as an attachment", { request: { query: CsvQuery }, errors: [401, 403, 422] }),
  file("/api/v1/exports/dora.zip", "DORA Register of Information as an xBRL-CSV report package (EBA taxonomy 4.0 DORA module): META-INF/reportPackage.json, reports/report.json, parameters.csv, FilingIndicators.csv and one b_XX.XX.csv per filled template", "application/zip as an attachment, named {LEI}.{CON|IND}_{CC}_DORA010100_DORA_{refDate}_{timestamp}.zip", { request: { query: DoraQuery }, errors: [401, 403, 422] }),
  {
    method: "get",
    path: "/api/v1/exports/dora/validation",
    tags,
    summary: "The DORA register checked against its validation rules (mandatory values, closed lists, LEIs, keys, cross-template references) per template, row and column, plus catalog providers missing from it",
    request: { query: DoraQuery },
    ok: { status: 200, schema: ValidationReport, description: "Templates with their row counts, every error and the completeness warnings" },
    errors: [401, 403, 422],
  },
  file("/api/v1/exports/pci.csv", "PCI DSS inventory: systems in or connected to the cardholder data environment, interfaces carrying account data and third-party providers with their service (12.5.1, 12.8.1)", "text/csv as an attachment"),
  file("/api/v1/exports/pci.svg", "PCI DSS 1.2.4 account-data flow diagram: entry points, trust zones (CDE, connected-to, third parties, out of scope) as containers, every flow carrying PAN or sensitive authentication data with its protocol and encryption", "image/svg+xml (standalone SVG) as an attachment"),
  file("/api/v1/exports/pci-software.csv", "PCI DSS 6.3.2 inventory of bespoke and custom software (INTERNAL and LEGACY systems in or connected to the CDE) with the interfaces, third-party APIs and services the catalog knows; libraries as not recorded", "text/csv as an attachment", { request: { query: CsvQuery }, errors: [401, 403, 422] }),
  file("/api/v1/exports/pci-keys.csv", "PCI DSS 4.2.1.1 inventory of keys and certificates protecting PAN in transit: per interface carrying account data, protocol and encryption; certificate data the catalog lacks is written as not recorded", "text/csv as an attachment", { request: { query: CsvQuery }, errors: [401, 403, 422] }),
  file("/api/v1/exports/pci-components.csv", "PCI DSS 12.5.1 inventory of system components in scope with their role (stores / processes / transmits account data, connected-to, security-impacting)", "text/csv as an attachment", { request: { query: CsvQuery }, errors: [401, 403, 422] }),
  file("/api/v1/exports/pci-providers.csv", "PCI DSS 12.8.1 / 12.8.4 / 12.8.5 third-party service providers: service, AOC status and date, and the responsibility matrix per requirement", "text/csv as an attachment", { request: { query: CsvQuery }, errors: [401, 403, 422] }),
  {
    method: "get",
    path: "/api/v1/exports/history",
    tags,
    summary: "The latest exports, from the audit trail",
    ok: { status: 200, schema: ExportHistory, description: "Newest first, with who exported and the row counts" },
    errors,
  },
];
