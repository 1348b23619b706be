import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { getContract } from "./data";
import { listNotifications } from "./notifications";
import { decide, proposeContract } from "./workflow";

const database = setupTestDatabase();
const schema = (extra: Record<string, unknown> = {}) => JSON.stringify({ type: "object", required: ["id"], properties: { id: { type: "string" }, ...extra } });

/** A producer team's interface consumed by an orders team, with version 1.1.0 in review. */
async function inReview() {
  const prisma = database().prisma;
  const tag = randomUUID().slice(0, 6);
  const producer = await prisma.team.create({ data: { slug: `p-${tag}`, name: `Producer ${tag}` } });
  const orders = await prisma.team.create({ data: { slug: `o-${tag}`, name: `Orders ${tag}` } });
  const gateway = await prisma.system.create({ data: { slug: `g-${tag}`, name: `G ${tag}`, ownerTeamId: producer.id } });
  const consumer = await prisma.system.create({ data: { slug: `c-${tag}`, name: `C ${tag}`, ownerTeamId: orders.id } });
  const iface = await prisma.interface.create({ data: { slug: `i-${tag}`, name: `I ${tag}`, systemId: gateway.id, ownerTeamId: producer.id, kind: "EVENT", protocol: "KAFKA", style: "EVENT" } });
  await prisma.flow.create({ data: { name: `f ${tag}`, interfaceId: iface.id, consumerSystemId: consumer.id, style: "EVENT" } });
  await prisma.dataContract.create({ data: { interfaceId: iface.id, ownerTeamId: producer.id, version: "1.0.0", status: "ACTIVE", schemaFormat: "JSON_SCHEMA", schema: schema() } });
  const producerCtx = await actAs(database(), "MEMBER", [producer.id]);
  const ordersCtx = await actAs(database(), "MEMBER", [orders.id]);
  const proposed = await proposeContract(producerCtx, { interfaceId: iface.id, version: "1.1.0", schemaFormat: "JSON_SCHEMA", schema: schema({ note: { type: "string" } }), compatibilityMode: "BACKWARD", sla: {}, errorHandling: {}, classification: "INTERNAL", personalData: false, crossBorderTransfer: false, submit: true });
  const contract = await getContract(producerCtx, proposed.id);
  return { contract, ordersCtx, approvalId: contract.approvals[0].id };
}

describe("separation of duties in contract approval", () => {
  it("does not let an admin approve on behalf of a consumer team", async () => {
    const { contract } = await inReview();
    const admin = await actAs(database(), "ADMIN");
    await expect(decide(admin, contract.id, { decision: "APPROVE" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(decide(admin, contract.id, { decision: "APPROVE", approvalId: contract.approvals[0].id })).rejects.toMatchObject({ code: "FORBIDDEN", message: expect.stringMatching(/Only members of Orders/) });
  });

  it("lets an admin break glass with a reason: decided, audited as break-glass and notified to the overridden team", async () => {
    const { contract, ordersCtx, approvalId } = await inReview();
    const admin = await actAs(database(), "ADMIN");
    await expect(decide(ordersCtx, contract.id, { decision: "APPROVE", approvalId, breakGlassReason: "a consumer team may not break glass at all" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await decide(admin, contract.id, { decision: "APPROVE", approvalId, breakGlassReason: "Payment outage P1-4711: the orders team is unreachable tonight" });
    expect((await getContract(admin, contract.id)).status).toBe("APPROVED");
    const audit = await database().prisma.auditEvent.findFirstOrThrow({ where: { entityId: contract.id, action: "contract.break_glass" } });
    expect(audit.after).toMatchObject({ breakGlassReason: expect.stringContaining("P1-4711") });
    const told = await listNotifications(ordersCtx, {});
    expect(JSON.stringify(told)).toMatch(/Break-glass/);
  });
});
