import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { authenticateAgent, createAgent, recordHeartbeat } from "@/lib/agents/data";
import type { Ctx } from "@/lib/auth/can";
import { systemCtx } from "@/lib/auth/require";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { evaluateHealth } from "./evaluate";
import { ingestTelemetry } from "./ingest";
import { getFlowHealth, listIncidents } from "./read";

const database = setupTestDatabase();
const MINUTE = 60_000;

async function reporter(systemIds: string[]): Promise<Ctx> {
  const admin = await actAs(database(), "ADMIN");
  const { token } = await createAgent(admin, { name: `agent-${randomUUID().slice(0, 8)}`, systemIds, flowIds: [] });
  return { actor: null, requestId: "test", via: "agent", agent: await authenticateAgent(token) };
}

const point = (flowId: string, start: number, extra: object = {}) => ({
  flowId,
  windowStart: new Date(start).toISOString(),
  windowEnd: new Date(start + MINUTE).toISOString(),
  delivered: 100,
  failed: 0,
  ...extra,
});

describe("SLA evaluation", () => {
  it("takes a flow from OK to BREACHED and back, opening and closing an incident with a timeline", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.A.id]);
    const flowId = estate.flows.a1E.id;
    const m = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * MINUTE;
    await ingestTelemetry(agent, {
      batchId: randomUUID(),
      measurements: [point(flowId, m, { lagSeconds: 5 }), point(flowId, m + MINUTE, { lagSeconds: 2000 }), point(flowId, m + 2 * MINUTE, { lagSeconds: 4 })],
    });
    const system = systemCtx("test");
    const status = async () => (await database().prisma.flowHealth.findUniqueOrThrow({ where: { flowId } })).status;

    await evaluateHealth(system, new Date(m + 30_000));
    expect(await status()).toBe("OK");
    const breach = await evaluateHealth(system, new Date(m + MINUTE + 30_000));
    expect(await status()).toBe("BREACHED");
    expect(breach?.incidentsOpened).toBeGreaterThanOrEqual(1);
    const [open] = await listIncidents(system, { flowId, kind: "SLA_BREACH", state: "OPEN", limit: 10 });
    expect(open).toMatchObject({ title: expect.stringContaining("SLA breached"), evidence: { reasons: [expect.stringContaining("lag 2000 s is over the SLA's 900 s")] } });

    await evaluateHealth(system, new Date(m + 2 * MINUTE + 30_000));
    expect(await status()).toBe("OK");
    const [closed] = await listIncidents(system, { flowId, kind: "SLA_BREACH", state: "ALL", limit: 10 });
    expect(closed.state).toBe("RESOLVED");
    expect(closed.timeline.map((e) => e.type)).toEqual(["opened", "resolved"]);
  });

  it("adds an update to a breach's timeline when what breaches changes, not each time its figures move", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.A.id]);
    const flowId = estate.flows.a1E.id;
    const m = Math.floor(Date.now() / MINUTE) * MINUTE - 3 * MINUTE;
    await ingestTelemetry(agent, {
      batchId: randomUUID(),
      measurements: [
        point(flowId, m, { lagSeconds: 2000 }),
        point(flowId, m + MINUTE, { lagSeconds: 2600 }),
        point(flowId, m + 2 * MINUTE, { lagSeconds: 2600, delivered: 10, failed: 90 }),
      ],
    });
    const system = systemCtx("test");
    const timeline = async () => (await listIncidents(system, { flowId, kind: "SLA_BREACH", state: "OPEN", limit: 1 }))[0];

    await evaluateHealth(system, new Date(m + 30_000));
    await evaluateHealth(system, new Date(m + MINUTE + 30_000));
    const sameRule = await timeline();
    expect(sameRule.evidence.reasons).toEqual([expect.stringContaining("lag 2600 s")]);
    expect(sameRule.timeline.map((e) => e.type)).toEqual(["opened"]);

    await evaluateHealth(system, new Date(m + 2 * MINUTE + 30_000));
    const newRule = await timeline();
    expect((newRule.evidence.reasons as string[]).length).toBeGreaterThan(1);
    expect(newRule.timeline.map((e) => e.type)).toEqual(["opened", "updated"]);
  });

  it("names the shared upstream flow as the suspected cause when several downstream flows breach together", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.B.id, estate.systems.C.id]);
    const m = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
    await database().prisma.dataContract.update({ where: { id: estate.contracts.b1.id }, data: { sla: { deliverySuccessPct: 99.9, latencyP95Ms: 250 } } });
    const bad = { failed: 60, delivered: 40 };
    await ingestTelemetry(agent, { batchId: randomUUID(), measurements: [point(estate.flows.b1C.id, m, bad), point(estate.flows.c1D.id, m, bad)] });
    await evaluateHealth(systemCtx("test"), new Date(m + 30_000));
    const [incident] = await listIncidents(systemCtx("test"), { flowId: estate.flows.c1D.id, kind: "SLA_BREACH", state: "OPEN", limit: 1 });
    expect(incident.evidence.reasons).toEqual([expect.stringContaining("error budget burning")]);
    expect(incident.suspectedCauses[0]).toMatchObject({ flowId: estate.flows.b1C.id, covers: 2, of: 2, status: "BREACHED" });
    // b1's ACTIVE contract sets the targets; c1 has no active contract, so defaults apply.
    expect(await getFlowHealth(systemCtx("test"), estate.flows.b1C.id)).toMatchObject({ status: "BREACHED", slaSource: "contract", sla: { deliverySuccessPct: 99.9, latencyP95Ms: 250 }, sli: { successPct5m: 40 } });
    expect(await getFlowHealth(systemCtx("test"), estate.flows.c1D.id)).toMatchObject({ slaSource: "defaults", sla: { deliverySuccessPct: 99 } });
  });

  it("names as suspected causes only flows upstream of each breaching flow: never itself, a sibling or a stale feed elsewhere", async () => {
    // Lineage A -> B -> C -> D with C -> A closing a cycle; A also feeds E. b1C and c1D breach together, and a1E
    // (A -> E, downstream of the cycle but upstream of neither) breaches on its own lag.
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.A.id, estate.systems.B.id, estate.systems.C.id]);
    const m = Math.floor(Date.now() / MINUTE) * MINUTE - MINUTE;
    const bad = { failed: 60, delivered: 40 };
    await ingestTelemetry(agent, {
      batchId: randomUUID(),
      measurements: [point(estate.flows.b1C.id, m, bad), point(estate.flows.c1D.id, m, bad), point(estate.flows.a1E.id, m, { lagSeconds: 5000 })],
    });
    await evaluateHealth(systemCtx("test"), new Date(m + 30_000));
    const causes = async (flowId: string) => {
      const [incident] = await listIncidents(systemCtx("test"), { flowId, kind: "SLA_BREACH", state: "OPEN", limit: 1 });
      return incident.suspectedCauses.map((c) => c.flowId);
    };
    const { a1B, b1C, c1A } = estate.flows;
    const [first, ...rest] = await causes(estate.flows.c1D.id);
    expect(first).toBe(b1C.id);
    expect(rest.sort()).toEqual([a1B.id, c1A.id].sort());
    expect((await causes(b1C.id)).sort()).toEqual([a1B.id, c1A.id].sort());
    // The lag breach on a1E is downstream of b1C through the cycle (C -> A -> E), so b1C may be named for it.
    expect(await causes(estate.flows.a1E.id)).toEqual([b1C.id, ...rest]);
  });

  it("opens one anomaly incident for a flood from the first hour of data, judging only complete minutes", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const flowId = estate.flows.c1A.id;
    const base = Math.floor(Date.now() / MINUTE) * MINUTE - 10 * MINUTE;
    const history = Array.from({ length: 60 }, (_, i) => ({ flowId, minute: new Date(base - (60 - i) * MINUTE), delivered: BigInt(95 + (i % 10)), failed: 0n, reports: 4 }));
    const flood = Array.from({ length: 4 }, (_, i) => ({ flowId, minute: new Date(base + i * MINUTE), delivered: 900n, failed: 0n, reports: 4 }));
    await prisma.flowMetricMinute.createMany({ data: [...history, ...flood] });
    const anomalies = () => listIncidents(systemCtx("test"), { flowId, kind: "ANOMALY", state: "ALL", limit: 10 });

    // At base + 1:40 the flood minute `base` is complete, base + 1 is still arriving: one anomalous minute is not enough.
    await evaluateHealth(systemCtx("test"), new Date(base + MINUTE + 40_000));
    expect(await anomalies()).toEqual([]);
    await evaluateHealth(systemCtx("test"), new Date(base + 2 * MINUTE + 40_000));
    await evaluateHealth(systemCtx("test"), new Date(base + 3 * MINUTE + 40_000));
    const list = await anomalies();
    expect(list).toHaveLength(1);
    expect(list[0].evidence.anomalies).toEqual([expect.objectContaining({ metric: "volume", direction: "high", value: expect.any(Number) })]);
  });

  it("opens a ticket-level incident when the error budget burns at 6x over 6 h and 30 min, without calling it a breach", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const flowId = estate.flows.c1D.id;
    const now = new Date(Math.floor(Date.now() / MINUTE) * MINUTE + 40_000);
    const rows = Array.from({ length: 30 }, (_, i) => ({ flowId, minute: new Date(now.getTime() - 40_000 - (i + 1) * MINUTE), delivered: 93n, failed: 7n, reports: 4 }));
    await prisma.flowMetricMinute.createMany({ data: rows });
    await evaluateHealth(systemCtx("test"), now, { forceMaintenance: true });
    expect((await getFlowHealth(systemCtx("test"), flowId)).status).toBe("AT_RISK");
    const [ticket] = await listIncidents(systemCtx("test"), { flowId, kind: "BUDGET_BURN", state: "OPEN", limit: 1 });
    expect(ticket).toMatchObject({ severity: "ticket", title: expect.stringContaining("error budget burning") });
    // Half an hour of data is too little to call the 30-day budget spent.
    expect((await getFlowHealth(systemCtx("test"), flowId)).budget).toMatchObject({ enoughData: false, remainingPct: null });
  });

  it("raises an incident for a silent agent and resolves it when the agent is heard from", async () => {
    const estate = await seedLineageFixture(database().prisma);
    const agent = await reporter([estate.systems.D.id]);
    await database().prisma.agent.update({ where: { id: agent.agent!.id }, data: { lastSeenAt: new Date(Date.now() - 3_600_000) } });
    await evaluateHealth(systemCtx("test"));
    const open = await database().prisma.incident.findFirstOrThrow({ where: { agentId: agent.agent!.id, kind: "SILENT_AGENT" } });
    expect(open.state).toBe("OPEN");
    await recordHeartbeat(agent, { version: "1", host: "h", connectors: [] });
    await evaluateHealth(systemCtx("test"));
    expect((await database().prisma.incident.findUniqueOrThrow({ where: { id: open.id } })).state).toBe("RESOLVED");
  });

  it("lets only admins run an evaluation on demand, and audits it", async () => {
    await expect(evaluateHealth(await actAs(database(), "ARCHITECT"))).rejects.toMatchObject({ code: "FORBIDDEN" });
    const admin = await actAs(database(), "ADMIN");
    const result = await evaluateHealth(admin);
    expect(result?.flows).toBeGreaterThan(0);
    expect(await database().prisma.auditEvent.count({ where: { action: "health.evaluate", actorId: admin.actor!.id } })).toBe(1);
  });
});
