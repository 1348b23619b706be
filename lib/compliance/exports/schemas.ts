import { z } from "zod";

export const EXPORT_FORMATS = ["ropa.csv", "ropa.xlsx", "ropa.pdf", "dataflows.csv", "dora.zip", "pci.csv", "pci.svg", "pci-software.csv", "pci-keys.csv", "pci-components.csv", "pci-providers.csv"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const DoraQuery = z
  .object({ refDate: z.iso.date("Use the reference date as YYYY-MM-DD").optional() })
  .meta({ id: "DoraQuery" });

const Flag = z.enum(["0", "1", "true", "false"]).transform((v) => v === "1" || v === "true");
export const CsvQuery = z
  .object({
    bom: Flag.optional().describe("1: start with a UTF-8 byte-order mark, so Excel reads accents and symbols right"),
    record: z.enum(["controller", "processor"]).optional().describe("RoPA only: the controller's Art. 30(1) record (default) or the processor's Art. 30(2) record"),
  })
  .meta({ id: "CsvQuery" });

export const ValidationIssue = z
  .object({
    template: z.string().describe("Template id, e.g. B_02.02"),
    row: z.number().int().describe("1-based data row of the template"),
    rowKey: z.string().describe("What the row is about, e.g. the contract reference"),
    column: z.string().describe("Column code, e.g. c0050"),
    label: z.string(),
    message: z.string(),
    rule: z.string().describe("mandatory, format, unique-key, reference, date-order, latin, or completeness"),
    severity: z.enum(["error", "warning"]).describe("An error makes the package fail the authority's checks; a warning is a known gap"),
  })
  .meta({ id: "DoraValidationIssue" });

export const ValidationReport = z
  .object({
    refDate: z.string(),
    templates: z.array(z.object({ id: z.string(), title: z.string(), rows: z.number().int() })),
    issues: z.array(ValidationIssue),
    errors: z.number().int(),
    warnings: z.number().int(),
  })
  .meta({ id: "DoraValidationReport" });

export const ExportHistoryItem = z
  .object({
    id: z.string(),
    at: z.string(),
    format: z.string(),
    actorEmail: z.string().nullable(),
    filename: z.string().nullable(),
    counts: z.record(z.string(), z.unknown()),
  })
  .meta({ id: "ExportHistoryItem" });
export type ExportHistoryItem = z.infer<typeof ExportHistoryItem>;
export const ExportHistory = z.object({ items: z.array(ExportHistoryItem) }).meta({ id: "ExportHistory" });
