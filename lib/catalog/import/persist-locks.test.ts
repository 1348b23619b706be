import { describe, expect, it } from "vitest";
import { verifyAuditChain } from "@/lib/audit/data";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { persistImport } from "./persist";
import { lockedNames } from "./persist-locks";
import { openApiDoc } from "./test-helpers";

const database = setupTestDatabase();

describe("import locks", () => {
  it("locks the names a document may create: its interface, slug base, system, domain and owner team", () => {
    const doc = openApiDoc("ledger", { name: "Ledger 2", domainSlug: "finance", ownerTeamSlug: "money" });
    expect(lockedNames([doc])).toEqual(["domain:finance", "interface:openapi:ledger", "slug:ledger", "system:ledger-service", "team:money"]);
  });

  it("imports documents at once, those naming one new system included, with one system and an unbroken audit chain", async () => {
    const admin = await actAs(database(), "ADMIN");
    const shared = ["a", "b", "c", "d"].map((key) => openApiDoc(key, { systemSlug: "shared-hub", systemName: "Shared hub" }));
    const alone = ["e", "f"].map((key) => openApiDoc(key));
    const results = await Promise.all([...shared, ...alone].map((doc, i) => persistImport(admin, doc, { fileName: `${i}.yaml` })));
    expect(results.map((r) => r.interfaces[0].status)).toEqual(Array(6).fill("created"));
    const { prisma } = database();
    expect(await prisma.system.count({ where: { slug: "shared-hub" } })).toBe(1);
    expect(await prisma.interface.count({ where: { system: { slug: "shared-hub" } } })).toBe(4);
    // Every import's events, written at the end of its transaction, chain to the ones committed before them.
    expect(await prisma.auditEvent.count({ where: { action: "interface.version_create" } })).toBe(6);
    expect(await verifyAuditChain(admin)).toMatchObject({ ok: true });
  });
});
