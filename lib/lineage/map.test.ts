import { beforeAll, describe, expect, it } from "vitest";
import { buildView, domainNodeId, expansionOf } from "@/components/lineage/model";
import { EMPTY_VIEW } from "@/components/lineage/view-state";
import type { Ctx } from "@/lib/auth/can";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { fieldTrace } from "./fields";
import { seedLineageFixture } from "./fixtures";
import { impact } from "./impact";
import { lineageMap } from "./map";
import { FieldTraceQuery, ImpactQuery, MapQuery, type LineageMap } from "./schemas";

const database = setupTestDatabase();
let estate: Awaited<ReturnType<typeof seedLineageFixture>>;
let member: Ctx;
beforeAll(async () => {
  estate = await seedLineageFixture(database().prisma);
  member = await actAs(database(), "MEMBER");
  const prisma = database().prisma;
  await prisma.flowFieldMapping.createMany({
    data: [
      { flowId: estate.flows.a1B.id, sourcePath: "A.customerId", targetInterfaceId: estate.ifaces.b1.id, targetPath: "B.customerId" },
      { flowId: estate.flows.b1C.id, sourcePath: "B.customerId", targetInterfaceId: estate.ifaces.c1.id, targetPath: "C.customer.id" },
      // c1 feeds A again: the walk must end at the depth bound, not loop.
      { flowId: estate.flows.c1A.id, sourcePath: "C.customer.id", targetInterfaceId: estate.ifaces.a1.id, targetPath: "A.customerId" },
    ],
  });
});

const names = (items: { name: string }[]) => items.map((i) => i.name.replace(` ${estate.tag}`, "")).sort();
const map = (input: Record<string, string>) => lineageMap(member, MapQuery.parse(input));
const flowIds = (m: LineageMap) => m.flows.map((f) => f.id).sort();

describe("lineageMap", () => {
  it("draws the whole estate without filters, leaving retired interfaces and their flows out", async () => {
    const all = await map({});
    expect(names(all.systems)).toEqual(["A", "B", "C", "D", "E", "F"]);
    expect(names(all.interfaces)).toEqual(["a1", "b1", "c1", "d1"]);
    expect(flowIds(all)).toEqual([estate.flows.a1B, estate.flows.a1E, estate.flows.b1C, estate.flows.c1D, estate.flows.c1A].map((f) => f.id).sort());
    expect(all.flows.find((f) => f.id === estate.flows.a1B.id)).toMatchObject({ interfaceId: estate.ifaces.a1.id, consumerId: estate.systems.B.id, mappedFields: 1 });
    // The draft contract does not count; the approved one does, and lends its classification.
    expect(all.interfaces.find((i) => i.id === estate.ifaces.c1.id)).toMatchObject({ contracts: 1, classification: "INTERNAL", teamId: estate.teams.c.id });
    expect(all.interfaces.find((i) => i.id === estate.ifaces.a1.id)).toMatchObject({ contracts: 0, classification: null });
    expect(all.interfaces.every((i) => i.health === undefined)).toBe(true);
  });

  it("a team filter keeps its systems and the flows in and out of them, with the systems at the other end as context", async () => {
    const teamB = await map({ team: estate.teams.b.id });
    expect(teamB.systems.map((s) => [s.name.replace(` ${estate.tag}`, ""), s.inScope]).sort()).toEqual([
      ["A", false],
      ["B", true],
      ["C", false],
    ]);
    expect(names(teamB.interfaces)).toEqual(["a1", "b1"]);
    expect(flowIds(teamB)).toEqual([estate.flows.a1B.id, estate.flows.b1C.id].sort());
    // Filters show every domain and team, so the picker can widen the view again.
    expect(teamB.teams.length).toBeGreaterThanOrEqual(4);
  });

  it("a classification filter selects interfaces, UNCLASSIFIED the ones without a level", async () => {
    expect(names((await map({ classification: "INTERNAL" })).interfaces)).toEqual(["b1", "c1", "d1"]);
    expect(names((await map({ classification: "UNCLASSIFIED" })).interfaces)).toEqual(["a1"]);
    expect(names((await map({ protocol: "KAFKA" })).systems)).toEqual([]);
  });

  it("rejects filter values that are not ids or known levels, and callers without a session", async () => {
    expect(MapQuery.safeParse({ domain: "x" }).success).toBe(false);
    expect(MapQuery.safeParse({ classification: "SECRET" }).success).toBe(false);
    await expect(lineageMap({ actor: null, requestId: "t", via: "session" }, {})).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("impact of a system", () => {
  it("covers all its interfaces and leaves the system itself out of the consumers", async () => {
    const report = await impact(member, ImpactQuery.parse({ system: estate.systems.B.id, depth: 1 }));
    expect(report.system?.id).toBe(estate.systems.B.id);
    expect(report.interface).toBeNull();
    expect(names(report.interfaces)).toEqual(["b1", "c1"]);
    expect(names(report.consumers)).toEqual(["C"]);
    expect(ImpactQuery.safeParse({ system: estate.systems.B.id, interface: estate.ifaces.b1.id }).success).toBe(false);
    expect(ImpactQuery.safeParse({}).success).toBe(false);
    await expect(impact(member, { system: estate.ifaces.b1.id, depth: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("fieldTrace", () => {
  it("follows a field downstream and upstream through the mappings, hop by hop, ending at the depth bound", async () => {
    const down = await fieldTrace(member, FieldTraceQuery.parse({ interface: estate.ifaces.a1.id, path: "A.customerId", depth: 2 }));
    expect(down.fields).toEqual(["A.customerId"]);
    expect(down.hops.filter((h) => h.direction === "down").map((h) => [h.hop, h.targetPath])).toEqual(
      expect.arrayContaining([
        [1, "B.customerId"],
        [2, "C.customer.id"],
      ]),
    );
    expect(down.hops.filter((h) => h.direction === "down")).toHaveLength(2);
    const up = await fieldTrace(member, FieldTraceQuery.parse({ interface: estate.ifaces.c1.id, path: "C.customer.id", depth: 1 }));
    expect(up.hops.filter((h) => h.direction === "up").map((h) => [h.hop, h.sourcePath, h.flowId])).toEqual([[1, "B.customerId", estate.flows.b1C.id]]);
  });

  it("lists the mapped fields without a path, and says not found for an unknown interface", async () => {
    const listed = await fieldTrace(member, FieldTraceQuery.parse({ interface: estate.ifaces.b1.id }));
    expect(listed).toMatchObject({ fields: ["B.customerId"], path: null, hops: [] });
    await expect(fieldTrace(member, FieldTraceQuery.parse({ interface: estate.systems.A.id }))).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

// Last in the file: it adds health and violation rows the tests above assume absent.
describe("lineageMap badges", () => {
  it("shows the worst measured health of an interface's flows and counts its open policy violations", async () => {
    const prisma = database().prisma;
    await prisma.flowHealth.createMany({
      data: [
        { flowId: estate.flows.a1B.id, status: "OK" },
        { flowId: estate.flows.a1E.id, status: "BREACHED" },
        { flowId: estate.flows.b1C.id, status: "AT_RISK" },
      ],
    });
    await prisma.policyViolation.createMany({
      data: [
        { policy: "transfer-without-tool", severity: "HIGH", fingerprint: `t:${estate.tag}:1`, flowId: estate.flows.a1B.id, message: "m", ownerTeamId: estate.teams.b.id },
        { policy: "encryption", severity: "MEDIUM", fingerprint: `t:${estate.tag}:2`, interfaceId: estate.ifaces.a1.id, message: "m" },
      ],
    });
    const officer = await actAs(database(), "COMPLIANCE");
    const all = await lineageMap(officer, MapQuery.parse({}));
    const byId = (id: string) => all.interfaces.find((i) => i.id === id);
    expect(byId(estate.ifaces.a1.id)).toMatchObject({ health: "BREACHED", violations: 2 });
    // Members count only the violations their own teams are asked to fix.
    const teamB = await actAs(database(), "MEMBER", [estate.teams.b.id]);
    expect((await lineageMap(teamB, MapQuery.parse({}))).interfaces.find((i) => i.id === estate.ifaces.a1.id)).toMatchObject({ violations: 1 });
    expect((await map({})).interfaces.find((i) => i.id === estate.ifaces.a1.id)).toMatchObject({ violations: 0 });
    expect(byId(estate.ifaces.b1.id)).toMatchObject({ health: "AT_RISK", violations: 0 });
    expect(byId(estate.ifaces.c1.id)?.health).toBeUndefined();
  });
});

// Last in the file: it puts the fixture's systems into domains.
describe("lineageMap aggregated by domain (the map's overview)", () => {
  it("folds the estate into one node per domain counting its flows, and one edge per domain pair with its flow count", async () => {
    const prisma = database().prisma;
    const domain = (name: string) => prisma.domain.create({ data: { slug: `${name}-${estate.tag}`, name: `${name} ${estate.tag}` } });
    const [left, right] = [await domain("left"), await domain("right")];
    const { A, B, C, D, E } = estate.systems;
    await prisma.system.updateMany({ where: { id: { in: [A.id, B.id] } }, data: { domainId: left.id } });
    await prisma.system.updateMany({ where: { id: { in: [C.id, D.id, E.id] } }, data: { domainId: right.id } });

    const overview = (m: LineageMap) => buildView(m, EMPTY_VIEW, expansionOf(EMPTY_VIEW), { nested: true });
    const edges = (g: ReturnType<typeof overview>) => g.edges.map((e) => `${e.source}>${e.target}:${e.count}`).sort();
    const [L, R] = [domainNodeId(left.id), domainNodeId(right.id)];

    // a1 -> B stays inside left; a1 -> E and b1 -> C go right; c1 -> A comes back; c1 -> D stays inside right.
    const whole = overview(await map({}));
    expect(edges(whole)).toEqual([`${L}>${R}:2`, `${R}>${L}:1`].sort());
    expect(whole.nodes.find((n) => n.id === L)).toMatchObject({ kind: "domain", collapsed: true, counts: { systems: 2, interfaces: 2 }, flows: { out: 2, in: 1, inside: 1 } });
    expect(whole.nodes.find((n) => n.id === R)).toMatchObject({ counts: { systems: 3, interfaces: 2 }, flows: { out: 1, in: 2, inside: 1 } });
    // F has no domain: it stands on its own beside the domains. The retired interface's flow is not counted.
    expect(names(whole.nodes.filter((n) => n.kind !== "domain"))).toEqual(["F"]);

    // Filtered to the left domain: the systems at the other end are context, folded into their domain, and only
    // the flows touching the left domain are counted.
    const leftOnly = overview(await map({ domain: left.id }));
    expect(edges(leftOnly)).toEqual([`${L}>${R}:2`, `${R}>${L}:1`].sort());
    expect(leftOnly.nodes.find((n) => n.id === R)).toMatchObject({ counts: { systems: 2 }, flows: { out: 1, in: 2, inside: 0 } });

    // Opening the left domain draws its systems, and the edges leave from them (still one per pair of drawn nodes).
    const opened = buildView(await map({}), EMPTY_VIEW, expansionOf({ xd: [left.id], xs: [] }), { nested: true });
    expect(edges(opened)).toEqual([`${A.id}>${B.id}:1`, `${A.id}>${R}:1`, `${B.id}>${R}:1`, `${R}>${A.id}:1`].sort());
  });
});
