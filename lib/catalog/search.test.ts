import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { seedCatalogFixture } from "./fixtures";
import { searchInterfaces } from "./search";
import { InterfaceSearchResult, type FacetCount, type SearchInterfacesInput } from "./schemas";

const database = setupTestDatabase();
let fixture: Awaited<ReturnType<typeof seedCatalogFixture>>;
let member: Ctx;

beforeAll(async () => {
  fixture = await seedCatalogFixture(database().prisma);
  member = await actAs(database(), "MEMBER");
});

const names = async (input: SearchInterfacesInput) =>
  (await searchInterfaces(member, { limit: 100, ...input })).items.map((i) => i.name.replace(` ${fixture.tag}`, "")).sort();
const countOf = (counts: FacetCount[], value: string) => counts.find((c) => c.value === value)?.count ?? 0;

describe("catalog search", () => {
  it("matches names by partial word, and field names and paths through the search text", async () => {
    expect(await names({ q: "paym" })).toEqual(["Payment Events", "Payments API"]);
    expect(await names({ q: "iban" })).toEqual(["Payments API"]);
    expect(await names({ q: "settled" })).toEqual(["Payment Events"]);
    // No search text from an importer: the name alone still finds it (filled in by the database).
    expect(await names({ q: `manifest ${fixture.tag}` })).toEqual(["Nightly Manifest"]);
  });

  it("returns items in the documented shape, with system, domain, owner and consumers resolved", async () => {
    const result = await searchInterfaces(member, { q: fixture.tag, sort: "consumers", limit: 100 });
    expect(() => InterfaceSearchResult.parse(result)).not.toThrow();
    const events = result.items.find((i) => i.id === fixture.ids["Payment Events"]);
    expect(events).toMatchObject({ consumers: 1, system: { id: fixture.systems.ledger.id }, domain: { id: fixture.domains.money.id }, ownerTeam: { id: fixture.teams.payTeam.id }, classification: null });
    expect(result.items.find((i) => i.id === fixture.ids["Refunds API"])?.sunsetDate).toBe("2030-01-01");
  });

  it("ranks an exact name above a mention", async () => {
    const result = await searchInterfaces(member, { q: `Payments API ${fixture.tag}`, sort: "relevance" });
    expect(result.items[0].id).toBe(fixture.ids["Payments API"]);
  });

  it("narrows by facets, and counts each facet over the set the other facets select", async () => {
    const scope = { q: fixture.tag };
    const all = await searchInterfaces(member, { ...scope, limit: 100 });
    expect(all.total).toBe(7);
    expect(countOf(all.facets.protocol, "HTTP")).toBe(3);
    expect(countOf(all.facets.protocol, "KAFKA")).toBe(2);

    const http = await searchInterfaces(member, { ...scope, protocol: "HTTP", limit: 100 });
    expect(http.total).toBe(3);
    expect(http.items.every((i) => i.protocol === "HTTP")).toBe(true);
    // Its own facet keeps showing the alternatives; the others count only HTTP interfaces.
    expect(countOf(http.facets.protocol, "KAFKA")).toBe(2);
    expect(countOf(http.facets.kind, "EVENT")).toBe(0);
    expect(countOf(http.facets.lifecycle, "DEPRECATED")).toBe(1);

    const combined = await searchInterfaces(member, { ...scope, protocol: "HTTP,KAFKA", domain: fixture.domains.money.id });
    expect(combined.total).toBe(3);
    expect(countOf(combined.facets.domain, fixture.domains.logistics.id)).toBe(1);
    expect(await names({ ...scope, domain: "none" })).toEqual(["Customer Sync"]);
    expect(await names({ ...scope, ownerTeam: fixture.teams.shipTeam.id, kind: "API" })).toEqual(["Parcel Tracking"]);
  });

  it("classifies an interface by its most sensitive field or contract", async () => {
    const result = await searchInterfaces(member, { q: fixture.tag, classification: "RESTRICTED" });
    expect(result.items.map((i) => i.id)).toEqual([fixture.ids["Payments API"]]);
    expect(result.items[0].classification).toBe("RESTRICTED");
    expect(countOf(result.facets.classification, "INTERNAL")).toBe(1);
    expect(countOf(result.facets.classification, "UNCLASSIFIED")).toBe(5);
  });

  it.each(["relevance", "name", "updated", "consumers"] as const)("pages through every row exactly once sorted by %s", async (sort) => {
    const seen: string[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 10; page++) {
      const result = await searchInterfaces(member, { q: fixture.tag, sort, limit: 2, cursor });
      seen.push(...result.items.map((i) => i.id));
      if (!result.nextCursor) break;
      cursor = result.nextCursor;
    }
    expect(seen).toHaveLength(7);
    expect(new Set(seen).size).toBe(7);
    if (sort === "consumers") expect(seen.slice(0, 2).sort()).toEqual([fixture.ids["Payment Events"], fixture.ids["Refunds API"]].sort());
  });

  it("treats SQL-looking text as words to search for", async () => {
    for (const q of ["'; DROP TABLE interface; --", "%", "_", "\\", "a' OR '1'='1", "!!(|&:*)"]) {
      const result = await searchInterfaces(member, { q });
      expect(result.items.length).toBeLessThanOrEqual(25);
    }
    expect(await names({ q: "%" })).toEqual([]);
    expect(await database().prisma.interface.count()).toBeGreaterThanOrEqual(7);
  });

  it("rejects a cursor from another sort", async () => {
    const first = await searchInterfaces(member, { q: fixture.tag, sort: "name", limit: 1 });
    await expect(searchInterfaces(member, { q: fixture.tag, sort: "updated", cursor: first.nextCursor! })).rejects.toMatchObject({ code: "VALIDATION" });
  });

  it("requires a signed-in caller", async () => {
    await expect(searchInterfaces({ actor: null, requestId: "t", via: "session" }, {})).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
