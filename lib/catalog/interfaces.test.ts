import { beforeAll, describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { getDomain, getFlow, getSystem, listDomains, listFlows, listSystems } from "./browse";
import { seedCatalogFixture } from "./fixtures";
import { getInterface, getInterfaceSpec, updateInterfaceMetadata } from "./interfaces";
import { searchInterfaces } from "./search";
import { FlowsQuery, UpdateInterfaceMetadataInput } from "./schemas";

const database = setupTestDatabase();
let fixture: Awaited<ReturnType<typeof seedCatalogFixture>>;
beforeAll(async () => {
  fixture = await seedCatalogFixture(database().prisma);
});

const future = new Date(Date.now() + 90 * 24 * 3600 * 1000).toISOString().slice(0, 10);
const edit = (input: unknown) => UpdateInterfaceMetadataInput.parse(input);

describe("interface detail", () => {
  it("returns versions, the latest version's elements with fields, consumers and who may edit", async () => {
    const member = await actAs(database(), "MEMBER");
    const detail = await getInterface(member, fixture.ids["Payments API"]);
    expect(detail.versions).toHaveLength(1);
    expect(detail.elements.schemas[0]).toMatchObject({ name: "Payment", fields: [expect.objectContaining({ path: "Payment.payer.iban", classification: "RESTRICTED" })] });
    expect(detail.ownerTeam?.id).toBe(fixture.teams.payTeam.id);
    expect(detail.canEdit).toBe(false);
    const events = await getInterface(member, fixture.ids["Payment Events"]);
    expect(events.consumerFlows).toEqual([expect.objectContaining({ system: { id: fixture.systems.depot.id, name: fixture.systems.depot.name } })]);
    const spec = await getInterfaceSpec(member, detail.id, detail.versions[0].id);
    expect(spec.spec).toBe("openapi: 3.1.0");
    await expect(getInterface(member, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("interface metadata", () => {
  it("lets the owning team edit, audits before and after, and makes new tags searchable", async () => {
    const owner = await actAs(database(), "MEMBER", [fixture.teams.payTeam.id]);
    const id = fixture.ids["Payments API"];
    const updated = await updateInterfaceMetadata(owner, id, edit({ lifecycle: "DEPRECATED", sunsetDate: future, tags: ["settlement-zebra"], description: "Card and SEPA payments" }));
    expect(updated).toMatchObject({ lifecycle: "DEPRECATED", sunsetDate: future, tags: ["settlement-zebra"], canEdit: true });
    const audit = await database().prisma.auditEvent.findFirst({ where: { entityId: id, action: "interface.update" } });
    expect(audit?.before).toMatchObject({ lifecycle: "ACTIVE", tags: [] });
    expect(audit?.after).toMatchObject({ lifecycle: "DEPRECATED", sunsetDate: future, tags: ["settlement-zebra"] });
    expect(audit?.actorId).toBe(owner.actor!.id);
    const found = await searchInterfaces(owner, { q: "settlement-zebra" });
    expect(found.items.map((i) => i.id)).toEqual([id]);
    // The spec's field names stay searchable after the rebuild.
    expect((await searchInterfaces(owner, { q: `iban` })).items.map((i) => i.id)).toContain(id);
  });

  it("moves an interface to another domain, and asks the new team before it owns it (transfers.test.ts)", async () => {
    const architect = await actAs(database(), "ARCHITECT");
    const id = fixture.ids["Customer Sync"];
    const updated = await updateInterfaceMetadata(architect, id, edit({ domainId: fixture.domains.money.id, ownerTeamId: fixture.teams.shipTeam.id }));
    expect(updated.domain?.id).toBe(fixture.domains.money.id);
    expect(updated.ownerTeam).toBeNull();
    expect(updated.pendingTransfer?.toTeam.id).toBe(fixture.teams.shipTeam.id);
    const flows = await listFlows(architect, FlowsQuery.parse({ domain: fixture.domains.money.id }));
    expect(flows.items.map((f) => f.name)).toContain("Ledger to CRM");
  });

  it("forbids another team's member and an unknown id, writing nothing", async () => {
    const stranger = await actAs(database(), "MEMBER", [fixture.teams.shipTeam.id]);
    const id = fixture.ids["Refunds API"];
    await expect(updateInterfaceMetadata(stranger, id, edit({ description: "hijacked" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(updateInterfaceMetadata(stranger, "00000000-0000-4000-8000-000000000000", edit({ description: "x" }))).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await database().prisma.interface.findUnique({ where: { id } }))?.description).toBeNull();
    expect(await database().prisma.auditEvent.count({ where: { entityId: id } })).toBe(0);
  });

  it.each([
    { name: "deprecated without a sunset date", input: { lifecycle: "DEPRECATED", sunsetDate: null }, pointer: "/sunsetDate" },
    { name: "a sunset date in the past", input: { sunsetDate: "2020-01-01" }, pointer: "/sunsetDate" },
    { name: "an unknown domain", input: { domainId: "00000000-0000-4000-8000-000000000000" }, pointer: "/domainId" },
  ])("rejects $name", async ({ input, pointer }) => {
    const admin = await actAs(database(), "ADMIN");
    await expect(updateInterfaceMetadata(admin, fixture.ids["Parcel Tracking"], edit(input))).rejects.toMatchObject({ code: "VALIDATION", errors: [expect.objectContaining({ pointer })] });
  });
});

describe("systems, domains and flows", () => {
  it("lists and details each with what it provides and consumes", async () => {
    const member = await actAs(database(), "MEMBER");
    expect((await listSystems(member)).map((s) => s.id)).toContain(fixture.systems.depot.id);
    const depot = await getSystem(member, fixture.systems.depot.id);
    expect(depot.providedInterfaces.map((i) => i.name)).toHaveLength(3);
    expect(depot.consumedFlows.map((f) => f.interface.id)).toEqual([fixture.ids["Payment Events"]]);
    expect((await listDomains(member)).map((d) => d.id)).toContain(fixture.domains.logistics.id);
    expect((await getDomain(member, fixture.domains.logistics.id)).systemList.map((s) => s.id)).toEqual([fixture.systems.depot.id]);
    const flow = depot.consumedFlows[0];
    expect(await getFlow(member, flow.id)).toMatchObject({ producerSystem: { id: fixture.systems.ledger.id }, encryptedInTransit: true });
    expect((await listFlows(member, FlowsQuery.parse({ consumerSystem: fixture.systems.depot.id }))).total).toBe(1);
    await expect(getSystem(member, "00000000-0000-4000-8000-000000000000")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
