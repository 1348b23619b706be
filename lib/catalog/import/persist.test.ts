import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { persistImport, retireMissing } from "./persist";
import type { ImportedDocument } from "./model";
import { openApiDoc } from "./test-helpers";

const database = setupTestDatabase();

let serial = 0;

async function createTeam(slug = `team-${++serial}`) {
  return database().prisma.team.create({ data: { slug, name: slug } });
}

describe("persistImport", () => {
  it("creates the system, interface, version, elements, fields, search text and audit events", async () => {
    const admin = await actAs(database(), "ADMIN");
    const result = await persistImport(admin, openApiDoc("ledger"), { fileName: "ledger.yaml" });
    expect(result.interfaces).toEqual([expect.objectContaining({ name: "ledger API", kind: "API", version: "1.0.0", operations: 1, channels: 0, status: "created" })]);
    const { prisma } = database();
    const row = await prisma.interface.findUniqueOrThrow({ where: { id: result.interfaces[0].id }, include: { system: true, versions: true } });
    expect(row).toMatchObject({ sourceKey: "openapi:ledger", slug: "ledger-api", system: { slug: "ledger-service", name: "ledger service" } });
    expect(row.versions).toHaveLength(1);
    expect(row.versions[0].specHash).toMatch(/^[0-9a-f]{64}$/);
    const elements = await prisma.interfaceElement.findMany({ where: { interfaceId: row.id }, orderBy: { name: "asc" } });
    expect(elements.map((e) => [e.kind, e.name, e.method])).toEqual([["OPERATION", "GET /payments/{id}", "GET"], ["SCHEMA", "Payment", null]]);
    expect(elements[0].details).toEqual({ note: 'quotes " and \\ backslashes, {braces} and [brackets]', codes: [200, 404] });
    const fields = await prisma.interfaceField.findMany({ where: { interfaceId: row.id }, include: { element: true } });
    expect(fields.map((f) => `${f.element?.name}:${f.path}`).sort()).toEqual(["GET /payments/{id}:Payment.amount", "GET /payments/{id}:Payment.payerEmail"]);
    expect(row.searchText.split("\n")).toEqual(expect.arrayContaining(["ledger API", "payments", "/payments/{id}", "payerEmail"]));
    const actions = await prisma.auditEvent.findMany({ where: { requestId: admin.requestId }, select: { action: true } });
    expect(actions.map((a) => a.action).sort()).toEqual(["interface.import", "interface.version_create", "system.create"]);
  });

  it("treats the same document again as a no-op: no rows, no audit, status unchanged", async () => {
    const admin = await actAs(database(), "ADMIN");
    await persistImport(admin, openApiDoc("fx"), { fileName: "fx.yaml" });
    const { prisma } = database();
    const before = [await prisma.interfaceVersion.count(), await prisma.interfaceElement.count(), await prisma.auditEvent.count()];
    const again = await persistImport(admin, openApiDoc("fx"), { fileName: "fx.yaml" });
    expect(again.interfaces[0]).toMatchObject({ status: "unchanged", version: "1.0.0", operations: 1 });
    expect([await prisma.interfaceVersion.count(), await prisma.interfaceElement.count(), await prisma.auditEvent.count()]).toEqual(before);
  });

  it("stores a changed document as a new version, suffixing a repeated version label, and updates the metadata", async () => {
    const admin = await actAs(database(), "ADMIN");
    const first = await persistImport(admin, openApiDoc("cards"), { fileName: "cards.yaml" });
    const changed = openApiDoc("cards", { spec: "openapi: 3.1.0 # changed\n", description: "Card authorisations", elements: [{ kind: "OPERATION", name: "POST /authorisations", fields: [] }] });
    const second = await persistImport(admin, changed, { fileName: "cards.yaml" });
    expect(second.interfaces[0]).toMatchObject({ id: first.interfaces[0].id, status: "updated", version: "1.0.0+2" });
    const third = await persistImport(admin, openApiDoc("cards", { spec: "v3", version: "1.0.0" }), { fileName: "cards.yaml" });
    expect(third.interfaces[0].version).toBe("1.0.0+3");
    const { prisma } = database();
    const row = await prisma.interface.findUniqueOrThrow({ where: { id: first.interfaces[0].id }, include: { versions: { orderBy: { createdAt: "asc" } } } });
    expect(row.versions.map((v) => v.version)).toEqual(["1.0.0", "1.0.0+2", "1.0.0+3"]);
    const updates = await prisma.auditEvent.findMany({ where: { requestId: admin.requestId, action: "interface.import", entityId: row.id }, orderBy: { seq: "asc" } });
    expect(updates[1].before).toMatchObject({ description: "Moves money between accounts" });
    expect(updates[1].after).toMatchObject({ description: "Card authorisations" });
  });

  it("lets a member of the owning team import, and refuses a member of another team without writing anything", async () => {
    const owners = await createTeam();
    const others = await createTeam();
    const doc = openApiDoc("treasury", { ownerTeamSlug: owners.slug });
    const owner = await actAs(database(), "MEMBER", [owners.id]);
    const created = await persistImport(owner, doc, { fileName: "treasury.yaml" });
    expect(created.interfaces[0].status).toBe("created");

    const { prisma } = database();
    const outsider = await actAs(database(), "MEMBER", [others.id]);
    const counts = async () => [await prisma.interfaceVersion.count(), await prisma.system.count(), await prisma.auditEvent.count()];
    const before = await counts();
    const changed = openApiDoc("treasury", { spec: "changed by an outsider" });
    await expect(persistImport(outsider, changed, { fileName: "treasury.yaml" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining('the interface "treasury API": it belongs to a team you are not a member of'),
    });
    // Not even by claiming the interface for their own team.
    await expect(persistImport(outsider, { ...changed, interfaces: [{ ...changed.interfaces[0], ownerTeamSlug: others.slug }] }, { fileName: "t.yaml" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // A new interface in a new system without an owner team is for architects and admins only.
    await expect(persistImport(outsider, openApiDoc("orphan"), { fileName: "o.yaml" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await counts()).toEqual(before);
  });

  it("moves an existing interface to another team only for that team's lead; anyone else's import keeps the owner and says so", async () => {
    const givers = await createTeam();
    const takers = await createTeam();
    const inBoth = await actAs(database(), "MEMBER", [givers.id, takers.id]);
    await persistImport(inBoth, openApiDoc("ledger-x", { ownerTeamSlug: givers.slug }), { fileName: "l.yaml" });
    const owner = async () => (await database().prisma.interface.findUniqueOrThrow({ where: { sourceKey: "openapi:ledger-x" } })).ownerTeamId;

    const moved = await persistImport(inBoth, openApiDoc("ledger-x", { ownerTeamSlug: takers.slug, spec: "v2" }), { fileName: "l.yaml" });
    expect(await owner()).toBe(givers.id);
    expect(moved.warnings).toEqual(expect.arrayContaining([expect.stringContaining("keeps its owner team")]));

    const lead = await actAs(database(), "MEMBER", [givers.id], [takers.id]);
    await persistImport(lead, openApiDoc("ledger-x", { ownerTeamSlug: takers.slug, spec: "v3" }), { fileName: "l.yaml" });
    expect(await owner()).toBe(takers.id);
  });

  it("records an interface's own domain when it differs from its system's", async () => {
    const admin = await actAs(database(), "ADMIN");
    const { prisma } = database();
    const operations = await prisma.domain.create({ data: { slug: "operations", name: "Operations" } });
    await prisma.system.create({ data: { slug: "risk-service", name: "Risk service", domainId: operations.id } });
    const result = await persistImport(admin, { ...openApiDoc("risk", { domainSlug: "risk" }), domains: [{ slug: "risk", name: "Risk" }] }, { fileName: "risk.yaml" });
    const row = await prisma.interface.findUniqueOrThrow({ where: { id: result.interfaces[0].id }, include: { domain: true, system: true } });
    expect([row.domain?.name, row.system.domainId]).toEqual(["Risk", operations.id]);
  });

  it("creates an unknown owner team for an admin, and for anyone else imports without it and says so", async () => {
    const admin = await actAs(database(), "ADMIN");
    const created = await persistImport(admin, openApiDoc("ghost", { ownerTeamSlug: "no-such-team", origin: "g.yaml" }), { fileName: "g.yaml" });
    expect(created.warnings).toEqual(["g.yaml: owner team no-such-team did not exist and was created"]);
    expect(await database().prisma.team.findUnique({ where: { slug: "no-such-team" } })).not.toBeNull();
    const architect = await actAs(database(), "ARCHITECT");
    const result = await persistImport(architect, openApiDoc("ghost-2", { ownerTeamSlug: "still-no-team", origin: "h.yaml" }), { fileName: "h.yaml" });
    expect(result.warnings).toEqual(["h.yaml: owner team still-no-team does not exist and you may not create teams (team.manage); imported without an owner team"]);
    expect(await database().prisma.interface.findUnique({ where: { sourceKey: "openapi:ghost-2" }, select: { ownerTeamId: true } })).toEqual({ ownerTeamId: null });
  });

  it("leaves nothing behind when the transaction fails mid-import", async () => {
    const admin = await actAs(database(), "ADMIN");
    const { prisma } = database();
    const counts = async () => [await prisma.interface.count(), await prisma.system.count(), await prisma.interfaceVersion.count(), await prisma.interfaceElement.count(), await prisma.auditEvent.count()];
    const before = await counts();
    // The element rows are written, then a field with an element kind the database rejects fails the batch.
    const broken = openApiDoc("halfway", { elements: [{ kind: "OPERATION", name: "GET /a", fields: [] }, { kind: "NOT_A_KIND" as "OPERATION", name: "x", fields: [] }] });
    await expect(persistImport(admin, broken, { fileName: "halfway.yaml" })).rejects.toThrow();
    expect(await counts()).toEqual(before);
    expect(await prisma.system.findUnique({ where: { slug: "halfway-service" } })).toBeNull();
  });

  it("creates Backstage domains, systems and declared flows once", async () => {
    const team = await createTeam();
    const architect = await actAs(database(), "ARCHITECT");
    const base = openApiDoc("orders", { ownerTeamSlug: team.slug, domainSlug: "commerce", systemSlug: "order-service" });
    const doc: ImportedDocument = {
      ...base,
      format: "BACKSTAGE",
      domains: [{ slug: "commerce", name: "Commerce", ownerTeamSlug: team.slug }],
      systems: [{ slug: "order-service", name: "Order service", domainSlug: "commerce", ownerTeamSlug: team.slug }],
      flows: [{ interfaceSourceKey: "openapi:orders", consumerSystemSlug: "billing" }, { interfaceSourceKey: "openapi:elsewhere", consumerSystemSlug: "billing" }],
    };
    const result = await persistImport(architect, doc, { fileName: "catalog-info.yaml" });
    expect(result.warnings).toEqual([expect.stringContaining("openapi:elsewhere")]);
    const { prisma } = database();
    const system = await prisma.system.findUniqueOrThrow({ where: { slug: "order-service" }, include: { domain: true } });
    expect(system).toMatchObject({ name: "Order service", ownerTeamId: team.id, domain: { slug: "commerce", ownerTeamId: team.id } });
    // Same domain as its system: the interface does not repeat it.
    expect((await prisma.interface.findUniqueOrThrow({ where: { id: result.interfaces[0].id } })).domainId).toBeNull();
    const flows = await prisma.flow.findMany({ where: { interfaceId: result.interfaces[0].id }, include: { consumerSystem: true } });
    expect(flows.map((f) => [f.consumerSystem.slug, f.origin])).toEqual([["billing", "DECLARED"]]);
    await persistImport(architect, doc, { fileName: "catalog-info.yaml" });
    expect(await prisma.flow.count({ where: { interfaceId: result.interfaces[0].id } })).toBe(1);
  });
});

describe("retireMissing", () => {
  it("retires interfaces whose file left the synced folder, audited, and never deletes them", async () => {
    const admin = await actAs(database(), "ADMIN");
    const kept = await persistImport(admin, openApiDoc("sync-kept"), { fileName: "kept.yaml", sourcePath: "specs/kept.yaml" });
    const gone = await persistImport(admin, openApiDoc("sync-gone"), { fileName: "gone.yaml", sourcePath: "specs/gone.yaml" });
    const outside = await persistImport(admin, openApiDoc("sync-outside"), { fileName: "x.yaml", sourcePath: "specs-old/x.yaml" });
    const retired = await retireMissing(admin, "./specs/", ["specs/kept.yaml"]);
    expect(retired.map((r) => r.id)).toEqual([gone.interfaces[0].id]);
    const { prisma } = database();
    const lifecycle = async (id: string) => (await prisma.interface.findUniqueOrThrow({ where: { id } })).lifecycle;
    expect([await lifecycle(kept.interfaces[0].id), await lifecycle(gone.interfaces[0].id), await lifecycle(outside.interfaces[0].id)]).toEqual(["ACTIVE", "RETIRED", "ACTIVE"]);
    expect(await prisma.auditEvent.count({ where: { action: "interface.retire", entityId: gone.interfaces[0].id } })).toBe(1);
    expect(await retireMissing(admin, "specs", ["specs/kept.yaml"])).toEqual([]);
    // The file comes back: the next sync brings its interface back too.
    const back = await persistImport(admin, openApiDoc("sync-gone"), { fileName: "gone.yaml", sourcePath: "specs/gone.yaml" });
    expect(back.interfaces[0].status).toBe("updated");
    expect(await lifecycle(gone.interfaces[0].id)).toBe("ACTIVE");
  });

  it("retires nothing when the caller may not retire one of the missing interfaces", async () => {
    const team = await createTeam();
    const admin = await actAs(database(), "ADMIN");
    const theirs = await persistImport(admin, openApiDoc("sync-theirs"), { fileName: "t.yaml", sourcePath: "shared/t.yaml" });
    const member = await actAs(database(), "MEMBER", [team.id]);
    await expect(retireMissing(member, "shared", [])).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await database().prisma.interface.findUniqueOrThrow({ where: { id: theirs.interfaces[0].id } })).lifecycle).toBe("ACTIVE");
  });
});
