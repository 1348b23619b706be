import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { seedCatalogFixture } from "./fixtures";
import { EXACT_COUNT_LIMIT, searchInterfaces } from "./search";
import { FACETS, NONE, UNCLASSIFIED, type FacetName, type InterfaceSearchResult } from "./schemas";

// The catalog's facet counts come from aggregates that triggers maintain; these tests change the estate the ways
// users do and compare every count with one recomputed from the base tables.
const database = setupTestDatabase();
let fixture: Awaited<ReturnType<typeof seedCatalogFixture>>;
let member: Ctx;

beforeAll(async () => {
  fixture = await seedCatalogFixture(database().prisma);
  member = await actAs(database(), "MEMBER");
});

type Counts = Record<FacetName, Record<string, number>> & { total: number };

/** What the counts must be, straight from interfaces, systems, contracts, fields and flows. */
async function recounted(): Promise<Counts> {
  const rows = await database().prisma.$queryRaw<{ domain: string | null; team: string | null; kind: string; protocol: string; style: string; lifecycle: string; classification: string | null }[]>`
    SELECT coalesce(i.domain_id, s.domain_id)::text AS domain, coalesce(i.owner_team_id, s.owner_team_id)::text AS team,
           i.kind::text, i.protocol::text, i.style::text, i.lifecycle::text,
           greatest((SELECT max(c.classification) FROM data_contract c WHERE c.interface_id = i.id),
                    (SELECT max(f.classification) FROM interface_field f WHERE f.interface_id = i.id))::text AS classification
    FROM interface i JOIN system s ON s.id = i.system_id`;
  const counts = { total: rows.length, ...Object.fromEntries(FACETS.map((f) => [f, {}])) } as Counts;
  const add = (facet: FacetName, value: string) => (counts[facet][value] = (counts[facet][value] ?? 0) + 1);
  for (const r of rows) {
    add("domain", r.domain ?? NONE);
    add("ownerTeam", r.team ?? NONE);
    add("kind", r.kind);
    add("protocol", r.protocol);
    add("style", r.style);
    add("lifecycle", r.lifecycle);
    add("classification", r.classification ?? UNCLASSIFIED);
  }
  return counts;
}

const shown = (result: InterfaceSearchResult): Counts =>
  ({ total: result.total, ...Object.fromEntries(FACETS.map((f) => [f, Object.fromEntries(result.facets[f].map((c) => [c.value, c.count]))])) }) as Counts;

async function expectCountsMatchTheEstate() {
  const result = await searchInterfaces(member, {});
  expect(result.estimated).toEqual({ total: false, facets: false });
  expect(shown(result)).toEqual(await recounted());
}

async function consumersOf(id: string) {
  const result = await searchInterfaces(member, { q: fixture.tag, limit: 100 });
  return result.items.find((i) => i.id === id)?.consumers;
}

describe("maintained catalog aggregates", () => {
  it("count the estate as it is after an import, an ownership change, a classification, new flows and a delete", async () => {
    const prisma = database().prisma;
    await expectCountsMatchTheEstate();

    // An import: a new interface with a confidential field.
    const imported = await prisma.interface.create({
      data: { slug: `imported-${fixture.tag}`, name: `Imported Orders ${fixture.tag}`, systemId: fixture.systems.crm.id, kind: "EVENT", protocol: "AMQP", style: "EVENT" },
    });
    const version = await prisma.interfaceVersion.create({ data: { interfaceId: imported.id, version: "1", specFormat: "ASYNCAPI", spec: "x", specHash: "h" } });
    await prisma.interfaceField.createMany({
      data: ["email", "name"].map((name) => ({ interfaceVersionId: version.id, interfaceId: imported.id, path: `Order.${name}`, name, type: "string", classification: name === "email" ? "CONFIDENTIAL" as const : null })),
    });
    await expectCountsMatchTheEstate();

    // The CRM system moves to the money domain and the payments team: its interfaces follow.
    await prisma.system.update({ where: { id: fixture.systems.crm.id }, data: { domainId: fixture.domains.money.id, ownerTeamId: fixture.teams.payTeam.id } });
    await expectCountsMatchTheEstate();
    expect((await searchInterfaces(member, { q: fixture.tag, domain: NONE })).total).toBe(0);

    // An interface overrides its system's owner.
    await prisma.interface.update({ where: { id: fixture.ids["Customer Sync"] }, data: { ownerTeamId: fixture.teams.shipTeam.id } });
    await expectCountsMatchTheEstate();

    // A restricted contract, then its reclassification.
    const contract = await prisma.dataContract.create({
      data: { interfaceId: fixture.ids["Parcel Tracking"], version: "1.0.0", schemaFormat: "JSON_SCHEMA", schema: "{}", classification: "RESTRICTED" },
    });
    await expectCountsMatchTheEstate();
    await prisma.dataContract.update({ where: { id: contract.id }, data: { classification: "PUBLIC" } });
    await expectCountsMatchTheEstate();

    // Flows in and out move the consumer counts.
    expect(await consumersOf(fixture.ids["Parcel Tracking"])).toBe(0);
    await prisma.flow.createMany({
      data: [fixture.systems.crm.id, fixture.systems.ledger.id].map((consumerSystemId) => ({ name: `Parcels to ${consumerSystemId}`, interfaceId: fixture.ids["Parcel Tracking"], consumerSystemId, style: "REQUEST_RESPONSE" as const })),
    });
    expect(await consumersOf(fixture.ids["Parcel Tracking"])).toBe(2);
    await prisma.flow.deleteMany({ where: { interfaceId: fixture.ids["Parcel Tracking"], consumerSystemId: fixture.systems.crm.id } });
    expect(await consumersOf(fixture.ids["Parcel Tracking"])).toBe(1);

    // Deletes: an interface, then a whole system with its interfaces.
    await prisma.interface.delete({ where: { id: imported.id } });
    await expectCountsMatchTheEstate();
    await prisma.system.delete({ where: { id: fixture.systems.depot.id } });
    await expectCountsMatchTheEstate();
    // And a deleted domain leaves its systems' interfaces without one.
    await prisma.domain.delete({ where: { id: fixture.domains.money.id } });
    await expectCountsMatchTheEstate();
  });

  it("corrects a misspelt word against the catalog's words", async () => {
    const result = await searchInterfaces(member, { q: `paymnet` });
    expect(result.items.map((i) => i.id)).toContain(fixture.ids["Payment Events"]);
    // A correct word is not widened to its neighbours.
    expect((await searchInterfaces(member, { q: "settled" })).items.map((i) => i.id)).toEqual([fixture.ids["Payment Events"]]);
  });
});

describe("search over more matches than it counts exactly", () => {
  const many = EXACT_COUNT_LIMIT + 300;
  let word: string;

  beforeAll(async () => {
    word = `bulk${fixture.tag.replace(/[^a-z0-9]/g, "")}`;
    // Half HTTP, half KAFKA; set-based like an import, through the same triggers.
    await database().prisma.$executeRawUnsafe(`
      INSERT INTO interface (id, slug, name, system_id, kind, protocol, style, search_text, updated_at)
      SELECT gen_random_uuid(), '${word}-' || g, 'Bulk ' || g, '${fixture.systems.ledger.id}', 'API',
             (CASE WHEN g % 2 = 0 THEN 'HTTP' ELSE 'KAFKA' END)::"Protocol", 'REQUEST_RESPONSE', 'Bulk ' || g || ' ${word}', now()
      FROM generate_series(1, ${many}) g`);
    await database().prisma.$executeRawUnsafe("ANALYZE interface");
  });

  it("says its counts are estimates, and they are close", async () => {
    const result = await searchInterfaces(member, { q: word });
    expect(result.estimated).toEqual({ total: true, facets: true });
    // The sample is the whole table at this size, so the estimate is near exact; the point is the label.
    expect(Math.abs(result.total - many)).toBeLessThan(many * 0.2);
    const http = result.facets.protocol.find((c) => c.value === "HTTP")?.count ?? 0;
    expect(Math.abs(http - many / 2)).toBeLessThan(many * 0.2);
  });

  it("keeps the total exact when the filters narrow the matches enough to count", async () => {
    const few = await searchInterfaces(member, { q: word, ownerTeam: NONE });
    expect(few.estimated.total).toBe(false);
    expect(few.total).toBe(0);
  });

  it.each(["relevance", "name", "updated", "consumers"] as const)("pages through every match exactly once sorted by %s", async (sort) => {
    const seen = new Set<string>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      const result = await searchInterfaces(member, { q: word, sort, limit: 100, cursor });
      for (const item of result.items) {
        expect(seen.has(item.id)).toBe(false);
        seen.add(item.id);
      }
      cursor = result.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 100);
    expect(seen.size).toBe(many);
  });
});
