import { beforeAll, describe, expect, it } from "vitest";
import { getInbox } from "@/lib/contracts/data";
import { setupTestDatabase } from "@/lib/testing/integration";
import { seedDemoContractWork } from "./contract-work";
import { seedDemoEstate } from "./seed";
import { planDemoTraffic } from "./traffic";

// The demo shows contract work in progress and live faults from its first start: both are derived from the estate.
describe("demo contract work and traffic plan", () => {
  const database = setupTestDatabase();
  let counts: Record<string, number>;

  beforeAll(async () => {
    await seedDemoEstate(database().prisma);
    counts = await seedDemoContractWork(database().prisma);
  }, 300_000);

  it("puts versions in review into Order Management's inbox, through the real workflow", async () => {
    const { prisma } = database();
    expect(counts.inReview).toBeGreaterThanOrEqual(1);
    const consumer = await prisma.user.findUniqueOrThrow({ where: { email: "consumer@interchange.local" }, include: { memberships: true } });
    const inbox = await getInbox({ actor: { id: consumer.id, email: consumer.email, name: consumer.name, role: consumer.role, teamIds: consumer.memberships.map((m) => m.teamId) }, requestId: "t", via: "session" });
    expect(inbox.pending.length).toBeGreaterThanOrEqual(1);
    expect(await prisma.notification.count({ where: { userId: consumer.id, kind: "contract.review_requested" } })).toBeGreaterThanOrEqual(1);
    expect(await prisma.auditEvent.count({ where: { action: "contract.submit" } })).toBeGreaterThanOrEqual(3);
  });

  it("has a rejected version with its discussion and a deprecated one with a sunset date", async () => {
    const { prisma } = database();
    const rejected = await prisma.dataContract.findFirstOrThrow({ where: { status: "REJECTED" }, include: { comments: true } });
    expect(rejected.comments.map((c) => c.body)).toEqual(expect.arrayContaining([expect.stringMatching(/^Rejected: /)]));
    expect(rejected.comments).toHaveLength(3);
    const deprecated = await prisma.dataContract.findFirstOrThrow({ where: { status: "DEPRECATED" } });
    expect(deprecated.sunsetDate!.getTime()).toBeGreaterThan(Date.now());
    expect(await prisma.dataContract.count({ where: { interfaceId: deprecated.interfaceId, status: "ACTIVE" } })).toBe(1);
    // The producer@ demo user's own story starts from an untouched Payments API.
    expect(await prisma.dataContract.count({ where: { interface: { name: "Payments API" } } })).toBe(1);
  });

  it("plans faults whose breaches share an upstream flow", async () => {
    const rows = await database().prisma.flow.findMany({ select: { id: true, name: true, style: true, consumerSystemId: true, interface: { select: { systemId: true } } } });
    const plan = planDemoTraffic(rows.map((r) => ({ id: r.id, name: r.name, style: r.style, providerSystemId: r.interface.systemId, consumerSystemId: r.consumerSystemId, contracted: true })));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const slow = byId.get(plan.roles.slowUpstream)!;
    expect(plan.roles.timingOut.length).toBeGreaterThanOrEqual(2);
    for (const id of plan.roles.timingOut) expect(byId.get(id)!.interface.systemId).toBe(slow.consumerSystemId);
    expect(byId.get(plan.roles.staleFeed)!.style).toBe("BATCH");
    expect(plan.roles.healthy.length).toBeGreaterThan(10);
    expect(new Set(plan.flows.map((f) => f.flowId)).size).toBe(plan.flows.length);
  });
});
