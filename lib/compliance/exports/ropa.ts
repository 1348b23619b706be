import { effectiveActivity, type ActivityRecord } from "@/lib/compliance/records/register";
import { toCsv } from "@/lib/utils/csv";

/** One RoPA column: its header, the Art. 30(1) point it answers (if any), and how to read it from a record. */
export type RopaColumn = { key: string; header: string; article?: string; value: (a: ActivityRecord) => string };

const list = (values: string[], none = "None") => (values.length ? values.join("; ") : none);
const or = (value: string | null | undefined, fallback: string) => (value && value.trim() ? value : fallback);

const ROLE: Record<string, string> = { CONTROLLER: "Controller", JOINT_CONTROLLER: "Joint controller", PROCESSOR: "Processor" };

/** Security measures: what the officer wrote, else what the catalog knows about encryption on the linked flows. */
function securityMeasures(a: ActivityRecord): string {
  if (a.securityMeasures) return a.securityMeasures;
  if (a.flows.length === 0) return "Not recorded";
  const encrypted = a.flows.filter((f) => f.encryptedInTransit).length;
  return `Encryption in transit on ${encrypted} of ${a.flows.length} linked flows (from the catalog); other measures not recorded`;
}

/** Every Art. 30(1) point (a)-(g), then the columns supervisory templates add. */
export const ROPA_COLUMNS: RopaColumn[] = [
  { key: "activity", header: "Processing activity", value: (a) => a.name },
  { key: "role", header: "Role", value: (a) => ROLE[a.role] ?? a.role },
  { key: "controller", header: "Controller name", article: "30(1)(a)", value: (a) => or(effectiveActivity(a).controller, "Not recorded") },
  { key: "controllerContact", header: "Controller contact details", article: "30(1)(a)", value: (a) => or(a.controllerContact, "Not recorded") },
  { key: "jointControllers", header: "Joint controllers", article: "30(1)(a)", value: (a) => or(a.jointControllers, "None") },
  { key: "representative", header: "Controller's representative", article: "30(1)(a)", value: (a) => or(a.representative, "None") },
  { key: "dpo", header: "Data protection officer", article: "30(1)(a)", value: (a) => or(a.dpoContact, "Not recorded") },
  { key: "purposes", header: "Purposes of the processing", article: "30(1)(b)", value: (a) => or(effectiveActivity(a).purposes, "Not recorded") },
  { key: "dataSubjects", header: "Categories of data subjects", article: "30(1)(c)", value: (a) => list(effectiveActivity(a).dataSubjects, "Not recorded") },
  { key: "dataCategories", header: "Categories of personal data", article: "30(1)(c)", value: (a) => list(effectiveActivity(a).dataCategories, "Not recorded") },
  { key: "specialCategories", header: "Special categories (Art. 9) and criminal data (Art. 10)", article: "30(1)(c)", value: (a) => list(effectiveActivity(a).specialCategories) },
  { key: "recipients", header: "Categories of recipients", article: "30(1)(d)", value: (a) => list(effectiveActivity(a).recipients) },
  { key: "transfers", header: "Transfers to third countries or international organisations", article: "30(1)(e)", value: (a) => list(effectiveActivity(a).transferCountries) },
  { key: "safeguards", header: "Transfer safeguards", article: "30(1)(e)", value: (a) => list(effectiveActivity(a).transferSafeguards, effectiveActivity(a).transferCountries.length ? "Not recorded" : "Not applicable") },
  { key: "retention", header: "Time limits for erasure", article: "30(1)(f)", value: (a) => or(a.retention, "Not recorded") },
  { key: "security", header: "Technical and organisational security measures", article: "30(1)(g)", value: securityMeasures },
  { key: "lawfulBasis", header: "Lawful basis (Art. 6)", value: (a) => or(effectiveActivity(a).lawfulBasis, "Not recorded") },
  { key: "art9Condition", header: "Art. 9 condition", value: (a) => or(a.art9Condition, effectiveActivity(a).specialCategories.length ? "Not recorded" : "Not applicable") },
  { key: "businessFunction", header: "Business function", value: (a) => (a.businessFunction ? `${a.businessFunction.identifier} ${a.businessFunction.name}` : "") },
  { key: "systems", header: "Systems (applications)", value: (a) => list([...new Set(a.flows.flatMap((f) => [f.source.name, f.destination.name]))], "") },
  { key: "locations", header: "Location of personal data (countries)", value: (a) => list(a.derived.countries, "") },
  { key: "flows", header: "Linked data flows", value: (a) => list(a.flows.map((f) => f.name), "") },
  { key: "dpia", header: "DPIA required", value: (a) => (a.dpiaRequired ? `Yes${a.dpiaReference ? ` (${a.dpiaReference})` : ""}` : "No") },
];

/** The Art. 30(1) points a controller's record must cover; the tests hold the export to it. */
export const ART30_POINTS = ["30(1)(a)", "30(1)(b)", "30(1)(c)", "30(1)(d)", "30(1)(e)", "30(1)(f)", "30(1)(g)"] as const;

export const ropaRows = (activities: ActivityRecord[]) => activities.map((a) => ROPA_COLUMNS.map((c) => c.value(a)));

const headerOf = (c: RopaColumn) => (c.article ? `${c.header} [Art. ${c.article}]` : c.header);

export function ropaCsv(activities: ActivityRecord[]): string {
  return toCsv(ROPA_COLUMNS.map(headerOf), ropaRows(activities));
}

export async function ropaXlsx(activities: ActivityRecord[], generatedAt: Date): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Interchange";
  workbook.created = generatedAt;
  const sheet = workbook.addWorksheet("Record of processing", { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
  sheet.columns = ROPA_COLUMNS.map((c) => ({ header: headerOf(c), key: c.key, width: c.key === "activity" ? 34 : 28 }));
  for (const activity of activities) {
    // Cell values are written as text, never as formulas: exceljs only evaluates { formula } objects.
    sheet.addRow(Object.fromEntries(ROPA_COLUMNS.map((c) => [c.key, c.value(activity)])));
  }
  sheet.getRow(1).font = { bold: true };
  sheet.getRow(1).alignment = { wrapText: true, vertical: "top" };
  sheet.eachRow((row, n) => {
    if (n > 1) row.alignment = { wrapText: true, vertical: "top" };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: ROPA_COLUMNS.length } };
  const about = workbook.addWorksheet("About");
  about.addRow(["Record of processing activities (GDPR Art. 30(1))"]);
  about.addRow(["Generated", generatedAt.toISOString()]);
  about.addRow(["Activities", activities.length]);
  about.addRow(["Lists marked from the catalog merge the officer's entries with the linked flows' categories, subjects and recipients."]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A printable record: one page per processing activity, each point of Art. 30(1) under its own heading. */
export async function ropaPdf(activities: ActivityRecord[], generatedAt: Date): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const doc = new PDFDocument({ size: "A4", margin: 48, autoFirstPage: false, info: { Title: "Record of processing activities (GDPR Art. 30)", Creator: "Interchange" } });
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const stamp = generatedAt.toISOString().slice(0, 10);
  if (activities.length === 0) {
    doc.addPage();
    doc.font("Helvetica-Bold").fontSize(16).text("Record of processing activities (GDPR Art. 30)");
    doc.moveDown().font("Helvetica").fontSize(10).text("No processing activities are recorded yet.");
  }
  activities.forEach((activity, index) => {
    doc.addPage();
    doc.font("Helvetica").fontSize(8).fillColor("#555555").text(`Record of processing activities (GDPR Art. 30) · generated ${stamp} · ${index + 1} of ${activities.length}`);
    doc.moveDown(0.5).font("Helvetica-Bold").fontSize(15).fillColor("#000000").text(activity.name);
    doc.moveDown(0.5);
    for (const column of ROPA_COLUMNS.slice(1)) {
      const value = column.value(activity);
      if (!value) continue;
      doc.font("Helvetica-Bold").fontSize(9).text(column.article ? `${column.header} (Art. ${column.article})` : column.header);
      doc.font("Helvetica").fontSize(9).text(value, { paragraphGap: 4 });
    }
  });
  doc.end();
  return done;
}
