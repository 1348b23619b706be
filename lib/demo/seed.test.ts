import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyPassword } from "@/lib/auth/password";
import type { PrismaClient } from "@/lib/db/generated/client";
import { openTestDatabase, type TestDatabase } from "@/lib/db/testing";
import { seedDemoEstate, type SeedResult } from "./seed";
import { DEMO_PASSWORD, DEMO_USERS } from "./users";

/** What must be the same in every demo database: names, lineage and spec hashes (row ids differ). */
async function estateShape(prisma: PrismaClient) {
  const interfaces = await prisma.interface.findMany({ select: { slug: true, versions: { select: { specHash: true } } }, orderBy: { slug: "asc" } });
  const flows = await prisma.flow.findMany({ select: { interface: { select: { slug: true } }, consumerSystem: { select: { slug: true } }, patterns: true } });
  return {
    systems: (await prisma.system.findMany({ select: { slug: true, name: true }, orderBy: { slug: "asc" } })).map((s) => `${s.slug}:${s.name}`),
    interfaces: interfaces.map((i) => `${i.slug}:${i.versions.map((v) => v.specHash).join()}`),
    flows: flows.map((f) => `${f.interface.slug}->${f.consumerSystem.slug}:${f.patterns.join("+")}`).sort(),
  };
}

describe("seedDemoEstate", () => {
  let database: TestDatabase;
  let result: SeedResult;
  const audited: Record<string, number>[] = [];

  beforeAll(async () => {
    database = await openTestDatabase();
    const started = performance.now();
    result = await seedDemoEstate(database.prisma, async (tx, counts) => {
      // Proves the callback runs inside the seed transaction: it already sees the new rows.
      expect(await tx.system.count()).toBe(counts.systems);
      audited.push(counts);
    });
    console.info(`demo seed on ${database.driver.kind}: ${Math.round(performance.now() - started)} ms`, result.counts);
    // The whole demo (spec extraction, classification, records) takes about a minute on a quiet 2-core machine.
  }, 300_000);
  afterAll(() => database.dispose());

  it("loads a realistic estate into an empty database", async () => {
    const { prisma } = database;
    expect(result.seeded).toBe(true);
    expect(await prisma.domain.count()).toBeGreaterThanOrEqual(8);
    expect(await prisma.system.count()).toBeGreaterThanOrEqual(40);
    expect(await prisma.system.count({ where: { kind: { in: ["SAAS", "THIRD_PARTY"] } } })).toBeGreaterThanOrEqual(6);
    expect(await prisma.system.count({ where: { kind: "LEGACY" } })).toBeGreaterThanOrEqual(1);
    expect(await prisma.interface.count()).toBeGreaterThanOrEqual(120);
    const protocols = (await prisma.interface.groupBy({ by: ["protocol"], _count: true })).map((g) => g.protocol);
    expect(protocols).toEqual(expect.arrayContaining(["HTTP", "KAFKA", "AMQP", "NATS", "SOAP", "SFTP"]));
    expect(await prisma.flow.count()).toBeGreaterThanOrEqual(250);
    expect(await prisma.dataContract.count({ where: { status: "ACTIVE" } })).toBeGreaterThanOrEqual(5);
    expect(result.counts).toMatchObject({ systems: await prisma.system.count(), flows: await prisma.flow.count() });
  });

  it("hands the counts to the callback exactly once", () => {
    expect(audited).toEqual([result.counts]);
  });

  it("gives every domain, system and interface an owner team", async () => {
    const { prisma } = database;
    expect(await prisma.domain.count({ where: { ownerTeamId: null } })).toBe(0);
    expect(await prisma.system.count({ where: { ownerTeamId: null } })).toBe(0);
    expect(await prisma.interface.count({ where: { ownerTeamId: null } })).toBe(0);
  });

  it("never has a system consuming its own interface", async () => {
    const flows = await database.prisma.flow.findMany({ select: { consumerSystemId: true, interface: { select: { systemId: true } } } });
    expect(flows.filter((f) => f.consumerSystemId === f.interface.systemId)).toEqual([]);
  });

  it("creates the demo users with a verifiable password and OIDC-only colleagues without one", async () => {
    for (const demo of DEMO_USERS) {
      const user = await database.prisma.user.findUnique({ where: { email: demo.email } });
      expect(user?.role, demo.email).toBe(demo.role);
      expect(await verifyPassword(user?.passwordHash, DEMO_PASSWORD), demo.email).toBe(true);
      expect(await verifyPassword(user?.passwordHash, "wrong-password"), demo.email).toBe(false);
    }
    const others = await database.prisma.user.findMany({ where: { email: { notIn: DEMO_USERS.map((u) => u.email) } } });
    expect(others.length).toBeGreaterThanOrEqual(8);
    expect(others.every((u) => u.passwordHash === null && u.role === "MEMBER")).toBe(true);
  });

  it("makes producer@ a lead of the team owning Payments and consumer@ a member of a team consuming Payments interfaces", async () => {
    const { prisma } = database;
    const payments = await prisma.domain.findUniqueOrThrow({ where: { slug: "payments" }, include: { systems: true } });
    const producer = await prisma.membership.findFirstOrThrow({ where: { user: { email: "producer@interchange.local" } } });
    expect(producer).toMatchObject({ teamId: payments.ownerTeamId, role: "LEAD" });
    expect(payments.systems.every((s) => s.ownerTeamId === payments.ownerTeamId)).toBe(true);

    const consumer = await prisma.membership.findFirstOrThrow({ where: { user: { email: "consumer@interchange.local" } } });
    const consumed = await prisma.flow.findMany({
      where: { consumerSystem: { ownerTeamId: consumer.teamId }, interface: { system: { domainId: payments.id } } },
      select: { interfaceId: true },
    });
    expect(new Set(consumed.map((f) => f.interfaceId)).size).toBeGreaterThanOrEqual(3);
  });

  it("does nothing the second time", async () => {
    const before = await estateShape(database.prisma);
    let called = false;
    const again = await seedDemoEstate(database.prisma, async () => void (called = true));
    expect(again).toEqual({ seeded: false, counts: {} });
    expect(called).toBe(false);
    expect(await estateShape(database.prisma)).toEqual(before);
  });

  it("does nothing when a real user already exists", async () => {
    const other = await openTestDatabase();
    try {
      await other.prisma.user.create({ data: { email: "someone@example.com", name: "Someone" } });
      expect((await seedDemoEstate(other.prisma)).seeded).toBe(false);
      expect(await other.prisma.system.count()).toBe(0);
    } finally {
      await other.dispose();
    }
  });

  it("builds the same estate in a second fresh database", async () => {
    const other = await openTestDatabase();
    try {
      expect((await seedDemoEstate(other.prisma)).seeded).toBe(true);
      expect(await estateShape(other.prisma)).toEqual(await estateShape(database.prisma));
    } finally {
      await other.dispose();
    }
  });

  it("rolls everything back when the callback (the audit write) fails", async () => {
    const other = await openTestDatabase();
    try {
      await expect(seedDemoEstate(other.prisma, async () => Promise.reject(new Error("audit failed")))).rejects.toThrow("audit failed");
      expect(await other.prisma.system.count()).toBe(0);
      expect(await other.prisma.user.count()).toBe(0);
    } finally {
      await other.dispose();
    }
  });
});
