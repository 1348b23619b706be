import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { exportDataflows, exportPciInventory } from "@/lib/compliance/exports/data";
import { listScorecards, snapshotScores } from "@/lib/scorecards/data";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";

// Reads over the whole estate past PostgreSQL's 32,767 parameters per statement: an ORM that loads relations with
// one id parameter per parent row fails there (the scorecards page, the trend's snapshots and the PCI inventories
// did, at 33,000 interfaces).
const INTERFACES = 33_000;
const database = setupTestDatabase();
let admin: Ctx;
beforeAll(async () => {
  admin = await actAs(database(), "ADMIN");
  await database().driver.exec(`
    INSERT INTO system (id, slug, name, pci_scope, updated_at) VALUES (gen_random_uuid(), 'bulk', 'Bulk', true, now()), (gen_random_uuid(), 'reader', 'Reader', false, now());
    INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, updated_at)
      SELECT gen_random_uuid(), 'bulk-' || g, 'Bulk ' || g, (SELECT id FROM system WHERE slug = 'bulk'), 'API', 'HTTP', 'REQUEST_RESPONSE', now()
      FROM generate_series(1, ${INTERFACES}) g;
    INSERT INTO interface_version (id, interface_id, version, spec_format, spec, spec_hash)
      SELECT gen_random_uuid(), id, '1.0.' || right(slug, 1), 'OPENAPI', '{}', md5(slug) FROM interface;
    INSERT INTO flow (id, name, interface_id, consumer_system_id, style, data_categories, updated_at)
      SELECT gen_random_uuid(), 'Bulk flow ' || slug, id, (SELECT id FROM system WHERE slug = 'reader'), 'REQUEST_RESPONSE', ARRAY['contact details'], now()
      FROM interface;`);
}, 120_000);

describe("whole-estate reads at 33,000 interfaces", () => {
  it("lists scorecards and snapshots every subject's score", async () => {
    const systems = await listScorecards(admin, { subject: "SYSTEM" });
    expect(systems.find((c) => c.name === "Bulk")?.interfaces).toBe(INTERFACES);
    expect(await snapshotScores()).toBeGreaterThan(INTERFACES);
  }, 120_000);

  it("exports the PCI bespoke-software inventory with each interface's latest version", async () => {
    const file = await exportPciInventory(admin, "software");
    const rows = String(file.body).split("\n").filter((line) => line.includes(",bespoke api interface,"));
    expect(rows.length).toBe(INTERFACES);
    expect(rows.find((line) => line.includes(",Bulk 32999,"))).toMatch(/,1\.0\.9\r?$/);
  }, 120_000);

  it("exports the data flows register", async () => {
    const file = await exportDataflows(admin);
    expect(String(file.body).split("\n").filter((line) => line.includes("Bulk flow")).length).toBe(INTERFACES);
  }, 120_000);
});
