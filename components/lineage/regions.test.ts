import { describe, expect, it } from "vitest";
import { buildView, EXPAND_ALL, expansionOf, type ViewNode } from "./model";
import { borderPath, DOMAIN_MIN_SHARE, regionLayout, shelfPack, type Box } from "./regions";
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

  it("gives a domain holding one system a readable share of the largest domain, so its name fits when folded", () => {
    const uneven = estate(3, 6, 4);
    const lonely = uneven.domains[2].id;
    uneven.systems = uneven.systems.filter((s) => s.domainId !== lonely || s.name.endsWith(".0"));
    const kept = new Set(uneven.systems.map((s) => s.id));
    uneven.interfaces = uneven.interfaces.filter((i) => kept.has(i.systemId));
    uneven.flows = uneven.flows.filter((f) => uneven.interfaces.some((i) => i.id === f.interfaceId) && kept.has(f.consumerId));
    const laid = regionLayout(buildView(uneven, EMPTY_VIEW, EXPAND_ALL, { nested: true }).nodes);
    const domainBoxes = uneven.domains.map((d) => laid[`domain:${d.id}`]);
    const widest = Math.max(...domainBoxes.map((b) => b.w));
    const tallest = Math.max(...domainBoxes.map((b) => b.h));
    const small = laid[`domain:${lonely}`];
    expect(small.w).toBeGreaterThanOrEqual(DOMAIN_MIN_SHARE.w * widest);
    expect(small.h).toBeGreaterThanOrEqual(DOMAIN_MIN_SHARE.h * tallest);
    // Its one system still sits inside it, at the top left under the header.
    const system = uneven.systems.find((s) => s.domainId === lonely)!;
    expect(inside(laid[system.id], small)).toBe(true);
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

describe("borderPath", () => {
  const a: Box = { x: 0, y: 0, w: 200, h: 100 };
  const b: Box = { x: 400, y: 300, w: 200, h: 100 };
  const start = (path: string) => path.match(/^M ([\d.-]+),([\d.-]+)/)!.slice(1).map(Number);
  const end = (path: string) => path.match(/ ([\d.-]+),([\d.-]+)$/)!.slice(1).map(Number);
  const onBorder = ([x, y]: number[], box: Box) =>
    (Math.abs(x - box.x) < 0.1 || Math.abs(x - box.x - box.w) < 0.1 || Math.abs(y - box.y) < 0.1 || Math.abs(y - box.y - box.h) < 0.1) &&
    x >= box.x - 0.1 && x <= box.x + box.w + 0.1 && y >= box.y - 0.1 && y <= box.y + box.h + 0.1;

  it("starts on the source's border and ends on the target's, facing each other", () => {
    const [path] = borderPath(a, b);
    expect(onBorder(start(path), a)).toBe(true);
    expect(onBorder(end(path), b)).toBe(true);
    // b is below and to the right: the edge leaves a through its bottom or right side and enters b from the top or left.
    expect(start(path)[0] >= 200 - 0.1 || start(path)[1] >= 100 - 0.1).toBe(true);
    expect(end(path)[0] <= 400 + 0.1 || end(path)[1] <= 300 + 0.1).toBe(true);
  });

  it("draws the two directions between a pair apart, with their labels on either side", () => {
    const [, x1, y1] = borderPath(a, b);
    const [, x2, y2] = borderPath(b, a);
    expect(Math.hypot(x1 - x2, y1 - y2)).toBeGreaterThan(20);
  });
});
