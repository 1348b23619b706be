import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { lei } from "@/lib/compliance/exports/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { exportPciInventory } from "@/lib/compliance/exports/data";
import { createRecord, deleteRecord, getRecord, listRecords, updateRecord } from "./data";
import { fillFromCatalog } from "./fill";

const database = setupTestDatabase();
let officer: Ctx;
let member: Ctx;
let architect: Ctx;

beforeAll(async () => {
  officer = await actAs(database(), "COMPLIANCE");
  member = await actAs(database(), "MEMBER");
  architect = await actAs(database(), "ARCHITECT");
});

describe("records", () => {
  it("records a provider's PCI DSS AOC and responsibility matrix, audited, refused to others, and exports it (12.8)", async () => {
    const body = { name: "Card Acquirer SA", vendor: "Card Acquirer", pciAocStatus: "COMPLIANT", pciAocDate: "2026-06-30", pciResponsibilities: ["3.5=provider", "10=shared"] };
    await expect(createRecord(member, "providers", body)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createRecord(officer, "providers", { ...body, pciResponsibilities: ["3.5 by them"] })).rejects.toThrow(/provider\|customer\|shared/);
    const created = await createRecord(officer, "providers", body);
    expect(created).toMatchObject({ pciAocStatus: "COMPLIANT", pciAocDate: "2026-06-30", pciResponsibilities: ["3.5=provider", "10=shared"] });
    const event = await database().prisma.auditEvent.findFirst({ where: { entityType: "ict_provider", entityId: created.id, action: "ict_provider.create" } });
    expect(event?.after).toMatchObject({ pciAocStatus: "COMPLIANT" });
    await database().prisma.system.create({ data: { slug: "card-acquirer-test", name: "Acquirer gateway", kind: "SAAS", vendor: "Card Acquirer", pciScope: true } });
    const file = await exportPciInventory(officer, "providers", new Date("2026-12-07T00:00:00Z"));
    expect(String(file.body)).toContain("Card Acquirer SA,Acquirer gateway,Acquirer gateway,CDE,\"AOC received, compliant\",2026-06-30,no,3.5,provider");
    await database().prisma.system.delete({ where: { slug: "card-acquirer-test" } });
    await deleteRecord(officer, "providers", created.id);
  });

  it("creates, edits and deletes a legal entity, auditing each change", async () => {
    const created = await createRecord(officer, "entities", { lei: lei("RECORDSTEST"), name: "Test Bank", country: "DE", entityType: "eba_CT:x12" });
    expect(created).toMatchObject({ name: "Test Bank", currency: "EUR", maintainsRegister: false });
    const updated = await updateRecord(officer, "entities", created.id, { lei: created.lei, name: "Test Bank AG", country: "DE", entityType: "eba_CT:x12", totalAssets: 5e9 });
    expect(updated).toMatchObject({ name: "Test Bank AG", totalAssets: 5e9 });
    await deleteRecord(officer, "entities", created.id);
    await expect(getRecord(officer, "entities", created.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const events = await database().prisma.auditEvent.findMany({ where: { entityType: "legal_entity", entityId: created.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(["legal_entity.create", "legal_entity.update", "legal_entity.delete"]);
    expect(events[1].before).toMatchObject({ name: "Test Bank" });
    expect(events[1].after).toMatchObject({ name: "Test Bank AG" });
  });

  it("keeps one register maintainer: naming a new one, on create or edit, hands it over with an audit event", async () => {
    const base = { country: "DE", entityType: "eba_CT:x12", maintainsRegister: true };
    const first = await createRecord(officer, "entities", { ...base, lei: lei("REGISTERONE"), name: "First Bank" });
    const second = await createRecord(officer, "entities", { ...base, lei: lei("REGISTERTWO"), name: "Second Bank" });
    expect(await getRecord(officer, "entities", first.id)).toMatchObject({ maintainsRegister: false });
    await updateRecord(officer, "entities", first.id, { ...base, lei: first.lei, name: "First Bank" });
    expect(await getRecord(officer, "entities", second.id)).toMatchObject({ maintainsRegister: false });
    const handedOver = await database().prisma.auditEvent.findMany({ where: { entityId: { in: [first.id, second.id] }, action: "legal_entity.update" } });
    expect(handedOver.map((e) => [e.entityId, e.after])).toEqual(
      expect.arrayContaining([[first.id, { maintainsRegister: false }], [second.id, { maintainsRegister: false }]]),
    );
    await deleteRecord(officer, "entities", first.id);
    await deleteRecord(officer, "entities", second.id);
  });

  it("records a branch and an intra-group arrangement, audited, and refuses an unknown head office by pointer", async () => {
    const head = await createRecord(officer, "entities", { lei: lei("BRANCHHEAD"), name: "Head Bank", country: "DE", entityType: "eba_CT:x12", integratedOn: "2025-01-17" });
    const sub = await createRecord(officer, "entities", { lei: lei("BRANCHSUB"), name: "Sub Bank", country: "NL", entityType: "eba_CT:x300", hierarchy: "eba_RP:x56", parentLei: head.lei });
    const branch = await createRecord(officer, "branches", { identifier: "HB-AT-1", name: "Head Bank Wien", country: "AT", entityId: head.id });
    expect(branch).toMatchObject({ identifier: "HB-AT-1", entity: { lei: head.lei } });
    await expect(createRecord(officer, "branches", { identifier: "HB-XX", name: "x", country: "UK", entityId: head.id })).rejects.toMatchObject({
      issues: [expect.objectContaining({ path: ["country"], message: expect.stringContaining("use GB") })],
    });
    await expect(createRecord(officer, "branches", { identifier: "HB-X2", name: "x", country: "AT", entityId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "VALIDATION", errors: [{ pointer: "/entityId", message: "Refers to a record that does not exist" }],
    });
    const provider = await createRecord(officer, "providers", { name: "Head Bank (group IT)", code: head.lei });
    const intra = await createRecord(officer, "arrangements", {
      reference: "IG-TEST-1", entityId: sub.id, providerId: provider.id, providerEntityId: head.id, linkedReference: "ICT-TEST-1", branchId: branch.id, startDate: "2025-02-01",
    });
    expect(intra).toMatchObject({ providerEntity: { lei: head.lei }, branch: { identifier: "HB-AT-1" }, linkedReference: "ICT-TEST-1" });
    await expect(createRecord(member, "branches", { identifier: "HB-AT-2", name: "y", country: "AT", entityId: head.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const events = await database().prisma.auditEvent.findMany({ where: { entityId: { in: [branch.id, intra.id] } } });
    expect(events.map((e) => e.action).sort()).toEqual(["branch.create", "contractual_arrangement.create"]);
    await deleteRecord(officer, "arrangements", intra.id);
    await deleteRecord(officer, "branches", branch.id);
  });

  it("names the field of each bad value with a JSON pointer", async () => {
    await expect(createRecord(officer, "entities", { lei: "NOTALEI", name: "", country: "Germany", entityType: "bank" })).rejects.toMatchObject({
      issues: expect.arrayContaining([
        expect.objectContaining({ path: ["lei"] }),
        expect.objectContaining({ path: ["name"] }),
        expect.objectContaining({ path: ["country"] }),
        expect.objectContaining({ path: ["entityType"] }),
      ]),
    });
  });

  it("lets MEMBERs neither read nor write, and architects read but not write", async () => {
    await expect(listRecords(member, "activities")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(createRecord(member, "functions", { identifier: "F9", name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listRecords(architect, "functions")).resolves.toBeInstanceOf(Array);
    await expect(createRecord(architect, "functions", { identifier: "F9", name: "x" })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses to delete a provider a contract still refers to", async () => {
    const entity = await createRecord(officer, "entities", { lei: lei("REFENTITY"), name: "Ref Bank", country: "DE", entityType: "eba_CT:x12" });
    const provider = await createRecord(officer, "providers", { name: "Ref Provider" });
    await createRecord(officer, "arrangements", { reference: "REF-1", entityId: entity.id, providerId: provider.id });
    await expect(deleteRecord(officer, "providers", provider.id)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(createRecord(officer, "arrangements", { reference: "REF-2", entityId: entity.id, providerId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({
      code: "VALIDATION",
      errors: [{ pointer: "/providerId", message: "Refers to a record that does not exist" }],
    });
  });

  it("fills providers and services from SaaS and third-party systems, and derives a service's countries from them", async () => {
    const p = database().prisma;
    const saas = await p.system.create({ data: { slug: "fill-saas", name: "Fill SaaS", kind: "SAAS", vendor: "Fill Vendor", hostingCountries: ["IE"], processingCountries: ["US"] } });
    await p.system.create({ data: { slug: "fill-internal", name: "Fill Internal", kind: "INTERNAL" } });
    const first = await fillFromCatalog(officer);
    expect(first).toEqual({ providersCreated: 1, servicesCreated: 1 });
    expect(await fillFromCatalog(officer)).toEqual({ providersCreated: 0, servicesCreated: 0 });
    const services = await listRecords(officer, "services");
    const service = services.find((s) => s.name === "Fill SaaS")!;
    expect(service).toMatchObject({ serviceType: "eba_TA:S19", systemIds: [saas.id], derived: { storageCountries: ["IE"], processingCountries: ["US", "IE"], storesData: true } });
    await expect(fillFromCatalog(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("record replacement", () => {
  it("clears optional fields a PUT leaves out", async () => {
    const fn = await createRecord(officer, "functions", { identifier: "F42", name: "Payments", rtoHours: 4, rpoHours: 1, criticality: "eba_BT:x28" });
    const replaced = await updateRecord(officer, "functions", fn.id, { identifier: "F42", name: "Payments", rtoHours: 8 });
    expect(replaced).toMatchObject({ rtoHours: 8, rpoHours: null, criticality: null });
  });
});
