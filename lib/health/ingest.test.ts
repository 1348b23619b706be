import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateAgent, createAgent, listAgents, recordHeartbeat, revokeAgent, rotateAgentToken } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { listDiscoveredFlows, resolveDiscoveredFlow } from "./discovered";
import { ingestTelemetry } from "./ingest";

const database = setupTestDatabase();

async function agentCtx(token: string): Promise<Ctx> {
  return { actor: null, requestId: `test-${randomUUID()}`, via: "agent", agent: await authenticateAgent(token) };
}

/** A fresh lineage estate and an agent whose scope is one of its systems. */
async function estateWithAgent(name: string, system: "A" | "B") {
  const { prisma } = database();
  const estate = await seedLineageFixture(prisma);
  const admin = await actAs(database(), "ADMIN");
  const { token } = await createAgent(admin, { name: `${name}-${estate.tag}`, systemIds: [estate.systems[system].id], flowIds: [] });
  return { prisma, estate, ctx: await agentCtx(token) };
}

const minuteAgo = () => new Date(Math.floor(Date.now() / 60_000) * 60_000 - 60_000);
const measurement = (flowId: string, delivered: number, failed = 0, extra: object = {}) => {
  const start = minuteAgo();
  return { flowId, windowStart: start.toISOString(), windowEnd: new Date(start.getTime() + 60_000).toISOString(), delivered, failed, ...extra };
};

describe("telemetry ingest", () => {
  it("counts a batch sent twice once, refuses out-of-scope items one by one and records unknown flows as discovered", async () => {
    const { prisma, estate, ctx } = await estateWithAgent("broker", "A");
    const batch = {
      batchId: randomUUID(),
      measurements: [
        measurement(estate.flows.a1B.id, 100, 2, { latencyMs: { p50: 5, p95: 40, p99: 90 }, lagSeconds: 3 }),
        measurement(estate.flows.c1D.id, 50),
        measurement(estate.flows.a1B.id, 20, 1, { latencyMs: { p95: 60 } }),
        measurement("orders-to-billing", 7, 0, { flow: { producerSystem: "orders", interface: "order-events", consumerSystem: "billing" } }),
      ],
    };
    const first = await ingestTelemetry(ctx, batch);
    expect(first.duplicate).toBe(false);
    expect(first.accepted.map((a) => a.index)).toEqual([0, 2]);
    expect(first.rejected).toEqual([{ index: 1, flowId: estate.flows.c1D.id, reason: expect.stringContaining("outside the scope") }]);
    expect(first.discovered).toEqual([{ index: 3, flowId: "orders-to-billing", discoveredFlowId: expect.any(String) }]);

    const again = await ingestTelemetry(ctx, batch);
    expect(again.duplicate).toBe(true);
    expect(again.accepted).toEqual(first.accepted);

    const rows = await prisma.flowMetricMinute.findMany({ where: { flowId: { in: [estate.flows.a1B.id, estate.flows.c1D.id] } } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ flowId: estate.flows.a1B.id, delivered: 120n, failed: 3n, latencyP95: 60, latencyP99: 90, lagSeconds: 3, reports: 2 });
    const discovered = await prisma.discoveredFlow.findMany({ where: { externalId: "orders-to-billing" } });
    expect(discovered).toMatchObject([{ producerSystem: "orders", consumerSystem: "billing", measurements: 1, delivered: 7n, status: "PENDING" }]);
  });

  it("judges each batch by the catalog as it is now: a flow moved out of the agent's scope is refused, a deleted one is discovered", async () => {
    const { prisma, estate, ctx } = await estateWithAgent("scope", "B");
    const send = (flowId: string) => ingestTelemetry(ctx, { batchId: randomUUID(), measurements: [measurement(flowId, 10)] });

    expect((await send(estate.flows.a1B.id)).accepted).toHaveLength(1);
    expect((await send(estate.flows.b1C.id)).accepted).toHaveLength(1);

    await prisma.flow.update({ where: { id: estate.flows.a1B.id }, data: { consumerSystemId: estate.systems.D.id } });
    const moved = await send(estate.flows.a1B.id);
    expect(moved.accepted).toEqual([]);
    expect(moved.rejected).toEqual([{ index: 0, flowId: estate.flows.a1B.id, reason: expect.stringContaining("outside the scope") }]);

    await prisma.flow.delete({ where: { id: estate.flows.b1C.id } });
    const deleted = await send(estate.flows.b1C.id);
    expect(deleted.accepted).toEqual([]);
    expect(deleted.discovered).toEqual([{ index: 0, flowId: estate.flows.b1C.id, discoveredFlowId: expect.any(String) }]);
  });

  it("rotating a token stops the old one; revoking stops the agent; heartbeats show in the list", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const issued = await createAgent(admin, { name: `rotate-${estate.tag}`, systemIds: [], flowIds: [estate.flows.b1C.id] });
    expect(issued.token).toMatch(/^ica_/);
    const stored = await prisma.agent.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored.tokenHash).not.toContain(issued.token.slice(4));

    await recordHeartbeat(await agentCtx(issued.token), { version: "1.2.3", host: "edge-1", connectors: [{ name: "nats", kind: "nats", status: "OK" }] });
    const listed = (await listAgents(admin)).find((a) => a.id === issued.id)!;
    expect(listed).toMatchObject({ version: "1.2.3", host: "edge-1", status: "ONLINE", connectors: [{ name: "nats", status: "OK" }] });

    const rotated = await rotateAgentToken(admin, issued.id);
    await expect(authenticateAgent(issued.token)).rejects.toThrow(/not valid/);
    await expect(authenticateAgent(rotated.token)).resolves.toMatchObject({ id: issued.id });
    await revokeAgent(admin, issued.id);
    await expect(authenticateAgent(rotated.token)).rejects.toThrow(/revoked/);
    const audit = await prisma.auditEvent.findMany({ where: { entityId: issued.id }, orderBy: { seq: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["agent.create", "agent.rotate", "agent.revoke"]);
  });

  it("lets only admins register agents, and refuses a scope naming unknown systems by pointer", async () => {
    const architect = await actAs(database(), "ARCHITECT");
    await expect(createAgent(architect, { name: "nope", systemIds: [], flowIds: [] })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await actAs(database(), "ADMIN");
    await expect(createAgent(admin, { name: "bad-scope", systemIds: [randomUUID()], flowIds: [] })).rejects.toMatchObject({
      code: "VALIDATION",
      errors: [{ pointer: "/systemIds/0" }],
    });
  });

  it("lets an architect confirm a pending discovered flow into the catalog, or dismiss one; only agent managers extend the agent's scope, audited", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { token, id: agentId } = await createAgent(admin, { name: `disc-${estate.tag}`, systemIds: [], flowIds: [] });
    const ctx = await agentCtx(token);
    await ingestTelemetry(ctx, {
      batchId: randomUUID(),
      measurements: [
        measurement(`new-${estate.tag}`, 3, 0, { flow: { producerSystem: "A", consumerSystem: "F" } }),
        measurement(`noise-${estate.tag}`, 1),
        measurement(`team-${estate.tag}`, 1),
        measurement(`gone-${estate.tag}`, 1),
      ],
    });
    const pending = (await listDiscoveredFlows(admin, { status: "PENDING" })).filter((d) => d.agent.id === agentId);
    const find = (prefix: string) => pending.find((d) => d.externalId === `${prefix}-${estate.tag}`)!;
    const found = find("new");
    expect(found).toMatchObject({ producerSystem: "A", consumerSystem: "F", delivered: 3 });
    const scope = async () => (await prisma.agent.findUniqueOrThrow({ where: { id: agentId } })).flowIds;

    const member = await actAs(database(), "MEMBER");
    const confirm = { action: "confirm" as const, interfaceId: estate.ifaces.a1.id, consumerSystemId: estate.systems.F.id };
    await expect(resolveDiscoveredFlow(member, found.id, confirm)).rejects.toMatchObject({ code: "FORBIDDEN" });

    // An architect confirms the catalog flow; the agent's scope is an admin's decision and stays as it is.
    const architect = await actAs(database(), "ARCHITECT");
    const confirmed = await resolveDiscoveredFlow(architect, found.id, confirm);
    expect(confirmed).toMatchObject({ status: "CONFIRMED", agentScope: "UNCHANGED", message: expect.stringContaining("agent.manage") });
    const flow = await prisma.flow.findUniqueOrThrow({ where: { id: confirmed.flowId! } });
    expect(flow).toMatchObject({ origin: "DISCOVERED", interfaceId: estate.ifaces.a1.id, consumerSystemId: estate.systems.F.id });
    expect(await scope()).toEqual([]);
    // A confirmed row cannot be confirmed again (not even by an admin, to slip the flow into the scope), nor dismissed.
    await expect(resolveDiscoveredFlow(admin, found.id, confirm)).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(resolveDiscoveredFlow(admin, found.id, { action: "dismiss" })).rejects.toMatchObject({ code: "CONFLICT" });

    // A member of the producer team (catalog.write through ownership) confirms, but cannot widen the agent's scope.
    const producer = await actAs(database(), "MEMBER", [estate.teams.a.id]);
    const byTeam = await resolveDiscoveredFlow(producer, find("team").id, { action: "confirm", interfaceId: estate.ifaces.a1.id, consumerSystemId: estate.systems.C.id });
    expect(byTeam.agentScope).toBe("UNCHANGED");
    expect(await scope()).toEqual([]);

    // A dismissed row cannot be confirmed later.
    await resolveDiscoveredFlow(architect, find("gone").id, { action: "dismiss" });
    await expect(resolveDiscoveredFlow(admin, find("gone").id, confirm)).rejects.toMatchObject({ code: "CONFLICT" });

    // An admin's confirmation adds the flow to the agent's scope and records that as an agent change. Declared flows
    // that an agent also reports become "both".
    const both = await resolveDiscoveredFlow(admin, find("noise").id, { action: "confirm", interfaceId: estate.ifaces.a1.id, consumerSystemId: estate.systems.B.id });
    expect(both.agentScope).toBe("ADDED");
    expect((await prisma.flow.findUniqueOrThrow({ where: { id: both.flowId! } })).origin).toBe("BOTH");
    expect(await scope()).toEqual([both.flowId]);
    const agentAudit = await prisma.auditEvent.findMany({ where: { entityType: "agent", entityId: agentId, action: "agent.update" } });
    expect(agentAudit).toHaveLength(1);
    expect(agentAudit[0]).toMatchObject({ actorId: admin.actor!.id });
    expect(await prisma.auditEvent.count({ where: { action: "discovered_flow.confirm", actorId: architect.actor!.id } })).toBe(1);
  });
});
