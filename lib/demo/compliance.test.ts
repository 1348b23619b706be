import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { doraPackage, readPackageTables, validateRegister } from "@/lib/compliance/exports/dora";
import { validateTables } from "@/lib/compliance/exports/dora-rules";
import { TEMPLATES } from "@/lib/compliance/exports/dora-templates";
import { withLeiCheckDigits } from "@/lib/compliance/records/codes";
import { loadRegister, type Register } from "@/lib/compliance/records/register";
import { COMPLIANCE_GAPS } from "./flow-rules";
import { DEMO_REGISTER_GAPS } from "./records";
import { seedDemoEstate } from "./seed";

// The policy each deliberate gap of the demo story must trip.
const EXPECTED: Record<string, string> = {
  "Customer Profile API|hubspot": "transfer-without-tool",
  "storefront.clickstream.v1|segment": "transfer-without-tool",
  "Zendesk ticket export|support-bpo": "transfer-without-tool",
  "DB2 account replica|databricks": "unencrypted-sensitive",
  "Card Lifecycle Service|online-banking": "unencrypted-sensitive",
  "Loyalty partner campaign export|braze": "personal-without-basis",
  "Recruiting funnel export|snowflake": "personal-without-basis",
};

describe("demo compliance", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await seedDemoEstate(database.prisma);
  }, 900_000);
  afterAll(() => database.dispose());

  it("shows every deliberate compliance gap as a violation of the right policy", async () => {
    expect(Object.keys(EXPECTED).sort()).toEqual(COMPLIANCE_GAPS.map((g) => `${g.interface}|${g.consumer}`).sort());
    for (const gap of COMPLIANCE_GAPS) {
      const violations = await database.prisma.policyViolation.findMany({
        where: { flow: { interface: { name: gap.interface }, consumerSystem: { slug: gap.consumer } } },
      });
      expect(violations.map((v) => v.policy), gap.finding).toContain(EXPECTED[`${gap.interface}|${gap.consumer}`]);
    }
  });

  it("has no transfer violation beyond the deliberate gaps: every other non-EEA transfer carries its evidence", async () => {
    const transfers = await database.prisma.policyViolation.findMany({
      where: { policy: "transfer-without-tool" },
      include: { flow: { select: { interface: { select: { name: true } }, consumerSystem: { select: { slug: true } } } } },
    });
    const gaps = Object.entries(EXPECTED).filter(([, policy]) => policy === "transfer-without-tool").map(([key]) => key).sort();
    expect(transfers.map((v) => `${v.flow!.interface.name}|${v.flow!.consumerSystem.slug}`).sort()).toEqual(gaps);
  });

  describe("DORA register of the demo estate against the validation rules", () => {
    const refDate = "2025-12-31";
    const options = { refDate };
    // The rows each deliberate gap touches: the gap itself and the rows that repeat the missing value.
    const GAP_ROWS = /ICT-2024-031|Stripe Payments Europe|SCHUFA|ICT-2021-007|^F4 |ICT-2019-002/;

    /** The demo register with its deliberate gaps filled in, as an officer would. */
    function completed(register: Register): Register {
      const copy = structuredClone(register);
      copy.arrangements.find((a) => a.reference === "ICT-2024-031")!.annualCost = 240_000;
      const schufa = copy.providers.find((p) => p.name === "SCHUFA Holding AG")!;
      schufa.code = withLeiCheckDigits("529900SCHUFAHOLD01");
      for (const a of copy.arrangements.filter((x) => x.providerId === schufa.id)) a.provider.code = schufa.code;
      Object.assign(copy.functions.find((f) => f.identifier === "F4")!, { rtoHours: 8, rpoHours: 1 });
      copy.services.find((x) => x.name === "SWIFT Alliance Access")!.exitPlan = true;
      return copy;
    }

    it("names the deliberate gaps of the demo as shipped, and only errors that follow from them", async () => {
      const report = validateRegister(await loadRegister(database.prisma), options);
      const errors = report.issues.filter((i) => i.severity === "error");
      console.log(JSON.stringify({ demoRegister: { errors: errors.length, warnings: report.warnings, errorsNamed: errors.map((e) => `${e.template} ${e.rowKey} ${e.column} ${e.rule}`) } }));
      for (const gap of DEMO_REGISTER_GAPS) expect(errors, JSON.stringify(gap)).toContainEqual(expect.objectContaining({ ...gap, rule: "mandatory" }));
      expect(errors.filter((e) => !GAP_ROWS.test(e.rowKey)).map((e) => e.message)).toEqual([]);
      // Catalog vendors without a contract are listed, not dropped.
      expect(report.issues).toContainEqual(expect.objectContaining({ severity: "warning", rule: "completeness", template: "B_05.01", rowKey: "HubSpot" }));
    });

    it("prints zero errors for the completed register, read back from its own xBRL-CSV package", async () => {
      const register = completed(await loadRegister(database.prisma));
      const report = validateRegister(register, options);
      const pkg = await doraPackage(register, options, new Date("2026-02-15T10:30:00Z"));
      const filed = validateTables(TEMPLATES, await readPackageTables(pkg.zip), refDate);
      console.log(JSON.stringify({ completedRegister: { errors: report.errors, errorsInPackage: filed.length, rows: pkg.rows } }));
      expect(report.issues.filter((i) => i.severity === "error").map((i) => i.message)).toEqual([]);
      expect(filed.map((i) => i.message)).toEqual([]);
      // Every template is filled: branches, intra-group links and signatories, and the B_99.01 definitions included.
      expect(Object.keys(pkg.rows).sort()).toEqual(TEMPLATES.map((t) => t.id).sort());
    });

    it("finds in the filed package the same errors it finds in the register", async () => {
      const register = await loadRegister(database.prisma);
      const pkg = await doraPackage(register, options, new Date("2026-02-15T10:30:00Z"));
      const filed = validateTables(TEMPLATES, await readPackageTables(pkg.zip), refDate);
      const fromRegister = validateRegister(register, options).issues.filter((i) => i.severity === "error");
      expect(filed.map((i) => `${i.template}:${i.row}:${i.column}:${i.rule}`).sort()).toEqual(fromRegister.map((i) => `${i.template}:${i.row}:${i.column}:${i.rule}`).sort());
    });
  });

  it("ran the suggestion engine over the extracted fields, leaving them for an officer to confirm", async () => {
    const { prisma } = database;
    const suggested = await prisma.fieldClassification.count({ where: { status: "SUGGESTED" } });
    expect(suggested).toBeGreaterThan(50);
    expect(await prisma.fieldClassification.count({ where: { status: { not: "SUGGESTED" } } })).toBe(0);
    const email = await prisma.fieldClassification.findFirst({ where: { rule: "email" } });
    expect(email?.reason).toMatch(/^Rule "email" matched the words "email"/);
    expect(await prisma.system.count({ where: { pciScope: true } })).toBeGreaterThan(0);
  });
});
