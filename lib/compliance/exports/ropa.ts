import { effectiveActivity, type ActivityRecord } from "@/lib/compliance/records/register";
import { DATA_SUBJECT_RIGHTS, SECURITY_CONTROLS } from "@/lib/compliance/records/codes";
import { toCsv } from "@/lib/utils/csv";

/** One RoPA column: its header, the Art. 30(1) point it answers (if any), and how to read it from a record. */
export type RopaColumn = { key: string; header: string; article?: string; value: (a: ActivityRecord) => string };

const list = (values: string[], none = "None") => (values.length ? values.join("; ") : none);
const or = (value: string | null | undefined, fallback: string) => (value && value.trim() ? value : fallback);

const ROLE: Record<string, string> = { CONTROLLER: "Controller", JOINT_CONTROLLER: "Joint controller", PROCESSOR: "Processor" };

/**
 * Art. 32(1) measures as the structured controls the officer recorded, plus what the catalog proves about the linked
 * flows (encryption in transit); free text only as "Other". Nothing is inferred that nobody recorded.
 */
export function securityMeasures(a: ActivityRecord): string {
  const parts = a.securityControls.map((c) => SECURITY_CONTROLS[c] ?? c);
  if (a.flows.length) {
    const encrypted = a.flows.filter((f) => f.encryptedInTransit).length;
    parts.push(`Encryption in transit on ${encrypted} of ${a.flows.length} linked flows (catalog)`);
  }
  if (a.securityMeasures) parts.push(`Other: ${a.securityMeasures}`);
  return parts.length ? parts.join("; ") : "Not recorded";
}

const PROCESSOR_KINDS = new Set(["SAAS", "THIRD_PARTY"]);
/** Recipients as the CNIL template splits them: internal systems, processors (vendors' systems) and other recipients. */
function recipientsSplit(a: ActivityRecord) {
  const internal = new Set<string>(), processors = new Set<string>();
  for (const f of a.flows) (PROCESSOR_KINDS.has(f.destination.kind) ? processors : internal).add(PROCESSOR_KINDS.has(f.destination.kind) ? (f.destination.vendor ?? f.destination.name) : f.destination.name);
  return { internal: [...internal], processors: [...processors], external: a.recipients };
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
  { key: "recipientsInternal", header: "Recipients: internal", value: (a) => list(recipientsSplit(a).internal) },
  { key: "recipientsProcessors", header: "Recipients: processors", value: (a) => list(recipientsSplit(a).processors) },
  { key: "processorContract", header: "Processor contract (Art. 28(3))", value: (a) => or(a.processorContract, recipientsSplit(a).processors.length ? "Not recorded" : "Not applicable") },
  { key: "recipientsExternal", header: "Recipients: other (recorded by hand)", value: (a) => list(recipientsSplit(a).external) },
  { key: "source", header: "Source of the personal data", value: (a) => or(a.sourceOfData, "Not recorded") },
  { key: "rights", header: "Data-subject rights available", value: (a) => list(a.dataSubjectRights.map((r) => DATA_SUBJECT_RIGHTS[r] ?? r), "Not recorded") },
  { key: "automatedDecisions", header: "Automated decision-making (Art. 22)", value: (a) => or(a.automatedDecisions, "None recorded") },
  { key: "lawfulBasis", header: "Lawful basis (Art. 6)", value: (a) => or(effectiveActivity(a).lawfulBasis, "Not recorded") },
  { key: "art9Condition", header: "Art. 9 condition", value: (a) => or(a.art9Condition, effectiveActivity(a).specialCategories.length ? "Not recorded" : "Not applicable") },
  { key: "businessFunction", header: "Business function", value: (a) => (a.businessFunction ? `${a.businessFunction.identifier} ${a.businessFunction.name}` : "") },
  { key: "systems", header: "Systems (applications)", value: (a) => list([...new Set(a.flows.flatMap((f) => [f.source.name, f.destination.name]))], "") },
  { key: "locations", header: "Location of personal data (countries)", value: (a) => list(a.derived.countries, "") },
  { key: "flows", header: "Linked data flows", value: (a) => list(a.flows.map((f) => f.name), "") },
  { key: "dpia", header: "DPIA required", value: (a) => (a.dpiaRequired ? `Yes${a.dpiaReference ? ` (${a.dpiaReference})` : ""}` : "No") },
  { key: "created", header: "Record created", value: (a) => a.createdAt.slice(0, 10) },
  { key: "updated", header: "Record last updated", value: (a) => a.updatedAt.slice(0, 10) },
];

/**
 * The processor's record, Art. 30(2), for activities the entity carries out as a processor: the processor, each
 * controller it acts for, their representatives and DPOs, the categories of processing, transfers and security.
 */
export const PROCESSOR_COLUMNS: RopaColumn[] = [
  { key: "activity", header: "Processing activity", value: (a) => a.name },
  { key: "processor", header: "Processor name and contact", article: "30(2)(a)", value: (a) => or(a.entity?.name, "Not recorded") },
  { key: "controller", header: "Controller on whose behalf the processor acts", article: "30(2)(a)", value: (a) => or(a.controllerName, "Not recorded") },
  { key: "controllerContact", header: "Controller contact details", article: "30(2)(a)", value: (a) => or(a.controllerContact, "Not recorded") },
  { key: "otherControllers", header: "Other controllers", article: "30(2)(a)", value: (a) => or(a.jointControllers, "None") },
  { key: "representative", header: "Representatives", article: "30(2)(a)", value: (a) => or(a.representative, "None") },
  { key: "dpo", header: "Data protection officers", article: "30(2)(a)", value: (a) => or(a.dpoContact, "Not recorded") },
  { key: "categories", header: "Categories of processing carried out for the controller", article: "30(2)(b)", value: (a) => or(effectiveActivity(a).purposes, a.name) },
  { key: "transfers", header: "Transfers to third countries or international organisations", article: "30(2)(c)", value: (a) => list(effectiveActivity(a).transferCountries) },
  { key: "safeguards", header: "Transfer safeguards", article: "30(2)(c)", value: (a) => list(effectiveActivity(a).transferSafeguards, effectiveActivity(a).transferCountries.length ? "Not recorded" : "Not applicable") },
  { key: "security", header: "Technical and organisational security measures", article: "30(2)(d)", value: securityMeasures },
  { key: "created", header: "Record created", value: (a) => a.createdAt.slice(0, 10) },
  { key: "updated", header: "Record last updated", value: (a) => a.updatedAt.slice(0, 10) },
];

export type RopaRecord = "controller" | "processor";
const isProcessor = (a: ActivityRecord) => a.role === "PROCESSOR";
/** The activities and columns of one record: the controller's Art. 30(1) or the processor's Art. 30(2). */
export const ropaLayout = (record: RopaRecord, activities: ActivityRecord[]) =>
  record === "processor" ? { columns: PROCESSOR_COLUMNS, activities: activities.filter(isProcessor) } : { columns: ROPA_COLUMNS, activities: activities.filter((a) => !isProcessor(a)) };

/** The Art. 30(1) points a controller's record must cover; the tests hold the export to it. */
export const ART30_POINTS = ["30(1)(a)", "30(1)(b)", "30(1)(c)", "30(1)(d)", "30(1)(e)", "30(1)(f)", "30(1)(g)"] as const;

export const ropaRows = (activities: ActivityRecord[], record: RopaRecord = "controller") => {
  const layout = ropaLayout(record, activities);
  return layout.activities.map((a) => layout.columns.map((c) => c.value(a)));
};

const headerOf = (c: RopaColumn) => (c.article ? `${c.header} [Art. ${c.article}]` : c.header);

/** UTF-8; with `bom`, a byte-order mark first so spreadsheet programs read accents and symbols right. */
export function ropaCsv(activities: ActivityRecord[], options: { record?: RopaRecord; bom?: boolean } = {}): string {
  const layout = ropaLayout(options.record ?? "controller", activities);
  return (options.bom ? "\uFEFF" : "") + toCsv(layout.columns.map(headerOf), ropaRows(activities, options.record));
}

export async function ropaXlsx(activities: ActivityRecord[], generatedAt: Date): Promise<Buffer> {
  const { default: ExcelJS } = await import("exceljs");
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Interchange";
  workbook.created = generatedAt;
  const sheets: [RopaRecord, string][] = [["controller", "Record of processing"], ["processor", "Processor record (Art. 30(2))"]];
  for (const [record, title] of sheets) {
    const layout = ropaLayout(record, activities);
    const sheet = workbook.addWorksheet(title, { views: [{ state: "frozen", ySplit: 1, xSplit: 1 }] });
    sheet.columns = layout.columns.map((c) => ({ header: headerOf(c), key: c.key, width: c.key === "activity" ? 34 : 28 }));
    // Cell values are written as text, never as formulas: exceljs only evaluates { formula } objects.
    for (const activity of layout.activities) sheet.addRow(Object.fromEntries(layout.columns.map((c) => [c.key, c.value(activity)])));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).alignment = { wrapText: true, vertical: "top" };
    sheet.eachRow((row, n) => {
      if (n > 1) row.alignment = { wrapText: true, vertical: "top" };
    });
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: layout.columns.length } };
  }
  const about = workbook.addWorksheet("About");
  about.addRow(["Record of processing activities (GDPR Art. 30(1) controller record, Art. 30(2) processor record)"]);
  about.addRow(["Generated", generatedAt.toISOString()]);
  about.addRow(["Activities", activities.length]);
  about.addRow(["Lists marked from the catalog merge the officer's entries with the linked flows' categories, subjects and recipients."]);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** DejaVu Sans covers Latin, Greek, Cyrillic, arrows and most symbols; embedded, so every character prints. */
async function unicodeFonts(): Promise<{ regular: Buffer; bold: Buffer }> {
  const { readFile } = await import("node:fs/promises");
  const path = await import("node:path");
  const dir = path.join(process.cwd(), "node_modules", "dejavu-fonts-ttf", "ttf");
  const [regular, bold] = await Promise.all([readFile(path.join(dir, "DejaVuSans.ttf")), readFile(path.join(dir, "DejaVuSans-Bold.ttf"))]);
  return { regular, bold };
}

/**
 * A printable record: one page per processing activity, each point of Art. 30(1) (or 30(2) for processor activities)
 * under its own heading. Tagged PDF (headings and paragraphs in the structure tree, document language, title shown)
 * so screen readers can follow it; the Unicode font is embedded (subset) so names like "Zürich → São Paulo" print.
 */
export async function ropaPdf(activities: ActivityRecord[], generatedAt: Date): Promise<Buffer> {
  const { default: PDFDocument } = await import("pdfkit");
  const fonts = await unicodeFonts();
  const title = "Record of processing activities (GDPR Art. 30)";
  const doc = new PDFDocument({
    size: "A4", margin: 48, autoFirstPage: false, pdfVersion: "1.7", tagged: true, lang: "en-GB", displayTitle: true,
    info: { Title: title, Creator: "Interchange" },
  });
  doc.registerFont("Body", fonts.regular);
  doc.registerFont("Bold", fonts.bold);
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });
  const tag = (type: string, write: () => void) => doc.addStructure(doc.struct(type, {}, write));
  const stamp = generatedAt.toISOString().slice(0, 10);
  const ordered = [...ropaLayout("controller", activities).activities, ...ropaLayout("processor", activities).activities];
  if (ordered.length === 0) {
    doc.addPage();
    tag("H1", () => doc.font("Bold").fontSize(16).text(title));
    tag("P", () => doc.moveDown().font("Body").fontSize(10).text("No processing activities are recorded yet."));
  }
  ordered.forEach((activity, index) => {
    const processor = activity.role === "PROCESSOR";
    const columns = processor ? PROCESSOR_COLUMNS : ROPA_COLUMNS;
    doc.addPage();
    tag("P", () => doc.font("Body").fontSize(8).fillColor("#555555").text(`${title} · ${processor ? "processor record, Art. 30(2)" : "controller record, Art. 30(1)"} · generated ${stamp} · ${index + 1} of ${ordered.length}`));
    tag("H1", () => doc.moveDown(0.5).font("Bold").fontSize(15).fillColor("#000000").text(activity.name));
    doc.moveDown(0.5);
    for (const column of columns.slice(1)) {
      const value = column.value(activity);
      if (!value) continue;
      tag("H2", () => doc.font("Bold").fontSize(9).text(column.article ? `${column.header} (Art. ${column.article})` : column.header));
      tag("P", () => doc.font("Body").fontSize(9).text(value, { paragraphGap: 4 }));
    }
  });
  doc.end();
  return done;
}
