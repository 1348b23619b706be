import ExcelJS from "exceljs";
import JSZip from "jszip";
import { SaxesParser } from "saxes";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { parseCsv } from "./csv-parse";
import { doraValidation, exportDataflows, exportDora, exportPci, exportRopa, listExportHistory } from "./data";
import { ALL_TEMPLATE_IDS, TEMPLATES } from "./dora-templates";
import { DORA_MODULE, REPORT_PACKAGE_TYPE, XBRL_CSV_TYPE } from "./dora";
import { seedExportFixture } from "./fixtures";
import { createRecord, deleteRecord } from "@/lib/compliance/records/data";
import { ART30_POINTS, ROPA_COLUMNS } from "./ropa";

const database = setupTestDatabase();
let officer: Ctx;
let member: Ctx;
let fixture: Awaited<ReturnType<typeof seedExportFixture>>;
const NOW = new Date("2026-02-15T10:30:00.000Z");

beforeAll(async () => {
  officer = await actAs(database(), "COMPLIANCE");
  member = await actAs(database(), "MEMBER");
  fixture = await seedExportFixture(database().prisma, officer);
});

const text = (body: Buffer | string) => (typeof body === "string" ? body : body.toString("utf8"));

describe("DORA Register of Information package", () => {
  it("is an xBRL-CSV report package with the exact layout, valid JSON and one CSV per filled template", async () => {
    const file = await exportDora(officer, "2025-12-31", NOW);
    const entityLei = fixture.records.entity.lei as string;
    const name = `${entityLei}.IND_DE_DORA010100_DORA_2025-12-31_20260215103000000`;
    expect(file.filename).toBe(`${name}.zip`);
    const zip = await JSZip.loadAsync(file.body as Buffer);
    const files = Object.keys(zip.files).filter((f) => !zip.files[f].dir).sort();
    const filled = ["b_01.01", "b_01.02", "b_02.01", "b_02.02", "b_03.01", "b_03.02", "b_04.01", "b_05.01", "b_05.02", "b_06.01", "b_07.01"];
    expect(files).toEqual(
      [
        `${name}/META-INF/reportPackage.json`,
        `${name}/reports/FilingIndicators.csv`,
        `${name}/reports/parameters.csv`,
        `${name}/reports/report.json`,
        ...filled.map((t) => `${name}/reports/${t}.csv`),
      ].sort(),
    );
    const read = (path: string) => zip.file(`${name}/${path}`)!.async("string");
    expect(JSON.parse(await read("META-INF/reportPackage.json"))).toEqual({ documentInfo: { documentType: REPORT_PACKAGE_TYPE } });
    expect(JSON.parse(await read("reports/report.json"))).toEqual({ documentInfo: { documentType: XBRL_CSV_TYPE, extends: [DORA_MODULE] } });
    expect(parseCsv(await read("reports/parameters.csv"))).toEqual([
      ["name", "value"],
      ["entityID", `rs:${entityLei}.IND`],
      ["refPeriod", "2025-12-31"],
      ["baseCurrency", "iso4217:EUR"],
      ["decimalsInteger", "0"],
      ["decimalsMonetary", "-3"],
    ]);
    const indicators = parseCsv(await read("reports/FilingIndicators.csv"));
    expect(indicators[0]).toEqual(["templateID", "reported"]);
    expect(indicators.slice(1).map((r) => r[0])).toEqual([...ALL_TEMPLATE_IDS]);
    for (const [id, reported] of indicators.slice(1)) expect(reported).toBe(filled.includes(id.toLowerCase()) ? "true" : "false");

    for (const t of filled) {
      const rows = parseCsv(await read(`reports/${t}.csv`));
      const template = TEMPLATES.find((x) => x.id.toLowerCase() === t)!;
      expect(rows[0]).toEqual(template.columns.map((c) => c.code));
      expect(rows[0][0]).toBe("c0010");
      for (const row of rows.slice(1)) expect(row).toHaveLength(rows[0].length);
    }
    const b0101 = parseCsv(await read("reports/b_01.01.csv"));
    expect(b0101[1]).toEqual([entityLei, fixture.records.entity.name, "eba_GA:DE", "eba_CT:x12", "BaFin", "2025-12-31"]);
    const b0202 = parseCsv(await read("reports/b_02.02.csv"));
    const crmRow = b0202.find((r) => r[0] === fixture.records.contract.reference)!;
    // Provider code, function, Annex III SaaS code, open end date, governing law as eba_GA, storage derived from the CRM's hosting (US).
    expect(crmRow.slice(0, 8)).toEqual([fixture.records.contract.reference, entityLei, fixture.records.provider.code, "eba_qCO:qx2000", "F1", "eba_TA:S19", "2024-01-01", "9999-12-31"]);
    // One row per storage x processing country: the CRM stores in the US and processes in the US and India.
    const crmRows = b0202.filter((r) => r[0] === fixture.records.contract.reference);
    expect(crmRows.map((r) => `${r[14]}>${r[15]}`).sort()).toEqual(["eba_GA:US>eba_GA:IN", "eba_GA:US>eba_GA:US"]);
    expect(crmRow[11]).toBe("eba_GA:IE");
    expect(crmRow[13]).toBe("eba_BT:x28");
    expect(crmRow[14]).toBe("eba_GA:US");
    // c0170 from the highest classification the CRM's flows carry (CONFIDENTIAL -> medium).
    expect(crmRow[16]).toBe("eba_ZZ:x792");
    expect(crmRow[17]).toBe("eba_ZZ:x796");
    const b0601 = parseCsv(await read("reports/b_06.01.csv"));
    expect(b0601[1]).toEqual(["F1", "eba_TA:x262", "Customer service", entityLei, "eba_BT:x28", "", "2025-06-30", "4", "", "eba_ZZ:x792"]);
    const b0501 = parseCsv(await read("reports/b_05.01.csv"));
    expect(b0501.slice(1).map((r) => r[4]).sort()).toEqual([fixture.records.provider.name, fixture.records.uncoded.name].sort());
    expect(b0501.find((r) => r[4] === fixture.records.provider.name)!.slice(6, 10)).toEqual(["eba_CT:x212", "eba_GA:US", "eba_CU:EUR", "120000"]);
  });

  it("reports each missing mandatory value by template, row and column before export", async () => {
    const report = await doraValidation(officer, "2025-12-31");
    const at = (template: string, column: string) => report.issues.filter((i) => i.template === template && i.column === column);
    // The function's RPO, the uncoded provider everywhere its code is needed, and the logistics contract's annual cost.
    expect(at("B_06.01", "c0090")).toEqual([expect.objectContaining({ row: 1, rowKey: "F1 Customer service", label: "Recovery point objective of the function (hours)" })]);
    expect(at("B_05.01", "c0010").map((i) => i.rowKey)).toEqual([fixture.records.uncoded.name]);
    expect(at("B_02.01", "c0050").map((i) => i.rowKey)).toEqual([`LOG-${fixture.tag}`]);
    // The warehouse service supports no function: B_02.02 c0050 is missing for it, not for the CRM.
    expect(at("B_02.02", "c0050").map((i) => i.rowKey)).toEqual([`LOG-${fixture.tag} / Warehouse ${fixture.tag} / NL / NL`]);
    // Complete values are not reported.
    expect(at("B_01.01", "c0050")).toEqual([]);
    expect(report.templates.find((t) => t.id === "B_07.01")!.rows).toBe(1);
  });
});

describe("GDPR Art. 30 record of processing activities", () => {
  it("has a row per processing activity with every Art. 30(1) point filled, merged with the linked flows", async () => {
    const file = await exportRopa(officer, "csv", NOW);
    expect(file.filename).toBe("ropa-2026-02-15.csv");
    const rows = parseCsv(text(file.body));
    const header = rows[0];
    for (const point of ART30_POINTS) expect(header.some((h) => h.includes(`[Art. ${point}]`))).toBe(true);
    expect(rows).toHaveLength(1 + 2);
    const byName = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    // Formula injection: the activity named "=HYPERLINK(...)" is written as text.
    const crm = byName.get(`'=HYPERLINK("http://evil.example") ${fixture.tag}`)!;
    expect(crm).toBeDefined();
    for (const column of ROPA_COLUMNS.filter((c) => c.article)) expect(crm[`${column.header} [Art. ${column.article}]`]).not.toBe("");
    expect(crm["Controller name [Art. 30(1)(a)]"]).toBe(fixture.records.entity.name);
    expect(crm["Purposes of the processing [Art. 30(1)(b)]"]).toBe("Customer service");
    expect(crm["Categories of personal data [Art. 30(1)(c)]"]).toBe("contact data");
    expect(crm["Categories of recipients [Art. 30(1)(d)]"]).toBe(`Acme CRM Inc. ${fixture.tag} (external: CRM ${fixture.tag}, US)`);
    // The CRM is hosted in the US and processes in India too: both are transfers, whatever the flow's destination says.
    expect(crm["Transfers to third countries or international organisations [Art. 30(1)(e)]"]).toBe("US; IN");
    expect(crm["Transfer safeguards [Art. 30(1)(e)]"]).toBe("US, IN: Art. 46(2)(c) Commission standard contractual clauses; document DPA-7");
    expect(crm["Time limits for erasure [Art. 30(1)(f)]"]).toBe("6 years");
    const cards = byName.get(`Card payments ${fixture.tag}`)!;
    expect(cards["Categories of data subjects [Art. 30(1)(c)]"]).toBe("cardholders; customers");
    expect(cards["Transfers to third countries or international organisations [Art. 30(1)(e)]"]).toBe("None");
    // Structured: the catalog's evidence (the card flow is recorded as unencrypted) and the officer's text as "Other".
    expect(cards["Technical and organisational security measures [Art. 30(1)(g)]"]).toBe("Encryption in transit on 0 of 1 linked flows (catalog); Other: Tokenisation; TLS 1.3");
  });

  it("re-reads as a workbook with the same rows", async () => {
    const file = await exportRopa(officer, "xlsx", NOW);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Record of processing")!;
    expect(sheet.rowCount).toBe(3);
    expect(sheet.getRow(1).getCell(1).value).toBe("Processing activity");
    const names = [sheet.getRow(2).getCell(1).value, sheet.getRow(3).getCell(1).value];
    // The formula-looking name is plain text in the cell, never a formula.
    expect(names).toContain(`=HYPERLINK("http://evil.example") ${fixture.tag}`);
    expect(sheet.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
  });

  it("prints a PDF with each activity starting on its own page under its own heading", async () => {
    const file = await exportRopa(officer, "pdf", NOW);
    const pdf = file.body as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const pages = pdf.toString("latin1").match(/\/Type \/Page\b/g) ?? [];
    expect(pages.length).toBeGreaterThanOrEqual(2);
    expect(pdf.toString("latin1").match(/\/S \/H1\b/g)).toHaveLength(2);
    // Tagged for accessibility, with its language, and the Unicode font embedded rather than a standard 14 font.
    const raw = pdf.toString("latin1");
    expect(raw).toMatch(/\/StructTreeRoot/);
    expect(raw).toMatch(/\/MarkInfo/);
    expect(raw).toMatch(/\/Marked true/);
    expect(raw).toMatch(/\/Lang \(en-GB\)/);
    expect(raw).toMatch(/\/BaseFont \/[A-Z]{6}\+DejaVuSans/);
    expect(raw).toMatch(/\/FontFile2/);
    expect(raw).not.toMatch(/\/BaseFont \/Helvetica/);
  });

  it("keeps processor activities in their own Art. 30(2) layout, with structured security controls and the ICO/CNIL columns", async () => {
    const activity = await createRecord(officer, "activities", {
      name: `Payroll Zürich → São Paulo ${fixture.tag}`, role: "PROCESSOR", entityId: fixture.records.entity.id, controllerName: "Kunde GmbH", controllerContact: "datenschutz@kunde.example",
      dpoContact: "dpo@bank.example", securityControls: ["ENCRYPTION_AT_REST", "ACCESS_CONTROL", "LOGGING"], sourceOfData: "The controller's HR system",
      dataSubjectRights: ["ACCESS", "ERASURE"], flowIds: [fixture.flows.toCrm.id],
    });
    try {
      const processor = parseCsv(text((await exportRopa(officer, "csv", NOW, { record: "processor" })).body));
      expect(processor[0]).toEqual(expect.arrayContaining(["Controller on whose behalf the processor acts [Art. 30(2)(a)]", "Technical and organisational security measures [Art. 30(2)(d)]"]));
      const row = Object.fromEntries(processor[0].map((h, i) => [h, processor[1][i]]));
      expect(processor).toHaveLength(2);
      expect(row["Processing activity"]).toBe(`Payroll Zürich → São Paulo ${fixture.tag}`);
      expect(row["Controller on whose behalf the processor acts [Art. 30(2)(a)]"]).toBe("Kunde GmbH");
      expect(row["Technical and organisational security measures [Art. 30(2)(d)]"]).toBe(
        "Encryption at rest; Role-based access control with least privilege; Access and change logging with monitoring; Encryption in transit on 1 of 1 linked flows (catalog)",
      );
      // The controller's record leaves it out; the CSV with a byte-order mark opens in a spreadsheet with its accents intact.
      const controller = text((await exportRopa(officer, "csv", NOW, { bom: true })).body);
      expect(controller.charCodeAt(0)).toBe(0xfeff);
      expect(controller).not.toContain("Payroll Zürich");
      const header = parseCsv(controller.slice(1))[0];
      expect(header).toEqual(expect.arrayContaining(["Recipients: processors", "Processor contract (Art. 28(3))", "Source of the personal data", "Data-subject rights available", "Automated decision-making (Art. 22)", "Record created", "Record last updated"]));
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await exportRopa(officer, "xlsx", NOW)).body as unknown as ArrayBuffer);
      expect(workbook.getWorksheet("Processor record (Art. 30(2))")!.rowCount).toBe(2);
    } finally {
      await deleteRecord(officer, "activities", activity.id);
    }
  });
});

describe("data-flow map and PCI DSS", () => {
  it("lists each personal-data flow with its source, destination, categories, countries, transfer tool, purpose and basis", async () => {
    const rows = parseCsv(text((await exportDataflows(officer, NOW)).body));
    const crm = rows.find((r) => r[1] === fixture.flows.toCrm.id)!;
    expect(crm.slice(2, 16)).toEqual([
      `Shop ${fixture.tag}`, `CRM ${fixture.tag}`, `External: Acme CRM Inc. ${fixture.tag}`, "contact data", "customers", "", "Customer service", "Art. 6(1)(b) contract",
      "DE", "US", "US; IN; DE", "US; IN", "Art. 46(2)(c) Commission standard contractual clauses; document DPA-7", "DPA-7",
    ]);
    expect(rows.some((r) => r[1] === fixture.flows.toWarehouse.id)).toBe(false);
  });

  it("inventories the CDE systems, the interface carrying PAN and the third-party provider connected to it", async () => {
    const rows = parseCsv(text((await exportPci(officer, "csv", NOW)).body));
    const named = (kind: string) => rows.filter((r) => r[0] === kind).map((r) => `${r[2]}:${r[3]}`);
    expect(named("system")).toEqual(expect.arrayContaining([`Shop ${fixture.tag}:CDE`, `Card Vault ${fixture.tag}:CDE`, `Warehouse ${fixture.tag}:connected-to`, `CRM ${fixture.tag}:connected-to`]));
    const cardApi = rows.find((r) => r[0] === "interface" && r[2] === `Card API ${fixture.tag}`)!;
    expect(cardApi[8]).toBe("EXPIRY; PAN");
    expect(cardApi[10]).toBe("no");
    expect(named("third-party provider")).toContain(`Logistics BV ${fixture.tag}:connected-to`);
  });

  it("draws the account-data flows as a standalone, well-formed SVG", async () => {
    const svg = text((await exportPci(officer, "svg", NOW)).body);
    const elements: string[] = [];
    const parser = new SaxesParser({ xmlns: true });
    parser.on("opentag", (tag) => elements.push(tag.local));
    parser.write(svg).close();
    expect(elements[0]).toBe("svg");
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain(`Card Vault ${fixture.tag}`);
    expect(svg).toContain(`Card API ${fixture.tag}`);
    // The account-data flow is drawn dashed and labelled as not encrypted in transit; the other edges are the
    // connected-to systems' flows, which carry no account data.
    expect(svg).toContain('stroke-dasharray="6 4" marker-end');
    expect(svg).toContain("HTTP · NOT encrypted in transit");
    const edges = [...svg.matchAll(/<g class="edge" data-edge="[^"]*"(?: data-flow="[^"]*")? data-encryption="([\w ]+)"><title>([^<]*)<\/title>/g)];
    expect(edges.filter(([, , tip]) => !tip.includes("no account data")).map(([, encryption, tip]) => [encryption, tip.split(":")[0]])).toEqual([["not encrypted", `Card API ${fixture.tag}`]]);
    expect(elements.filter((e) => e === "polyline").length).toBe(edges.length);
  });
});

describe("authorization and audit", () => {
  it("refuses every export to a MEMBER", async () => {
    await expect(exportRopa(member, "csv")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportRopa(member, "pdf")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportDataflows(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportDora(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(exportPci(member, "svg")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(doraValidation(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("writes one audit event per export with its row counts, shown in the export history", async () => {
    const before = await database().prisma.auditEvent.count({ where: { action: { startsWith: "export." } } });
    await exportRopa(officer, "csv", NOW);
    await exportPci(officer, "csv", NOW);
    const events = await database().prisma.auditEvent.findMany({ where: { action: { startsWith: "export." } }, orderBy: { seq: "desc" }, take: 2 });
    expect(await database().prisma.auditEvent.count({ where: { action: { startsWith: "export." } } })).toBe(before + 2);
    expect(events[1]).toMatchObject({ action: "export.ropa.csv", actorEmail: officer.actor!.email, after: { filename: "ropa-2026-02-15.csv", activities: 2 } });
    expect(events[0]).toMatchObject({ action: "export.pci.csv", after: { systems: 4, interfaces: 1, providers: 2 } });
    const history = await listExportHistory(officer);
    expect(history[0]).toMatchObject({ format: "pci.csv", actorEmail: officer.actor!.email, counts: { systems: 4, interfaces: 1, providers: 2 } });
    await expect(listExportHistory(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
