import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { seedLineageFixture } from "@/lib/lineage/fixtures";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { authenticateAgent, createAgent, getAgent, listAgents, recordHeartbeat, updateAgent } from "./data";
import { UpdateAgentInput } from "./schemas";

const database = setupTestDatabase();

describe("agents", () => {
  it("PATCH with only a description keeps the agent's scope", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { id } = await createAgent(admin, { name: `patch-${estate.tag}`, systemIds: [estate.systems.A.id], flowIds: [estate.flows.c1D.id] });
    // As the route parses it.
    const body = UpdateAgentInput.parse({ description: "broker in Frankfurt" });
    expect(body).toEqual({ description: "broker in Frankfurt" });
    const updated = await updateAgent(admin, id, body);
    expect(updated).toMatchObject({ description: "broker in Frankfurt", systemIds: [estate.systems.A.id], flowIds: [estate.flows.c1D.id] });
    expect(await prisma.agent.findUniqueOrThrow({ where: { id } })).toMatchObject({ systemIds: [estate.systems.A.id], flowIds: [estate.flows.c1D.id] });
  });

  it("shows connector error details only to agent managers", async () => {
    const { prisma } = database();
    const estate = await seedLineageFixture(prisma);
    const admin = await actAs(database(), "ADMIN");
    const { id, token } = await createAgent(admin, { name: `conn-${estate.tag}`, systemIds: [], flowIds: [] });
    const agentCtx: Ctx = { actor: null, via: "agent", requestId: `t-${randomUUID()}`, agent: await authenticateAgent(token) };
    const error = "https://probe.internal/health: connection refused";
    await recordHeartbeat(agentCtx, { version: "1", host: "h", connectors: [{ name: "probe", kind: "http", status: "ERROR", error }] });

    expect((await getAgent(admin, id)).connectors).toEqual([{ name: "probe", kind: "http", status: "ERROR", error }]);
    const member = await actAs(database(), "MEMBER");
    expect((await getAgent(member, id)).connectors).toEqual([{ name: "probe", kind: "http", status: "ERROR" }]);
    const listed = (await listAgents(member)).find((a) => a.id === id)!;
    expect(listed.connectors).toEqual([{ name: "probe", kind: "http", status: "ERROR" }]);
    expect((await listAgents(admin)).find((a) => a.id === id)!.connectors[0].error).toBe(error);
  });
});
