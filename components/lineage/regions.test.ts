import { describe, expect, it } from "vitest";
import { buildView, EXPAND_ALL, expansionOf, type ViewNode } from "./model";
import { regionLayout, shelfPack, type Box } from "./regions";
import { EMPTY_VIEW } from "./view-state";
import type { LineageMap } from "@/lib/lineage/schemas";

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;

/** An estate of `domains` domains, each with `systems` systems of `interfaces` interfaces, and a ring of flows. */
function estate(domains: number, systems: number, interfaces: number): LineageMap {
  const map: LineageMap = { domains: [], teams: [], systems: [], interfaces: [], flows: [] };
  let n = 1;
  for (let d = 0; d < domains; d++) {
    const domainId = id(n++);
    map.domains.push({ id: domainId, name: `D${d}` });
    for (let s = 0; s < systems; s++) {
      const systemId = id(n++);
      map.systems.push({ id: systemId, name: `S${d}.${s}`, kind: "INTERNAL", domainId, teamId: null, inScope: true });
      for (let i = 0; i < interfaces; i++) {
        map.interfaces.push({ id: id(n++), name: `I${d}.${s}.${i}`, systemId, teamId: null, kind: "API", protocol: "HTTP", style: "EVENT", lifecycle: "ACTIVE", classification: null, contracts: 0, violations: 0 });
      }
    }
  }
  map.interfaces.forEach((i, k) => map.flows.push({ id: id(100_000 + k), interfaceId: i.id, consumerId: map.systems[(k * 7 + 3) % map.systems.length].id, style: "EVENT", patterns: [], mappedFields: 0 }));
  return map;
}

const inside = (inner: Box, outer: Box) => inner.x >= outer.x && inner.y >= outer.y && inner.x + inner.w <= outer.x + outer.w && inner.y + inner.h <= outer.y + outer.h;
const overlap = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

describe("regionLayout", () => {
  const map = estate(4, 5, 3);
  const nodes = buildView(map, EMPTY_VIEW, EXPAND_ALL, { nested: true }).nodes;
  const boxes = regionLayout(nodes);
  const byKind = (kind: ViewNode["kind"]) => nodes.filter((n) => n.kind === kind);

  it("gives every node a box, each interface inside its system and each system inside its domain", () => {
    expect(Object.keys(boxes)).toHaveLength(nodes.length);
    for (const i of byKind("interface")) expect(inside(boxes[i.id], boxes[i.systemId!])).toBe(true);
    for (const s of byKind("system")) expect(inside(boxes[s.id], boxes[`domain:${s.domainId}`])).toBe(true);
  });

  it("never overlaps siblings: domains, the systems of a domain, the interfaces of a system", () => {
    const groups = [byKind("domain"), ...map.domains.map((d) => byKind("system").filter((s) => s.domainId === d.id)), ...map.systems.map((s) => byKind("interface").filter((i) => i.systemId === s.id))];
    for (const group of groups) for (const a of group) for (const b of group) if (a !== b) expect(overlap(boxes[a.id], boxes[b.id]), `${a.name} / ${b.name}`).toBe(false);
  });

  it("boxes depend on what is shown, not on what is expanded: opening a domain in place moves nothing", () => {
    // The map lays out the fully open estate once; a folded view draws a subset of the same boxes.
    const folded = buildView(map, EMPTY_VIEW, expansionOf(EMPTY_VIEW), { nested: true });
    const opened = buildView(map, EMPTY_VIEW, expansionOf({ xd: [map.domains[1].id], xs: [] }), { nested: true });
    expect(folded.nodes.every((n) => boxes[n.id])).toBe(true);
    expect(opened.nodes.every((n) => boxes[n.id])).toBe(true);
    expect(opened.nodes.length).toBe(folded.nodes.length + 5);
  });

  it("packs a 5,000-node estate into a picture about as wide as a screen, not a strip", () => {
    const big = estate(20, 100, 2);
    const all = buildView(big, EMPTY_VIEW, EXPAND_ALL, { nested: true }).nodes;
    const laid = Object.values(regionLayout(all));
    expect(laid).toHaveLength(20 + 2000 + 4000);
    const width = Math.max(...laid.map((b) => b.x + b.w));
    const height = Math.max(...laid.map((b) => b.y + b.h));
    expect(width / height).toBeGreaterThan(1);
    expect(width / height).toBeLessThan(4);
  });
});

describe("shelfPack", () => {
  it("starts a new row when the next box would pass the width, and reports the size", () => {
    const packed = shelfPack(
      Array.from({ length: 9 }, (_, k) => ({ id: `b${k}`, w: 100, h: 50 })),
      10,
    );
    const ys = new Set([...packed.positions.values()].map((p) => p.y));
    expect(ys.size).toBeGreaterThan(1);
    expect(packed.w).toBeLessThanOrEqual(Math.sqrt(9 * 110 * 60 * 1.8));
    expect(packed.h).toBe(Math.max(...[...packed.positions.values()].map((p) => p.y)) + 50);
  });
});
