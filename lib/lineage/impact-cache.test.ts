import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { lineage } from "./graph";
import { impact } from "./impact";
import { hopsFrom } from "./impact-report";

// impact() walks an in-memory adjacency that a database version counter invalidates. Its answers must equal the
// plain recursive lineage query's (lineage() + hopsFrom, how impact was computed before the cache) on random
// estates, and stay equal after lineage changes made straight in the database, as another instance would.
const database = setupTestDatabase();
let member: Ctx;
beforeAll(async () => {
  member = await actAs(database(), "MEMBER");
});

/** Deterministic pseudo-random numbers, so a failing estate can be rebuilt from its seed. */
function mulberry32(seed: number) {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Estate = { systems: string[]; interfaces: string[]; domains: string[]; teams: string[] };

async function randomEstate(seed: number): Promise<Estate> {
  const random = mulberry32(seed);
  const pick = <T,>(list: T[]) => list[Math.floor(random() * list.length)];
  const prisma = database().prisma;
  const tag = randomUUID().slice(0, 8);
  const teams = await Promise.all([1, 2, 3].map((n) => prisma.team.create({ data: { slug: `t${n}-${tag}`, name: `Team ${n} ${tag}` } })));
  const domains = await Promise.all([1, 2].map((n) => prisma.domain.create({ data: { slug: `d${n}-${tag}`, name: `Domain ${n} ${tag}` } })));
  const systems = [];
  for (let n = 0; n < 12; n++) {
    systems.push(
      await prisma.system.create({
        data: { slug: `s${n}-${tag}`, name: `S${n} ${tag}`, domainId: random() < 0.8 ? pick(domains).id : null, ownerTeamId: random() < 0.8 ? pick(teams).id : null },
      }),
    );
  }
  const interfaces = [];
  for (let n = 0; n < 20; n++) {
    interfaces.push(
      await prisma.interface.create({
        data: {
          slug: `i${n}-${tag}`,
          name: `I${n} ${tag}`,
          systemId: pick(systems).id,
          kind: "API",
          protocol: "HTTP",
          style: "REQUEST_RESPONSE",
          lifecycle: random() < 0.15 ? "RETIRED" : "ACTIVE",
        },
      }),
    );
  }
  const pairs = new Set<string>();
  for (let n = 0; n < 40; n++) pairs.add(`${pick(interfaces).id}|${pick(systems).id}`);
  await prisma.flow.createMany({
    data: [...pairs].map((pair, n) => {
      const [interfaceId, consumerSystemId] = pair.split("|");
      return { name: `F${n} ${tag}`, interfaceId, consumerSystemId, style: "EVENT" as const };
    }),
  });
  return { systems: systems.map((s) => s.id), interfaces: interfaces.map((i) => i.id), domains: domains.map((d) => d.id), teams: teams.map((t) => t.id) };
}

/** What impact reported before the cache: the recursive lineage query's graph, hops over its edges. */
async function reference(kind: "interface" | "system", id: string, depth: number) {
  const graph = await lineage(member, { focus: id, depth, direction: "down" });
  const hops = hopsFrom(id, graph.edges);
  const reached = graph.nodes.filter((n) => hops.has(n.id));
  return {
    interfaces: reached.filter((n) => n.type === "interface").map((n) => `${n.id}@${hops.get(n.id)}`).sort(),
    consumers: reached
      .filter((n) => n.type === "system" && !(kind === "system" && n.id === id && hops.get(n.id) === 0))
      .map((n) => `${n.id}@${hops.get(n.id)}`)
      .sort(),
  };
}

async function cached(kind: "interface" | "system", id: string, depth: number) {
  const report = await impact(member, { [kind]: id, depth });
  return {
    interfaces: report.interfaces.map((i) => `${i.id}@${i.hop}`).sort(),
    consumers: report.consumers.map((c) => `${c.id}@${c.hop}`).sort(),
  };
}

async function expectSameAsReference(estate: Estate, seed: number) {
  const random = mulberry32(seed * 7919);
  for (let n = 0; n < 12; n++) {
    const kind = random() < 0.5 ? "interface" : "system";
    const list = kind === "interface" ? estate.interfaces : estate.systems;
    const id = list[Math.floor(random() * list.length)];
    const depth = 1 + Math.floor(random() * 5);
    expect(await cached(kind, id, depth), `seed ${seed}, ${kind} ${id}, depth ${depth}`).toEqual(await reference(kind, id, depth));
  }
}

describe("impact over the lineage adjacency cache", () => {
  it.each([1, 2, 3])("equals the recursive query's answer on random estate %i", async (seed) => {
    const estate = await randomEstate(seed);
    await expectSameAsReference(estate, seed);
  });

  it("sees lineage changes another instance commits, at once", async () => {
    const estate = await randomEstate(42);
    const prisma = database().prisma;
    const [producer, consumer] = [estate.interfaces[0], estate.systems[11]];
    await prisma.interface.update({ where: { id: producer }, data: { lifecycle: "ACTIVE" } });
    const before = await impact(member, { interface: producer, depth: 1 });

    // Raw SQL, as any instance or tool would write it: only the database's version counter tells this cache.
    const newConsumer = before.consumers.some((c) => c.id === consumer) ? estate.systems.find((s) => !before.consumers.some((c) => c.id === s))! : consumer;
    await prisma.$executeRaw`INSERT INTO flow (id, name, interface_id, consumer_system_id, style, updated_at)
      VALUES (gen_random_uuid(), 'added', ${producer}::uuid, ${newConsumer}::uuid, 'EVENT', now())`;
    const after = await impact(member, { interface: producer, depth: 1 });
    expect(after.consumers.map((c) => c.id)).toContain(newConsumer);
    expect(after.summary.consumers).toBe(before.summary.consumers + 1);

    await prisma.$executeRaw`DELETE FROM flow WHERE interface_id = ${producer}::uuid`;
    expect((await impact(member, { interface: producer, depth: 3 })).consumers).toEqual([]);

    await prisma.$executeRaw`UPDATE system SET name = 'Renamed' WHERE id = ${estate.systems[0]}::uuid`;
    expect((await impact(member, { system: estate.systems[0], depth: 1 })).system?.name).toBe("Renamed");

    await prisma.$executeRaw`UPDATE interface SET lifecycle = 'RETIRED' WHERE id = ANY(${estate.interfaces.slice(1, 8)}::uuid[])`;
    await prisma.$executeRaw`UPDATE interface SET system_id = ${estate.systems[3]}::uuid WHERE id = ANY(${estate.interfaces.slice(8, 12)}::uuid[])`;
    await expectSameAsReference(estate, 42);
  });

  it("lists the approved and active contracts on affected interfaces, and sees contract changes at once", async () => {
    const estate = await randomEstate(7);
    const prisma = database().prisma;
    const producer = estate.interfaces[1];
    await prisma.interface.update({ where: { id: producer }, data: { lifecycle: "ACTIVE" } });
    const contract = await prisma.dataContract.create({
      data: { interfaceId: producer, version: "1.0.0", schemaFormat: "JSON_SCHEMA", schema: "{}", status: "DRAFT", ownerTeamId: estate.teams[0] },
    });
    const contractsOf = async () => (await impact(member, { interface: producer, depth: 1 })).contracts.map((c) => `${c.version} ${c.status} ${c.ownerTeam?.id ?? "-"} @${c.hop}`);
    expect(await contractsOf()).toEqual([]);

    // Raw SQL, as another instance would commit it: the draft is approved, then becomes active under another team.
    await prisma.$executeRaw`UPDATE data_contract SET status = 'APPROVED' WHERE id = ${contract.id}::uuid`;
    expect(await contractsOf()).toEqual([`1.0.0 APPROVED ${estate.teams[0]} @0`]);
    await prisma.$executeRaw`UPDATE data_contract SET status = 'ACTIVE', owner_team_id = ${estate.teams[1]}::uuid WHERE id = ${contract.id}::uuid`;
    expect(await contractsOf()).toEqual([`1.0.0 ACTIVE ${estate.teams[1]} @0`]);
    await prisma.$executeRaw`UPDATE data_contract SET status = 'DEPRECATED' WHERE id = ${contract.id}::uuid`;
    expect(await contractsOf()).toEqual([]);
  });

  it("sums a large answer up by domain, team and top consumers, and keeps the nearest entries in the lists", async () => {
    const prisma = database().prisma;
    const tag = randomUUID().slice(0, 8);
    const team = await prisma.team.create({ data: { slug: `big-${tag}`, name: `Big team ${tag}` } });
    const domain = await prisma.domain.create({ data: { slug: `big-${tag}`, name: `Big domain ${tag}` } });
    const source = await prisma.system.create({ data: { slug: `src-${tag}`, name: `Source ${tag}` } });
    const api = await prisma.interface.create({ data: { slug: `api-${tag}`, name: `Api ${tag}`, systemId: source.id, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE" } });
    const events = await prisma.interface.create({ data: { slug: `ev-${tag}`, name: `Events ${tag}`, systemId: source.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT" } });
    const consumers = [];
    for (let n = 0; n < 6; n++) {
      consumers.push(
        await prisma.system.create({ data: { slug: `c${n}-${tag}`, name: `C${5 - n} ${tag}`, domainId: n < 4 ? domain.id : null, ownerTeamId: n < 2 ? team.id : null } }),
      );
    }
    await prisma.flow.createMany({
      data: [
        ...consumers.map((c) => ({ name: `api ${c.name}`, interfaceId: api.id, consumerSystemId: c.id, style: "EVENT" as const })),
        { name: "events C5", interfaceId: events.id, consumerSystemId: consumers[5].id, style: "EVENT" as const },
      ],
    });

    const report = await impact(member, { system: source.id, depth: 2, limit: 3 });
    // All six are one hop away: the three kept come first by name (named in the reverse of the order they were made).
    expect(report.consumers.map((c) => c.name)).toEqual([`C0 ${tag}`, `C1 ${tag}`, `C2 ${tag}`]);
    expect(report.summary).toMatchObject({ interfaces: 2, consumers: 6, teams: 1, contracts: 0, truncated: true });
    expect(report.summary.byDomain).toEqual([
      { domain: { id: domain.id, name: domain.name }, consumers: 4 },
      { domain: null, consumers: 2 },
    ]);
    expect(report.summary.byTeam).toEqual([
      { team: null, consumers: 4 },
      { team: { id: team.id, name: team.name }, consumers: 2 },
    ]);
    expect(report.summary.topConsumers[0]).toEqual({ id: consumers[5].id, name: consumers[5].name, hop: 1, flows: 2 });

    const whole = await impact(member, { system: source.id, depth: 2 });
    expect(whole.consumers).toHaveLength(6);
    expect(whole.summary.truncated).toBe(false);
  });
});
