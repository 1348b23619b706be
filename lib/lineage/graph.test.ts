import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { seedLineageFixture } from "./fixtures";
import { lineage } from "./graph";
import { impact } from "./impact";
import { impactCsv } from "./impact-report";
import { ImpactQuery, LineageQuery, type LineageGraph } from "./schemas";

const database = setupTestDatabase();
let estate: Awaited<ReturnType<typeof seedLineageFixture>>;
let member: Ctx;
beforeAll(async () => {
  estate = await seedLineageFixture(database().prisma);
  member = await actAs(database(), "MEMBER");
});

const focus = (id: string, depth: number, direction: "up" | "down" | "both") => lineage(member, LineageQuery.parse({ focus: id, depth, direction }));
/** Node names with their hop, sorted, with the fixture's tag dropped: ["A:0", "a1:0", ...]. */
const nodes = (graph: LineageGraph) => graph.nodes.map((n) => `${n.name.replace(` ${estate.tag}`, "")}:${n.hop}`).sort();
const flowIds = (graph: LineageGraph) => graph.edges.filter((e) => e.kind === "flow").map((e) => e.flowId).sort();

describe("lineage", () => {
  it("downstream of a system grows one flow per hop, and a system's interfaces share its hop", async () => {
    const one = await focus(estate.systems.A.id, 1, "down");
    expect(nodes(one)).toEqual(["A:0", "B:1", "E:1", "a1:0", "b1:1"]);
    expect(flowIds(one)).toEqual([estate.flows.a1B.id, estate.flows.a1E.id].sort());
    expect(one.edges).toContainEqual({ id: `provides:${estate.ifaces.b1.id}`, source: estate.systems.B.id, target: estate.ifaces.b1.id, kind: "provides" });
    expect(one.edges).toContainEqual({
      id: `flow:${estate.flows.a1B.id}`,
      source: estate.ifaces.a1.id,
      target: estate.systems.B.id,
      kind: "flow",
      flowId: estate.flows.a1B.id,
      style: "EVENT",
      patterns: ["OUTBOX"],
    });
    const two = await focus(estate.systems.A.id, 2, "down");
    expect(nodes(two)).toEqual(["A:0", "B:1", "C:2", "E:1", "a1:0", "b1:1", "c1:2"]);
  });

  it("describes systems and interfaces, and every edge joins two returned nodes", async () => {
    const graph = await focus(estate.systems.B.id, 2, "both");
    expect(graph.nodes).toContainEqual({
      id: estate.systems.C.id, type: "system", name: estate.systems.C.name, hop: 1, kind: "INTERNAL", domain: null, ownerTeam: { id: estate.teams.c.id, name: estate.teams.c.name },
    });
    expect(graph.nodes).toContainEqual({
      id: estate.ifaces.c1.id, type: "interface", name: estate.ifaces.c1.name, hop: 1, kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", lifecycle: "ACTIVE", systemId: estate.systems.C.id,
    });
    const ids = new Set(graph.nodes.map((n) => n.id));
    for (const edge of graph.edges) expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
    expect(new Set(graph.edges.map((e) => e.id)).size).toBe(graph.edges.length);
  });

  it("walks upstream through the interfaces a system consumes, without their providers' other interfaces", async () => {
    expect(nodes(await focus(estate.systems.D.id, 1, "up"))).toEqual(["C:1", "D:0", "c1:1"]);
    const three = await focus(estate.systems.D.id, 3, "up");
    expect(nodes(three)).toEqual(["A:3", "B:2", "C:1", "D:0", "a1:3", "b1:2", "c1:1"]);
    expect(flowIds(three)).toEqual([estate.flows.a1B.id, estate.flows.b1C.id, estate.flows.c1D.id].sort());
  });

  it("both directions from a system combine its upstream and downstream only", async () => {
    const graph = await focus(estate.systems.B.id, 1, "both");
    expect(nodes(graph)).toEqual(["A:1", "B:0", "C:1", "a1:1", "b1:0", "c1:1"]);
  });

  it("terminates on the cycle C -> A at any depth, each node once at its nearest hop", async () => {
    const graph = await focus(estate.systems.A.id, 6, "both");
    // C is one hop upstream of A (C -> A) but D only three hops downstream: a hop is never taken across directions.
    expect(nodes(graph)).toEqual(["A:0", "B:1", "C:1", "D:3", "E:1", "a1:0", "b1:1", "c1:1", "d1:3"]);
    expect(flowIds(graph)).toEqual(
      [estate.flows.a1B.id, estate.flows.a1E.id, estate.flows.b1C.id, estate.flows.c1D.id, estate.flows.c1A.id].sort(),
    );
  });

  it("leaves out retired interfaces, unless one is the focus", async () => {
    const fromA = await focus(estate.systems.A.id, 6, "down");
    expect(fromA.nodes.map((n) => n.id)).not.toContain(estate.ifaces.aR.id);
    expect(fromA.nodes.map((n) => n.id)).not.toContain(estate.systems.F.id);
    const fromF = await focus(estate.systems.F.id, 2, "up");
    expect(nodes(fromF)).toEqual(["F:0"]);
    const retired = await focus(estate.ifaces.aR.id, 1, "down");
    expect(nodes(retired)).toEqual(["A:0", "F:1", "aR:0"]);
  });

  it("from an interface: downstream starts at that interface alone, upstream at its provider", async () => {
    expect(nodes(await focus(estate.ifaces.a1.id, 1, "down"))).toEqual(["A:0", "B:1", "E:1", "a1:0", "b1:1"]);
    expect(nodes(await focus(estate.ifaces.b1.id, 1, "up"))).toEqual(["A:1", "B:0", "a1:1", "b1:0"]);
  });

  it("is open to members, closed without a sign-in, and an unknown focus is not found", async () => {
    await expect(focus(estate.systems.A.id, 1, "down")).resolves.toBeDefined();
    const anonymous: Ctx = { actor: null, requestId: "t", via: "session" };
    await expect(lineage(anonymous, LineageQuery.parse({ focus: estate.systems.A.id }))).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    await expect(focus("00000000-0000-4000-8000-000000000000", 2, "both")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("validates the query: depth 1 to 6, default 2 in both directions", () => {
    expect(LineageQuery.parse({ focus: estate.systems.A.id })).toEqual({ focus: estate.systems.A.id, depth: 2, direction: "both" });
    expect(LineageQuery.safeParse({ focus: estate.systems.A.id, depth: "7" }).success).toBe(false);
    expect(LineageQuery.safeParse({ focus: estate.systems.A.id, depth: "0" }).success).toBe(false);
    expect(LineageQuery.safeParse({ focus: "not-a-uuid" }).success).toBe(false);
    expect(ImpactQuery.parse({ interface: estate.ifaces.b1.id }).depth).toBe(3);
  });
});

describe("impact", () => {
  it("lists affected interfaces, consumer systems, their teams and approved or active contracts with distances", async () => {
    const report = await impact(member, ImpactQuery.parse({ interface: estate.ifaces.b1.id }));
    const named = <T extends { name: string; hop: number }>(items: T[]) => items.map((i) => `${i.name.replace(` ${estate.tag}`, "")}:${i.hop}`);
    expect(named(report.interfaces)).toEqual(["b1:0", "c1:1", "a1:2", "d1:2"]);
    // B provides b1 but is affected only because the cycle leads back to it.
    expect(named(report.consumers)).toEqual(["C:1", "A:2", "D:2", "B:3", "E:3"]);
    expect(report.consumers.find((c) => c.id === estate.systems.E.id)?.ownerTeam?.id).toBe(estate.teams.d.id);
    expect(report.teams.map((t) => [t.id, t.hop])).toEqual([
      [estate.teams.c.id, 1],
      [estate.teams.a.id, 2],
      [estate.teams.d.id, 2],
      [estate.teams.b.id, 3],
    ]);
    expect(report.contracts.map((c) => [c.id, c.status, c.hop])).toEqual([
      [estate.contracts.b1.id, "ACTIVE", 0],
      [estate.contracts.c1.id, "APPROVED", 1],
      [estate.contracts.d1.id, "ACTIVE", 2],
    ]);
  });

  it("stops at the depth asked for", async () => {
    const report = await impact(member, { interface: estate.ifaces.b1.id, depth: 1 });
    expect(report.interfaces.map((i) => i.id)).toEqual([estate.ifaces.b1.id, estate.ifaces.c1.id]);
    expect(report.consumers.map((c) => c.id)).toEqual([estate.systems.C.id]);
    expect(report.contracts.map((c) => c.id)).toEqual([estate.contracts.b1.id, estate.contracts.c1.id]);
  });

  it("exports one CSV row per affected item, quoting names with commas and quotes", async () => {
    const report = await impact(member, { interface: estate.ifaces.b1.id, depth: 1 });
    const lines = impactCsv(report).trimEnd().split("\r\n");
    expect(lines[0]).toBe("item,id,name,hop,interface,system,team,status");
    expect(lines).toHaveLength(1 + 2 + 1 + 1 + 2);
    expect(lines).toContain(`consumer,${estate.systems.C.id},${estate.systems.C.name},1,,${estate.systems.C.name},"team ""c"", core ${estate.tag}",`);
    expect(lines).toContain(`contract,${estate.contracts.c1.id},${estate.ifaces.c1.name} 2.0.0,1,${estate.ifaces.c1.name},,"team ""c"", core ${estate.tag}",APPROVED`);
  });

  it("an unknown interface is not found, and a system id is not an interface", async () => {
    await expect(impact(member, { interface: "00000000-0000-4000-8000-000000000000", depth: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(impact(member, { interface: estate.systems.A.id, depth: 3 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
