import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { seedCatalogFixture } from "./fixtures";
import { estateHealth } from "./summary";

const database = setupTestDatabase();

describe("estate health", () => {
  it("finds unowned, uncontracted and deprecated-but-consumed interfaces, and counts by kind and domain", async () => {
    const fixture = await seedCatalogFixture(database().prisma);
    await database().prisma.dataContract.create({
      data: { interfaceId: fixture.ids["Payments API"], version: "1.0.0", status: "ACTIVE", schemaFormat: "JSON_SCHEMA", schema: "{}" },
    });
    const health = await estateHealth(await actAs(database(), "MEMBER"));
    expect(health.unowned.items.map((i) => i.id)).toEqual([fixture.ids["Customer Sync"]]);
    expect(health.withoutContract.count).toBe(6);
    expect(health.withoutContract.items.map((i) => i.id)).not.toContain(fixture.ids["Payments API"]);
    expect(health.deprecatedConsumed.items).toEqual([expect.objectContaining({ id: fixture.ids["Refunds API"], consumers: 1, sunsetDate: "2030-01-01" })]);
    expect(health.byKind).toEqual(expect.arrayContaining([{ value: "API", count: 4 }, { value: "EVENT", count: 2 }, { value: "FILE", count: 1 }]));
    expect(health.byDomain).toEqual(expect.arrayContaining([{ id: fixture.domains.logistics.id, name: fixture.domains.logistics.name, count: 3 }, { id: null, name: "No domain", count: 1 }]));
  });
});
