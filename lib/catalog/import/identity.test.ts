// Interface identity through the real import path (POST /api/v1/imports calls importFiles): documents are told
// apart by their file, not their title; an earlier content imported again is a revert; Backstage groups become
// teams whose members are existing accounts only; a System entity updates a system made up earlier.
import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { importFiles } from "./service";

const database = setupTestDatabase();
const spec = (title: string, version: string, path = "/a") => `openapi: 3.0.3\ninfo: { title: ${title}, version: ${version} }\npaths:\n  ${path}:\n    get:\n      responses: { "200": { description: ok } }\n`;

describe("interface identity", () => {
  it("keeps two documents with one title as two interfaces, with a warning naming both", async () => {
    const admin = await actAs(database(), "ADMIN");
    const { results } = await importFiles(admin, [
      { name: "teams/a/openapi.yaml", content: spec("Collision API", "1.0.0") },
      { name: "teams/b/openapi.yaml", content: spec("Collision API", "2.0.0", "/b") },
    ]);
    const [a, b] = results.map((r) => r.interfaces[0]);
    expect(a.id).not.toBe(b.id);
    expect(b.status).toBe("created");
    // Besides the line saying the folder's governance rules are queued.
    expect(results[1].warnings?.filter((w) => !w.startsWith("governance:"))).toEqual([expect.stringMatching(/^teams\/b\/openapi\.yaml: another interface is already named "Collision API" \(collision-api, from file:teams\/a\/openapi\.yaml\); both are kept/)]);
    expect(await database().prisma.interface.count({ where: { name: "Collision API" } })).toBe(2);
  });

  it("imports an earlier content again as a new version (a revert), never as unchanged", async () => {
    const admin = await actAs(database(), "ADMIN");
    const file = (content: string) => [{ name: "revert/openapi.yaml", content }];
    const first = await importFiles(admin, file(spec("Revert API", "1.0.0")));
    await importFiles(admin, file(spec("Revert API", "1.1.0", "/b")));
    const back = await importFiles(admin, file(spec("Revert API", "1.0.0")));
    expect(back.results[0].error).toBeUndefined();
    expect(back.results[0].interfaces[0]).toMatchObject({ id: first.results[0].interfaces[0].id, status: "updated", version: "1.0.0+2" });
    const latest = await database().prisma.interfaceVersion.findFirst({ where: { interfaceId: first.results[0].interfaces[0].id }, orderBy: { createdAt: "desc" } });
    expect(latest?.spec).toBe(spec("Revert API", "1.0.0"));
    expect((await importFiles(admin, file(spec("Revert API", "1.0.0")))).results[0].interfaces[0].status).toBe("unchanged");
  });

  it("adopts an interface imported under its old title key instead of duplicating it", async () => {
    const { prisma } = database();
    const admin = await actAs(database(), "ADMIN");
    const system = await prisma.system.create({ data: { slug: "legacy-sys", name: "Legacy" } });
    const old = await prisma.interface.create({ data: { slug: "legacy-api", name: "Legacy API", systemId: system.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", sourceKey: "openapi:legacy-api" } });
    const { results } = await importFiles(admin, [{ name: "legacy/openapi.yaml", content: spec("Legacy API", "3.0.0") }]);
    expect(results[0].interfaces[0]).toMatchObject({ id: old.id, status: "updated" });
    expect((await prisma.interface.findUnique({ where: { id: old.id } }))?.sourceKey).toBe("file:legacy/openapi.yaml");
  });
});

describe("Backstage groups and systems", () => {
  const entity = (kind: string, name: string, spec: string) => `apiVersion: backstage.io/v1alpha1\nkind: ${kind}\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

  it("makes a Group a team with its parent and contact, adds existing users only, and never creates a sign-in", async () => {
    const { prisma } = database();
    const admin = await actAs(database(), "ADMIN");
    const known = await prisma.user.create({ data: { email: "ada@example.com", name: "Ada Lovelace" } });
    const usersBefore = await prisma.user.count();
    const files = [
      { name: "org/parent.yaml", content: entity("Group", "guild", "  type: department\n  children: [analysts]\n") },
      {
        name: "org/analysts.yaml",
        content: [
          entity("Group", "analysts", "  type: team\n  parent: guild\n  profile:\n    email: analysts@example.com\n  children: []\n"),
          entity("User", "ada", "  profile:\n    email: ada@example.com\n  memberOf: [analysts]\n"),
          entity("User", "nobody", "  profile:\n    email: nobody@example.com\n  memberOf: [analysts]\n"),
        ].join("---\n"),
      },
    ];
    const { results } = await importFiles(admin, files);
    expect(results.map((r) => r.ok)).toEqual([true, true]);
    const team = await prisma.team.findUnique({ where: { slug: "analysts" }, include: { parentTeam: true, memberships: true } });
    expect(team).toMatchObject({ contactEmail: "analysts@example.com", parentTeam: { slug: "guild" } });
    expect(team?.memberships.map((m) => m.userId)).toEqual([known.id]);
    expect(await prisma.user.count()).toBe(usersBefore);
    expect(await prisma.auditEvent.count({ where: { action: "team.member_add", entityId: team!.id } })).toBe(1);
  });

  it("lets a later System entity update the system an earlier import made up", async () => {
    const { prisma } = database();
    const admin = await actAs(database(), "ADMIN");
    await importFiles(admin, [{ name: "c/component.yaml", content: entity("Component", "ledger-ui", "  type: website\n  owner: ledger-team\n  system: ledger\n") }, { name: "c/api.yaml", content: entity("API", "ledger-api", "  type: grpc\n  owner: ledger-team\n  system: ledger\n  definition: service Ledger {}\n") }]);
    expect(await prisma.system.findUnique({ where: { slug: "ledger" } })).toMatchObject({ name: "ledger", domainId: null });
    const { results } = await importFiles(admin, [{ name: "s/system.yaml", content: entity("System", "ledger", "  owner: ledger-team\n  domain: finance\n").replace("metadata:\n  name: ledger", "metadata:\n  name: ledger\n  title: General Ledger") }]);
    expect(results[0].ok).toBe(true);
    const system = await prisma.system.findUnique({ where: { slug: "ledger" }, include: { domain: true, ownerTeam: true } });
    expect(system).toMatchObject({ name: "General Ledger", domain: { slug: "finance" }, ownerTeam: { slug: "ledger-team" } });
    expect(await prisma.auditEvent.count({ where: { action: "system.update", entityId: system!.id } })).toBe(1);
  });
});
