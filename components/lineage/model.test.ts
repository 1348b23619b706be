import { describe, expect, it } from "vitest";
import type { LineageMap, MapInterface } from "@/lib/lineage/schemas";
import { buildView, domainNodeId, EXPAND_ALL, expansionOf } from "./model";
import { EMPTY_VIEW, type ViewState } from "./view-state";

// Two domains: sales (S1, S2) and money (M1). S1 provides i1 (Kafka), S2 provides i2 (HTTP), M1 provides m1.
// Flows: i1 -> S2, i1 -> M1, i2 -> M1, m1 -> S1.
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
const [SALES, MONEY, TEAM, S1, S2, M1, I1, I2, IM] = [1, 2, 3, 4, 5, 6, 7, 8, 9].map(id);
const iface = (i: string, name: string, systemId: string, extra: Partial<MapInterface> = {}): MapInterface => ({
  id: i,
  name,
  systemId,
  teamId: TEAM,
  kind: "API",
  protocol: "HTTP",
  style: "REQUEST_RESPONSE",
  lifecycle: "ACTIVE",
  classification: null,
  contracts: 0,
  violations: 0,
  ...extra,
});
const map: LineageMap = {
  domains: [
    { id: SALES, name: "Sales" },
    { id: MONEY, name: "Money" },
  ],
  teams: [{ id: TEAM, name: "Team" }],
  systems: [
    { id: S1, name: "S1", kind: "INTERNAL", domainId: SALES, teamId: TEAM, inScope: true },
    { id: S2, name: "S2", kind: "INTERNAL", domainId: SALES, teamId: null, inScope: true },
    { id: M1, name: "M1", kind: "SAAS", domainId: MONEY, teamId: TEAM, inScope: true },
  ],
  interfaces: [
    iface(I1, "i1", S1, { protocol: "KAFKA", style: "EVENT", classification: "CONFIDENTIAL", contracts: 2, health: "AT_RISK", violations: 3 }),
    iface(I2, "i2", S2, { classification: "RESTRICTED", contracts: 1 }),
    iface(IM, "m1", M1),
  ],
  flows: [
    { id: id(20), interfaceId: I1, consumerId: S2, style: "EVENT", patterns: ["OUTBOX"], mappedFields: 2 },
    { id: id(21), interfaceId: I1, consumerId: M1, style: "EVENT", patterns: [], mappedFields: 0 },
    { id: id(22), interfaceId: I2, consumerId: M1, style: "BATCH", patterns: ["BATCH_ETL"], mappedFields: 1 },
    { id: id(23), interfaceId: IM, consumerId: S1, style: "REQUEST_RESPONSE", patterns: [], mappedFields: 0 },
  ],
};
// By default the map folds everything; these views name what is folded, so the rest is expanded.
const everyDomain = [SALES, MONEY];
const everySystem = [S1, S2, M1];
const view = (state: Partial<ViewState> & { cd?: string[]; cs?: string[] }) => {
  const full = { ...EMPTY_VIEW, ...state };
  const open = (folded: string[] | undefined, every: string[]) => (folded?.[0] === "all" ? [] : every.filter((x) => !folded?.includes(x)));
  return buildView(map, full, expansionOf({ xd: open(state.cd, everyDomain), xs: open(state.cs, everySystem) }));
};
const edgeList = (graph: ReturnType<typeof view>) => graph.edges.filter((e) => e.kind === "flow").map((e) => `${e.source}>${e.target}:${e.count}`).sort();

describe("buildView", () => {
  it("nested: every domain is a node counting the flows out, in and inside it, and no provides edges", () => {
    const folded = buildView(map, EMPTY_VIEW, expansionOf(EMPTY_VIEW), { nested: true });
    expect(folded.nodes.map((n) => n.id).sort()).toEqual([domainNodeId(SALES), domainNodeId(MONEY)].sort());
    expect(edgeList(folded)).toEqual([`${domainNodeId(SALES)}>${domainNodeId(MONEY)}:2`, `${domainNodeId(MONEY)}>${domainNodeId(SALES)}:1`].sort());
    expect(folded.nodes.find((n) => n.id === domainNodeId(MONEY))).toMatchObject({ collapsed: true, flows: { out: 1, in: 2, inside: 0 }, counts: { systems: 1, interfaces: 1 } });
    // Expanding Sales in place: its frame stays, its systems appear, folded, with their own flow counts.
    const open = buildView(map, EMPTY_VIEW, expansionOf({ xd: [SALES], xs: [] }), { nested: true });
    expect(open.nodes.map((n) => n.id).sort()).toEqual([domainNodeId(SALES), domainNodeId(MONEY), S1, S2].sort());
    expect(open.nodes.find((n) => n.id === domainNodeId(SALES))).toMatchObject({ collapsed: false, counts: { systems: 2, interfaces: 2 } });
    expect(open.nodes.find((n) => n.id === S1)).toMatchObject({ collapsed: true, flows: { out: 2, in: 1, inside: 0 } });
    expect(edgeList(open)).toEqual([`${S1}>${S2}:1`, `${S1}>${domainNodeId(MONEY)}:1`, `${S2}>${domainNodeId(MONEY)}:1`, `${domainNodeId(MONEY)}>${S1}:1`].sort());
    expect(open.edges.some((e) => e.kind === "provides")).toBe(false);
  });

  it("draws systems, interfaces, provides and flow edges as they are when nothing is collapsed", () => {
    const graph = view({});
    expect(graph.nodes).toHaveLength(6);
    expect(graph.edges.filter((e) => e.kind === "provides")).toHaveLength(3);
    expect(edgeList(graph)).toEqual([`${I1}>${M1}:1`, `${I1}>${S2}:1`, `${I2}>${M1}:1`, `${IM}>${S1}:1`].sort());
    // A system shows the highest classification and the worst health of its interfaces.
    expect(graph.nodes.find((n) => n.id === S1)).toMatchObject({ classification: "CONFIDENTIAL", health: "AT_RISK", team: "Team", violations: 3 });
    expect(graph.nodes.find((n) => n.id === M1)?.health).toBeUndefined();
  });

  it("folds a collapsed domain into one node with counts, merging its flows and dropping the ones inside it", () => {
    const graph = view({ cd: [SALES] });
    const sales = domainNodeId(SALES);
    expect(graph.nodes.map((n) => n.id).sort()).toEqual([sales, M1, IM].sort());
    expect(graph.nodes.find((n) => n.id === sales)).toMatchObject({ kind: "domain", name: "Sales", counts: { systems: 2, interfaces: 2 }, contracts: 3, classification: "RESTRICTED", flows: { out: 2, in: 1, inside: 1 } });
    // i1 -> S2 is inside Sales; i1 -> M1 and i2 -> M1 merge into one edge of two flows with both styles.
    expect(edgeList(graph)).toEqual([`${sales}>${M1}:2`, `${IM}>${sales}:1`].sort());
    const merged = graph.edges.find((e) => e.source === sales)!;
    expect(merged.styles.sort()).toEqual(["BATCH", "EVENT"]);
    expect(merged.patterns).toEqual(["BATCH_ETL"]);
    expect(merged.mappedFields).toBe(1);
  });

  it("folds a collapsed system's interfaces into it, and 'all' collapses every system", () => {
    const one = view({ cs: [S1] });
    expect(one.nodes.find((n) => n.id === S1)).toMatchObject({ collapsed: true, counts: { systems: 1, interfaces: 1 } });
    expect(one.nodes.some((n) => n.id === I1)).toBe(false);
    expect(edgeList(one)).toContain(`${S1}>${S2}:1`);
    const all = view({ cs: ["all"] });
    expect(all.nodes.every((n) => n.kind === "system")).toBe(true);
    expect(edgeList(all)).toEqual([`${S1}>${S2}:1`, `${S1}>${M1}:1`, `${S2}>${M1}:1`, `${M1}>${S1}:1`].sort());
  });

  it("filters by health, treating interfaces without measurements as NO_DATA", () => {
    const degraded = view({ health: ["AT_RISK"] });
    expect(degraded.nodes.map((n) => n.name).sort()).toEqual(["M1", "S1", "S2", "i1"]);
    const noData = view({ health: ["NO_DATA"] });
    expect(noData.nodes.some((n) => n.id === I1)).toBe(false);
    expect(noData.nodes.some((n) => n.id === I2)).toBe(true);
  });

  it("keeps only what the focus reached, with its hops", () => {
    const graph = buildView(map, EMPTY_VIEW, EXPAND_ALL, { focus: { hops: new Map([[S1, 0], [I1, 0], [S2, 1]]), flowIds: new Set([id(20)]) } });
    expect(graph.nodes.map((n) => `${n.name}:${n.hop}`).sort()).toEqual(["S1:0", "S2:1", "i1:0"]);
    expect(edgeList(graph)).toEqual([`${I1}>${S2}:1`]);
  });
});
