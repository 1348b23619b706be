import { describe, expect, it } from "vitest";
import { withLeiCheckDigits } from "@/lib/compliance/records/codes";
import type { ArrangementRecord, EntityRecord, FunctionRecord, ProviderRecord, Register, ServiceRecord } from "@/lib/compliance/records/register";
import { buildTemplates, validateRegister } from "./dora";
import { validateTables } from "./dora-rules";

// A small, complete register; each test breaks one thing and expects the rule that names it.
const BANK = withLeiCheckDigits("529900BANKTEST0001");
const SUB = withLeiCheckDigits("529900SUBSTEST0001");
const ACME = withLeiCheckDigits("529900ACMETEST0001");

const entity = (over: Partial<EntityRecord> = {}): EntityRecord => ({
  id: "e1", lei: BANK, name: "Test Bank", country: "DE", entityType: "eba_CT:x12", hierarchy: "eba_RP:x53", parentLei: null, competentAuthority: "BaFin",
  currency: "EUR", totalAssets: 1e9, maintainsRegister: true, createdAt: "2026-01-05T00:00:00Z", updatedAt: "2026-01-05T00:00:00Z",
  lastUpdatedOn: "2025-06-30", integratedOn: "2025-01-17", deletedOn: null, registerDefinitions: {}, ...over,
});
const provider = (over: Partial<ProviderRecord> = {}): ProviderRecord => ({
  id: "p1", code: ACME, codeType: "eba_qCO:qx2000", additionalCode: null, additionalCodeType: null, name: "Acme Cloud GmbH", nameLatin: null,
  personType: "eba_CT:x212", country: "DE", currency: "EUR", ultimateParentCode: null, ultimateParentCodeType: null, vendor: "Acme",
  pciAocStatus: null, pciAocDate: null, pciResponsibilities: [], ...over,
});
const arrangement = (over: Partial<ArrangementRecord> = {}): ArrangementRecord => ({
  id: "a1", reference: "ICT-1", arrangementType: "eba_CO:x1", overarchingReference: null, entityId: "e1", providerId: "p1", currency: "EUR", annualCost: 1000,
  startDate: "2024-01-01", endDate: null, terminationReason: null, noticePeriodEntityDays: 90, noticePeriodProviderDays: 90, governingLawCountry: "DE",
  provisionCountry: "DE", branchId: null, providerEntityId: null, linkedReference: null, entity: { id: "e1", name: "Test Bank", lei: BANK },
  provider: { id: "p1", name: "Acme Cloud GmbH", code: ACME, codeType: "eba_qCO:qx2000", country: "DE" }, branch: null, providerEntity: null, ...over,
});
const service = (over: Partial<ServiceRecord> = {}): ServiceRecord => ({
  id: "s1", name: "Core hosting", serviceType: "eba_TA:S17", providerId: "p1", arrangementId: "a1", storesData: true, storageCountries: ["DE", "NL"],
  processingCountries: ["DE"], sensitiveness: "eba_ZZ:x793", reliance: "eba_ZZ:x797", substitutability: "eba_ZZ:x961", substitutabilityReason: null,
  lastAuditDate: "2025-03-31", exitPlan: true, reintegration: "eba_ZZ:x966", discontinuingImpact: "eba_ZZ:x793", alternativesIdentified: "eba_BT:x28",
  alternativeProviders: null, systemIds: [], functionIds: ["f1"], systems: [], derived: { storageCountries: [], processingCountries: [], sensitiveness: null, storesData: null }, ...over,
});
const fn = (over: Partial<FunctionRecord> = {}): FunctionRecord => ({
  id: "f1", identifier: "F1", name: "Payments", licensedActivity: "eba_TA:x222", entityId: "e1", criticality: "eba_BT:x28", criticalityReason: "Core",
  lastAssessmentDate: "2025-06-30", rtoHours: 4, rpoHours: 1, discontinuingImpact: "eba_ZZ:x793", ...over,
});
const register = (over: Partial<Register> = {}): Register => ({
  entities: [entity()], branches: [], providers: [provider()], arrangements: [arrangement()], services: [service()], functions: [fn()], activities: [], ...over,
});
const refDate = "2025-12-31";
const errors = (r: Register) => validateRegister(r, { refDate }).issues.filter((i) => i.severity === "error");
const rows = (r: Register, id: string) => buildTemplates(r, { refDate }).find((b) => b.template.id === id)!.rows;

describe("DORA register rules", () => {
  it("a complete register has no errors", () => {
    expect(errors(register()).map((i) => i.message)).toEqual([]);
  });

  it("keeps every storage and processing country in B_02.02, one row each", () => {
    expect(rows(register(), "B_02.02").map((r) => `${r.cells.c0150}>${r.cells.c0160}`)).toEqual(["eba_GA:DE>eba_GA:DE", "eba_GA:NL>eba_GA:DE"]);
  });

  it("reports only arrangements in force and entities in scope at the reference date", () => {
    const later = register({ arrangements: [arrangement({ startDate: "2026-03-01" })] });
    expect(rows(later, "B_02.01")).toEqual([]);
    const ended = register({ arrangements: [arrangement({ endDate: "2025-06-30", terminationReason: "eba_CO:x4" })] });
    expect(rows(ended, "B_02.01")).toEqual([]);
    const gone = register({ entities: [entity(), entity({ id: "e2", lei: SUB, name: "Sold Sub", maintainsRegister: false, hierarchy: "eba_RP:x56", parentLei: BANK, deletedOn: "2025-10-01" })] });
    expect(rows(gone, "B_01.02").map((r) => r.key)).toEqual(["Test Bank"]);
    // Business dates, not row timestamps.
    expect(rows(register(), "B_01.02")[0].cells).toMatchObject({ c0070: "2025-06-30", c0080: "2025-01-17", c0090: "9999-12-31" });
  });

  it("checks LEIs on every LEI column and on provider codes typed as LEI", () => {
    const bad = `${BANK.slice(0, 18)}00`;
    const found = errors(register({ entities: [entity({ lei: bad })], arrangements: [arrangement({ entity: { id: "e1", name: "Test Bank", lei: bad } })] }));
    expect(new Set(found.filter((i) => i.rule === "format").map((i) => `${i.template}.${i.column}`))).toEqual(
      new Set(["B_01.01.c0010", "B_01.02.c0010", "B_02.02.c0020", "B_03.01.c0020", "B_04.01.c0020", "B_06.01.c0040"]),
    );
    const euid = register({ providers: [provider({ code: "DEB1234.HRB12345", codeType: "eba_qCO:qx2001" })], arrangements: [arrangement({ provider: { id: "p1", name: "Acme Cloud GmbH", code: "DEB1234.HRB12345", codeType: "eba_qCO:qx2001", country: "DE" } })] });
    expect(errors(euid)).toEqual([]);
    expect(rows(euid, "B_05.01")[0].cells).toMatchObject({ c0010: "DEB1234.HRB12345", c0020: "eba_qCO:qx2001" });
  });

  it("checks closed lists, with the B_01.01 / B_01.02 split of entity types", () => {
    const nonFinancial = errors(register({ entities: [entity({ entityType: "eba_CT:x317", totalAssets: null })] }));
    expect(nonFinancial.map((i) => `${i.template}.${i.column}:${i.rule}`)).toEqual(["B_01.01.c0040:format"]);
    expect(errors(register({ services: [service({ reliance: "eba_ZZ:x999" })] })).map((i) => `${i.template}.${i.column}`)).toContain("B_02.02.c0180");
  });

  it("finds a function paired with an entity in B_02.02 that B_06.01 does not have for that entity", () => {
    const other = register({ functions: [fn({ entityId: "e2" })], entities: [entity(), entity({ id: "e2", lei: SUB, name: "Sub", maintainsRegister: false, hierarchy: "eba_RP:x56", parentLei: BANK })] });
    const found = errors(other).filter((i) => i.rule === "reference");
    expect(found.map((i) => i.message)).toContainEqual(expect.stringContaining("the function must be identified in B_06.01 for the same entity"));
  });

  it("reports a provider without a parent as its own ultimate parent, and wants a Latin-alphabet name", () => {
    expect(rows(register(), "B_05.01")[0].cells).toMatchObject({ c0110: ACME, c0120: "eba_qCO:qx2000" });
    const cyrillic = register({ providers: [provider({ name: "Облако ООО" })] });
    expect(errors(cyrillic).map((i) => `${i.template}.${i.column}:${i.rule}`)).toEqual(["B_05.01.c0060:mandatory"]);
    expect(errors(register({ providers: [provider({ name: "Облако ООО", nameLatin: "Oblako OOO" })] }))).toEqual([]);
    expect(errors(register({ providers: [provider({ nameLatin: "Облако" })] })).map((i) => i.rule)).toEqual(["latin"]);
  });

  it("fills B_01.03, B_02.03, B_03.03 and B_04.01 from branches and intra-group arrangements", () => {
    const r = register({
      entities: [entity(), entity({ id: "e2", lei: SUB, name: "Sub", maintainsRegister: false, hierarchy: "eba_RP:x56", parentLei: BANK })],
      branches: [{ id: "b1", identifier: "BR-AT-1", name: "Vienna branch", country: "AT", entityId: "e1", entity: { id: "e1", name: "Test Bank", lei: BANK } }],
      arrangements: [
        arrangement({ branchId: "b1", branch: { id: "b1", identifier: "BR-AT-1" } }),
        arrangement({ id: "a2", reference: "IG-1", entityId: "e2", entity: { id: "e2", name: "Sub", lei: SUB }, providerEntityId: "e1", providerEntity: { id: "e1", name: "Test Bank", lei: BANK }, linkedReference: "ICT-1" }),
      ],
      services: [service(), service({ id: "s2", arrangementId: "a2", functionIds: ["f2"] })],
      functions: [fn(), fn({ id: "f2", identifier: "F2", entityId: "e2" })],
    });
    expect(rows(r, "B_01.03")[0].cells).toEqual({ c0010: "BR-AT-1", c0020: BANK, c0030: "Vienna branch", c0040: "eba_GA:AT" });
    expect(rows(r, "B_04.01")[0].cells).toMatchObject({ c0030: "eba_ZZ:x838", c0040: "BR-AT-1" });
    expect(rows(r, "B_02.03").map((x) => x.cells)).toEqual([{ c0010: "IG-1", c0020: "ICT-1", c0030: "true" }]);
    expect(rows(r, "B_03.03").map((x) => x.cells)).toEqual([{ c0010: "IG-1", c0020: BANK, c0031: "true" }]);
    expect(rows(r, "B_03.02").map((x) => x.cells.c0010)).toEqual(["ICT-1"]);
    expect(errors(r).map((i) => i.message)).toEqual([]);
  });

  it("fills key columns with the EBA's not-applicable values where they apply, and names every other empty key", () => {
    const noStorage = register({ services: [service({ storesData: false, storageCountries: [] })] });
    expect(rows(noStorage, "B_02.02").map((r) => r.cells.c0150)).toEqual(["eba_GA:qx2007"]);
    expect(rows(noStorage, "B_04.01")[0].cells).toMatchObject({ c0030: "eba_ZZ:x839", c0040: "Not Applicable" });
    expect(errors(noStorage).map((i) => i.message)).toEqual([]);
    // Not applicable where it does apply is refused, and outside the columns that allow it the country list refuses it.
    const misused = buildTemplates(register(), { refDate });
    const b0202 = misused.find((b) => b.template.id === "B_02.02")!;
    b0202.rows[0].cells.c0150 = "eba_GA:qx2007";
    b0202.rows[0].cells.c0120 = "eba_GA:qx2007";
    const tables = new Map(misused.map((b) => [b.template.id, b.rows]));
    const found = validateTables(misused.map((b) => b.template), tables, refDate);
    expect(found.map((i) => `${i.column}:${i.rule}`)).toEqual(expect.arrayContaining(["c0150:not-applicable", "c0120:format"]));
    // The processing location has no not-applicable value: unknown, it leaves a key empty even where it is not mandatory.
    const unknownProcessing = register({ services: [service({ processingCountries: [] })], functions: [fn({ criticality: "eba_BT:x29" })] });
    expect(errors(unknownProcessing).map((i) => `${i.template}:${i.column}:${i.rule}`)).toEqual(["B_02.02:c0160:key", "B_02.02:c0160:key"]);
  });

  it("flags a duplicate key and an arrangement with no B_02.02 row", () => {
    const dup = register({ arrangements: [arrangement(), arrangement({ id: "a2" })], services: [service()] });
    const found = errors(dup);
    expect(found.map((i) => `${i.template}:${i.rule}`)).toEqual(expect.arrayContaining(["B_02.01:unique-key"]));
    const bare = register({ services: [] });
    expect(errors(bare).map((i) => i.message)).toContainEqual(expect.stringContaining("every arrangement needs at least one B_02.02 row"));
  });
});
