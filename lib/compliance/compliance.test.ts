import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/auth/require";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { decideSuggestions, listSuggestions, runSuggestions } from "./classification";
import { recomputeViolations } from "./evaluate";
import { getFlowCompliance, updateFlowCompliance } from "./flows";
import { complianceOverview } from "./overview";
import { updatePolicy } from "./policy-settings";
import { updateInterfaceSecurity, updateSystemResidency } from "./residency";
import { SuggestionsQuery, UpdateFlowComplianceInput, ViolationsQuery } from "./schemas";
import { listViolations } from "./violations";

const database = setupTestDatabase();
const prisma = () => database().prisma;
let f: Awaited<ReturnType<typeof seed>>;

/** Two teams; a customer API in Germany consumed by a CRM of another team; fields with and without personal data. */
async function seed() {
  const tag = randomUUID().slice(0, 6);
  const [producerTeam, consumerTeam, otherTeam] = await Promise.all(
    ["producer", "consumer", "other"].map((n) => prisma().team.create({ data: { slug: `${n}-${tag}`, name: `${n} ${tag}` } })),
  );
  const domain = await prisma().domain.create({ data: { slug: `customer-${tag}`, name: `Customer ${tag}` } });
  const api = await prisma().system.create({ data: { slug: `api-${tag}`, name: `Customer service ${tag}`, ownerTeamId: producerTeam.id, domainId: domain.id, hostingCountries: ["DE"] } });
  const crm = await prisma().system.create({ data: { slug: `crm-${tag}`, name: `CRM ${tag}`, ownerTeamId: consumerTeam.id, hostingCountries: ["IE"] } });
  const iface = await prisma().interface.create({ data: { slug: `customers-${tag}`, name: `Customers ${tag}`, systemId: api.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE" } });
  const version = await prisma().interfaceVersion.create({ data: { interfaceId: iface.id, version: "1.0.0", specFormat: "OPENAPI", spec: "{}", specHash: randomUUID() } });
  const fields: Record<string, string> = {};
  for (const [path, name, example] of [["Customer.email", "email", null], ["Customer.statement", "statement", null], ["Customer.userId", "userId", null], ["Customer.ref", "ref", "4111111111111111"]] as const) {
    fields[name] = (await prisma().interfaceField.create({ data: { interfaceVersionId: version.id, interfaceId: iface.id, path, name, type: "string", example } })).id;
  }
  const flow = await prisma().flow.create({
    data: { name: `Customers → CRM ${tag}`, interfaceId: iface.id, consumerSystemId: crm.id, style: "REQUEST_RESPONSE", dataCategories: ["contact details"], dataSubjects: ["customers"], purpose: "Customer service", lawfulBasis: "Art. 6(1)(b) contract" },
  });
  return { tag, producerTeam, consumerTeam, otherTeam, domain, api, crm, iface, version, fields, flow };
}

beforeAll(async () => {
  f = await seed();
  await runSuggestions(systemCtx("test"), { interfaceId: f.iface.id });
});

const patch = (input: unknown) => UpdateFlowComplianceInput.parse(input);
const violationsOf = async (flowId: string) => (await listViolations(systemCtx(), ViolationsQuery.parse({ flowId }))).items;

describe("suggestions", () => {
  it("suggests from names and example values with reasons, and leaves the pitfalls alone", async () => {
    const officer = await actAs(database(), "COMPLIANCE");
    const { items } = await listSuggestions(officer, SuggestionsQuery.parse({ interfaceId: f.iface.id }));
    const byPath = new Map(items.map((s) => [s.path, s]));
    expect(byPath.get("Customer.email")).toMatchObject({ rule: "email", matchedWords: ["email"], level: "CONFIDENTIAL", status: "SUGGESTED" });
    expect(byPath.get("Customer.ref")).toMatchObject({ rule: "example-pan", pciElement: "PAN", level: "RESTRICTED" });
    expect(byPath.has("Customer.statement")).toBe(false);
    expect(byPath.has("Customer.userId")).toBe(false);
  });

  it("lets only compliance officers decide; confirming classifies the field, re-evaluates the flow and is audited", async () => {
    const member = await actAs(database(), "MEMBER", [f.producerTeam.id]);
    await expect(decideSuggestions(member, { fieldIds: [f.fields.email], decision: "CONFIRM" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const officer = await actAs(database(), "COMPLIANCE");
    await expect(decideSuggestions(officer, { fieldIds: [f.fields.statement], decision: "CONFIRM" })).rejects.toMatchObject({
      code: "VALIDATION",
      errors: [{ pointer: "/fieldIds/0", message: "No suggestion for this field" }],
    });

    const result = await decideSuggestions(officer, { fieldIds: [f.fields.email, f.fields.ref], decision: "CONFIRM", note: "checked the spec" });
    expect(result).toEqual({ decided: 2, flowsReevaluated: 1 });
    expect((await prisma().interfaceField.findUnique({ where: { id: f.fields.ref } }))?.classification).toBe("RESTRICTED");
    const audit = await prisma().auditEvent.findFirst({ where: { action: "classification.confirm", entityId: f.iface.id }, orderBy: { seq: "desc" } });
    expect(audit?.actorEmail).toBe(officer.actor!.email);
    expect(JSON.stringify(audit?.after)).toContain("Customer.email");
    // The confirmed PAN now reaches a CRM outside PCI scope.
    expect((await violationsOf(f.flow.id)).map((v) => v.policy)).toContain("account-data-outside-pci");
    expect((await getFlowCompliance(officer, f.flow.id)).effectiveClassification).toBe("RESTRICTED");

    await decideSuggestions(officer, { fieldIds: [f.fields.ref], decision: "REJECT", note: "a test card in the example" });
    expect((await prisma().interfaceField.findUnique({ where: { id: f.fields.ref } }))?.classification).toBeNull();
    expect((await violationsOf(f.flow.id)).map((v) => v.policy)).not.toContain("account-data-outside-pci");
  });

  it("keeps decisions when the engine runs again", async () => {
    const officer = await actAs(database(), "COMPLIANCE");
    await runSuggestions(officer, { interfaceId: f.iface.id });
    const rejected = await listSuggestions(officer, SuggestionsQuery.parse({ interfaceId: f.iface.id, status: "REJECTED" }));
    expect(rejected.items.map((s) => s.path)).toEqual(["Customer.ref"]);
  });
});

describe("PATCH flow compliance", () => {
  it("opens a violation when personal data goes to a non-adequate country without a tool, and closes it when a tool is set", async () => {
    const officer = await actAs(database(), "COMPLIANCE");
    expect(await violationsOf(f.flow.id)).toEqual([]);

    const changed = await updateFlowCompliance(officer, f.flow.id, patch({ destinationCountry: "in" }));
    expect(changed.destinationCountry).toBe("IN");
    expect(changed.violations).toEqual([
      expect.objectContaining({ policy: "transfer-without-tool", message: "Personal data is processed in India (IN), outside the EEA, without a transfer tool", owner: { id: f.consumerTeam.id, name: f.consumerTeam.name } }),
    ]);
    const audit = await prisma().auditEvent.findFirst({ where: { action: "flow.compliance_update", entityId: f.flow.id }, orderBy: { seq: "desc" } });
    expect(audit?.before).toEqual({ destinationCountry: null });
    expect(audit?.after).toEqual({ destinationCountry: "IN" });

    // Like the violations list: the owning team sees the violation on the flow's page, other members do not.
    const owner = await actAs(database(), "MEMBER", [f.consumerTeam.id]);
    expect((await getFlowCompliance(owner, f.flow.id)).violations).toHaveLength(1);
    const outsider = await actAs(database(), "MEMBER", [f.otherTeam.id]);
    expect((await getFlowCompliance(outsider, f.flow.id)).violations).toEqual([]);

    const adequacy = await updateFlowCompliance(officer, f.flow.id, patch({ transferTool: "ADEQUACY" }));
    expect(adequacy.violations[0]?.message).toContain("no adequacy decision covers India (IN)");

    // SCCs count once they name the module, the signed document and the transfer impact assessment.
    const unsigned = await updateFlowCompliance(officer, f.flow.id, patch({ transferTool: "SCC", transferDocument: "DPA-2026-01", transferSccModule: "MODULE_1" }));
    expect(unsigned.violations[0]?.message).toContain("SCCs need the date the clauses were signed; an Art. 46 tool needs a transfer impact assessment reference");
    const fixed = await updateFlowCompliance(officer, f.flow.id, patch({ transferSignedOn: "2026-01-15", transferTia: "TIA-2026-03" }));
    expect(fixed).toMatchObject({ transferSccModule: "MODULE_1", transferSignedOn: "2026-01-15", transferTia: "TIA-2026-03" });
    expect(fixed.violations).toEqual([]);
    expect(await violationsOf(f.flow.id)).toEqual([]);
  });

  it("lets the producing team edit, not the consuming team nor anybody else", async () => {
    const member = await actAs(database(), "MEMBER", [f.producerTeam.id]);
    await expect(updateFlowCompliance(member, f.flow.id, patch({ purpose: `Customer service (${f.producerTeam.slug})` }))).resolves.toMatchObject({ canEdit: true });
    const consumer = await actAs(database(), "MEMBER", [f.consumerTeam.id]);
    await expect(updateFlowCompliance(consumer, f.flow.id, patch({ transferTool: "SCC" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = await actAs(database(), "MEMBER", [f.otherTeam.id]);
    await expect(updateFlowCompliance(outsider, f.flow.id, patch({ purpose: "x" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const architect = await actAs(database(), "ARCHITECT");
    await expect(updateFlowCompliance(architect, f.flow.id, patch({ purpose: "x" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await getFlowCompliance(outsider, f.flow.id)).canEdit).toBe(false);
  });

  it("rejects bad input with JSON pointers", () => {
    const result = UpdateFlowComplianceInput.safeParse({ sourceCountry: "XX", transferTool: "CONTRACT", encryptedInTransit: "yes", other: 1 });
    expect(result.success).toBe(false);
    const paths = result.error!.issues.map((i) => i.path.join("/"));
    expect(paths).toEqual(expect.arrayContaining(["sourceCountry", "transferTool", "encryptedInTransit"]));
  });

  it("an unencrypted flow of restricted data is a violation owned by the producer", async () => {
    const owner = await actAs(database(), "MEMBER", [f.producerTeam.id]);
    const result = await updateFlowCompliance(owner, f.flow.id, patch({ classification: "RESTRICTED", encryptedInTransit: false }));
    expect(result.violations).toEqual([expect.objectContaining({ policy: "unencrypted-sensitive", owner: { id: f.producerTeam.id, name: f.producerTeam.name } })]);
    // Members see violations their own teams must fix, not others'.
    const consumer = await actAs(database(), "MEMBER", [f.consumerTeam.id]);
    expect((await listViolations(consumer, ViolationsQuery.parse({ flowId: f.flow.id }))).items).toEqual([]);
    expect((await listViolations(owner, ViolationsQuery.parse({ systemId: f.crm.id }))).items).toHaveLength(1);
    await updateFlowCompliance(owner, f.flow.id, patch({ encryptedInTransit: true }));
    expect(await violationsOf(f.flow.id)).toEqual([]);
  });
});

describe("residency, encryption and policy settings", () => {
  it("system residency and PCI scope are validated, audited and re-evaluated", async () => {
    const officer = await actAs(database(), "COMPLIANCE");
    await prisma().flow.update({ where: { id: f.flow.id }, data: { pciElements: ["PAN"] } });
    await recomputeViolations(prisma(), { flowIds: [f.flow.id] });
    expect((await violationsOf(f.flow.id)).map((v) => v.policy)).toEqual(["account-data-outside-pci"]);
    const result = await updateSystemResidency(officer, f.crm.id, { pciScope: true, processingCountries: ["IE", "DE"] });
    expect(result).toMatchObject({ pciScope: true, processingCountries: ["IE", "DE"] });
    expect(await violationsOf(f.flow.id)).toEqual([]);
    expect(await prisma().auditEvent.count({ where: { action: "system.residency_update", entityId: f.crm.id } })).toBe(1);
    const outsider = await actAs(database(), "MEMBER", [f.otherTeam.id]);
    await expect(updateSystemResidency(outsider, f.crm.id, { pciScope: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("interface encryption feeds the encryption policy", async () => {
    const owner = await actAs(database(), "MEMBER", [f.producerTeam.id]);
    await updateInterfaceSecurity(owner, f.iface.id, { encryptedInTransit: false, encryptedAtRest: true });
    expect((await violationsOf(f.flow.id)).map((v) => v.policy)).toEqual(["unencrypted-sensitive"]);
    await updateInterfaceSecurity(owner, f.iface.id, { encryptedInTransit: true });
    expect(await violationsOf(f.flow.id)).toEqual([]);
  });

  it("admins disable, tune and exempt; others may not", async () => {
    const officer = await actAs(database(), "COMPLIANCE");
    await expect(updatePolicy(officer, "unencrypted-sensitive", { enabled: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await actAs(database(), "ADMIN");
    await prisma().flow.update({ where: { id: f.flow.id }, data: { encryptedInTransit: false } });
    await recomputeViolations(prisma(), { flowIds: [f.flow.id] });
    expect(await violationsOf(f.flow.id)).toHaveLength(1);
    const off = await updatePolicy(admin, "unencrypted-sensitive", { enabled: false });
    expect(off).toMatchObject({ enabled: false, violations: 0 });
    expect(await violationsOf(f.flow.id)).toEqual([]);
    await updatePolicy(admin, "unencrypted-sensitive", { enabled: true, exemptSystemIds: [f.crm.id] });
    expect(await violationsOf(f.flow.id)).toEqual([]);
    await expect(updatePolicy(admin, "unencrypted-sensitive", { exemptSystemIds: [randomUUID()] })).rejects.toMatchObject({ errors: [{ pointer: "/exemptSystemIds/0" }] });
    const tuned = await updatePolicy(admin, "unencrypted-sensitive", { exemptSystemIds: [], severity: "LOW" });
    expect(tuned).toMatchObject({ severity: "LOW", violations: 1 });
    expect((await violationsOf(f.flow.id))[0].severity).toBe("LOW");
    expect(await prisma().auditEvent.count({ where: { action: "policy.update", entityId: "unencrypted-sensitive" } })).toBe(3);
  });

  it("the overview counts coverage and cross-border flows", async () => {
    const officer = await actAs(database(), "COMPLIANCE");
    const overview = await complianceOverview(officer);
    expect(overview.coverage.classified).toBeGreaterThanOrEqual(1);
    expect(overview.coverage.total).toBe(overview.coverage.classified + overview.coverage.suggested + overview.coverage.unknown);
    expect(overview.crossBorder.flows.find((x) => x.flowId === f.flow.id)).toMatchObject({ source: "DE", destination: "IN", leavesEea: true, covered: true, transferTool: "SCC" });
    const member = await actAs(database(), "MEMBER");
    await expect(complianceOverview(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
