import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { contractAudit, getContract, getInbox } from "./data";
import { listNotifications } from "./notifications";
import { decide, proposeContract, subscribeFlow, transitionContract } from "./workflow";

const database = setupTestDatabase();

const schemaV1 = JSON.stringify({ type: "object", additionalProperties: false, required: ["paymentId"], properties: { paymentId: { type: "string" }, amount: { type: "number" } } });
const schemaV2 = JSON.stringify({ type: "object", additionalProperties: false, required: ["paymentId"], properties: { paymentId: { type: "string" }, amount: { type: "number" }, currency: { type: "string" } } });

type Estate = Awaited<ReturnType<typeof seed>>;

async function seed() {
  const prisma = database().prisma;
  const tag = randomUUID().slice(0, 6);
  const team = (slug: string) => prisma.team.create({ data: { slug: `${slug}-${tag}`, name: `${slug} ${tag}` } });
  const producer = await team("payments");
  const orders = await team("orders");
  const channels = await team("channels");
  const system = (slug: string, ownerTeamId: string) => prisma.system.create({ data: { slug: `${slug}-${tag}`, name: `${slug} ${tag}`, ownerTeamId } });
  const gateway = await system("gateway", producer.id);
  const orderService = await system("order-service", orders.id);
  const mobile = await system("mobile", channels.id);
  const iface = await prisma.interface.create({
    data: { slug: `payments-${tag}`, name: `payments ${tag}`, systemId: gateway.id, ownerTeamId: producer.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT" },
  });
  const flowOrders = await prisma.flow.create({ data: { name: `to orders ${tag}`, interfaceId: iface.id, consumerSystemId: orderService.id, style: "EVENT" } });
  await prisma.flow.create({ data: { name: `to mobile ${tag}`, interfaceId: iface.id, consumerSystemId: mobile.id, style: "EVENT" } });
  const v1 = await prisma.dataContract.create({
    data: { interfaceId: iface.id, ownerTeamId: producer.id, version: "1.0.0", status: "ACTIVE", schemaFormat: "JSON_SCHEMA", schema: schemaV1 },
  });
  return { producer, orders, channels, iface, flowOrders, v1 };
}

describe("contract workflow", () => {
  let estate: Estate;
  let producer: Ctx, ordersMember: Ctx, channelsMember: Ctx, compliance: Ctx, admin: Ctx, outsider: Ctx, adminInProducer: Ctx;

  beforeAll(async () => {
    estate = await seed();
    const db = database();
    producer = await actAs(db, "MEMBER", [estate.producer.id]);
    ordersMember = await actAs(db, "MEMBER", [estate.orders.id]);
    channelsMember = await actAs(db, "MEMBER", [estate.channels.id]);
    compliance = await actAs(db, "COMPLIANCE");
    admin = await actAs(db, "ADMIN");
    outsider = await actAs(db, "MEMBER");
    adminInProducer = await actAs(db, "ADMIN", [estate.producer.id]);
  });

  const propose = (ctx: Ctx, version: string, extra: Record<string, unknown> = {}) =>
    proposeContract(ctx, { interfaceId: estate.iface.id, version, schemaFormat: "JSON_SCHEMA", schema: schemaV2, compatibilityMode: "BACKWARD", sla: {}, errorHandling: {}, classification: "INTERNAL", personalData: false, crossBorderTransfer: false, submit: true, ...extra });

  it("lets only the producing team propose", async () => {
    await expect(propose(ordersMember, "1.1.0")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(propose(outsider, "1.1.0")).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a 100,000-level schema by its nesting, naming line and column, before parsing it", async () => {
    const deep = "[".repeat(100_000) + "]".repeat(100_000);
    await expect(propose(producer, "1.1.0", { schema: deep })).rejects.toMatchObject({
      code: "VALIDATION",
      errors: [{ pointer: "/schema", message: expect.stringMatching(/nested deeper than the limit of \d+ levels.*line 1, column 202/) }],
    });
  });

  it("asks every consuming team, and compliance only for personal or restricted data", async () => {
    const { id } = await propose(producer, "1.1.0");
    const contract = await getContract(producer, id);
    expect(contract.status).toBe("IN_REVIEW");
    expect(contract.approvals.map((a) => a.label).sort()).toEqual([estate.channels.name, estate.orders.name].sort());
    expect(contract.requiresCompliance).toBe(false);
    expect((await getInbox(ordersMember)).pending.map((p) => p.contract.id)).toContain(id);
    expect((await getInbox(compliance)).pending.map((p) => p.contract.id)).not.toContain(id);
    expect((await listNotifications(channelsMember)).items[0]).toMatchObject({ kind: "contract.review_requested", link: `/contracts/${id}` });

    // A second open proposal is refused while this one is in review.
    await expect(propose(producer, "1.2.0")).rejects.toMatchObject({ code: "CONFLICT" });

    // Producer never approves their own change, whatever their role.
    await expect(decide(producer, id, { decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const teamRequest = contract.approvals[0].id;
    await expect(decide(adminInProducer, id, { decision: "APPROVE", approvalId: teamRequest })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/never approves its own change/) });
    await expect(decide(channelsMember, id, { decision: "APPROVE", approvalId: contract.approvals.find((a) => a.team?.id === estate.orders.id)!.id })).rejects.toMatchObject({ code: "FORBIDDEN" });

    await decide(ordersMember, id, { decision: "REJECT", comment: "We still read amount as a string" });
    const rejected = await getContract(producer, id);
    expect(rejected.status).toBe("REJECTED");
    expect(rejected.approvals.find((a) => a.team?.id === estate.orders.id)).toMatchObject({ decision: "REJECTED", comment: "We still read amount as a string" });
    expect((await listNotifications(producer)).items[0].title).toMatch(/rejected/);

    const sensitive = await propose(producer, "1.2.0", { personalData: true });
    const withCompliance = await getContract(producer, sensitive.id);
    expect(withCompliance.requiresCompliance).toBe(true);
    expect(withCompliance.approvals.map((a) => a.kind)).toEqual(["TEAM", "TEAM", "COMPLIANCE"]);
    expect((await getInbox(compliance)).pending.map((p) => p.contract.id)).toContain(sensitive.id);

    // Activation waits for every approval, then goes through.
    await decide(ordersMember, sensitive.id, { decision: "APPROVE" });
    await decide(channelsMember, sensitive.id, { decision: "APPROVE" });
    expect((await getContract(producer, sensitive.id)).status).toBe("IN_REVIEW");
    await expect(transitionContract(producer, sensitive.id, { action: "activate" })).rejects.toMatchObject({ code: "CONFLICT" });
    await decide(compliance, sensitive.id, { decision: "APPROVE" });
    const approved = await getContract(producer, sensitive.id);
    expect(approved.status).toBe("APPROVED");
    expect(approved.activationBlockers).toEqual([]);
    await expect(transitionContract(ordersMember, sensitive.id, { action: "activate" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await transitionContract(producer, sensitive.id, { action: "activate" });
    expect((await getContract(producer, sensitive.id)).status).toBe("ACTIVE");

    const actions = (await contractAudit(admin, sensitive.id)).items.map((e) => e.action);
    expect(actions).toEqual(["contract.propose", "contract.submit", "contract.approve", "contract.approve", "contract.approve", "contract.status", "contract.activate"]);
  });

  it("blocks a breaking minor version from activating even when everyone approved", async () => {
    const dropped = JSON.stringify({ type: "object", additionalProperties: false, required: ["paymentId"], properties: { paymentId: { type: "string" } } });
    const { id } = await propose(producer, "1.3.0", { schema: dropped, changeNote: "amount moves to a sub-object" });
    const proposed = await getContract(producer, id);
    expect(proposed.breaking).toBe(true);
    expect(proposed.changes.some((c) => c.level === "ERR")).toBe(true);
    await decide(ordersMember, id, { decision: "APPROVE" });
    await decide(channelsMember, id, { decision: "APPROVE" });
    const approved = await getContract(producer, id);
    expect(approved.status).toBe("APPROVED");
    expect(approved.activationBlockers).toEqual([expect.stringMatching(/^Breaking changes under BACKWARD: .* new major version \(2\.0\.0\)/)]);
    await expect(transitionContract(producer, id, { action: "activate" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("subscribes a consumer's own flow only", async () => {
    await expect(subscribeFlow(channelsMember, estate.v1.id, { flowId: estate.flowOrders.id })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await subscribeFlow(ordersMember, estate.v1.id, { flowId: estate.flowOrders.id });
    const contract = await getContract(ordersMember, estate.v1.id);
    expect(contract.consumers.find((c) => c.flowId === estate.flowOrders.id)?.subscribedVersion).toBe("1.0.0");
    expect((await contractAudit(admin, estate.v1.id)).items.map((e) => e.action)).toContain("contract.subscribe");
  });

  it("deprecates only with a future sunset date", async () => {
    await expect(transitionContract(producer, estate.v1.id, { action: "deprecate" })).rejects.toMatchObject({ code: "CONFLICT", message: "Deprecating needs a sunset date" });
    await transitionContract(producer, estate.v1.id, { action: "deprecate", sunsetDate: "2099-01-01" });
    expect((await getContract(producer, estate.v1.id)).sunsetDate).toBe("2099-01-01");
  });

  it("pages the review inbox with a cursor: every pending review once, none silently cut", async () => {
    const prisma = database().prisma;
    const producerTeam = await prisma.team.create({ data: { slug: "inbox-producer", name: "Inbox producer" } });
    const consumerTeam = await prisma.team.create({ data: { slug: "inbox-consumer", name: "Inbox consumer" } });
    const gateway = await prisma.system.create({ data: { slug: "inbox-gw", name: "Inbox gateway", ownerTeamId: producerTeam.id } });
    const app = await prisma.system.create({ data: { slug: "inbox-app", name: "Inbox app", ownerTeamId: consumerTeam.id } });
    const producer = await actAs(database(), "MEMBER", [producerTeam.id]);
    const reviewer = await actAs(database(), "MEMBER", [consumerTeam.id]);
    for (const n of [1, 2, 3, 4, 5]) {
      const iface = await prisma.interface.create({ data: { slug: `inbox-${n}`, name: `inbox.${n}`, systemId: gateway.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT" } });
      await prisma.flow.create({ data: { name: `inbox flow ${n}`, interfaceId: iface.id, consumerSystemId: app.id, style: "EVENT" } });
      await proposeContract(producer, {
        interfaceId: iface.id, version: "1.0.0", schemaFormat: "JSON_SCHEMA", schema: schemaV1, compatibilityMode: "BACKWARD",
        sla: {}, errorHandling: {}, classification: "INTERNAL", personalData: false, crossBorderTransfer: false, submit: true,
      });
    }
    const whole = (await getInbox(reviewer)).pending.map((p) => p.approvalId);
    expect(whole).toHaveLength(5);
    const paged: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await getInbox(reviewer, { cursor, limit: 2 });
      paged.push(...page.pending.map((p) => p.approvalId));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(paged).toEqual(whole);
    await expect(getInbox(reviewer, { cursor: "not-a-cursor" })).rejects.toMatchObject({ code: "VALIDATION" });
  });
});
