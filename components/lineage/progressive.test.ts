import { describe, expect, it } from "vitest";
import { advance, FIRST_CHUNK, FRAME_BUDGET_MS, handedOf, mountOrder, nextChunk, startProgress, step, type Drawing, type Progress } from "./progressive";

type N = { id: string; position: { x: number; y: number }; width: number; height: number; version?: string };
type E = { id: string; source: string; target: string };
const node = (id: string, x: number, y: number, version?: string): N => ({ id, position: { x, y }, width: 100, height: 50, version });
const edge = (source: string, target: string): E => ({ id: `${source}>${target}`, source, target });
const ids = (items: { id: string }[]) => items.map((i) => i.id);
/** A view of 1,000 x 1,000 map units around the origin's corner. */
const VIEW = { x0: 0, y0: 0, x1: 1000, y1: 1000 };

/** A row of `count` nodes from the view's centre outwards to the right, 200 units apart: a0 nearest. */
const row = (prefix: string, count: number, version?: string) => Array.from({ length: count }, (_, k) => node(`${prefix}${k}`, 450 + k * 200, 475, version));
/** Hands everything over, a chunk at a time, recording what React Flow is handed after each step. */
function run(progress: Progress<N, E>, chunk: number) {
  const steps = [handedOf(progress)];
  while (progress.queue.length) {
    progress = advance(progress, chunk);
    steps.push(handedOf(progress));
  }
  return { progress, steps };
}

describe("mountOrder", () => {
  it("puts the nodes in view first, then those whose edges cross the view, then the margin, each nearest the centre first", () => {
    const near = node("near", 480, 480);
    const corner = node("corner", 0, 0);
    const farLinked = node("far-linked", 5000, 5000);
    const marginNear = node("margin-near", 1100, 500);
    const marginFar = node("margin-far", 3000, 500);
    const all: Drawing<N, E> = { nodes: [marginFar, farLinked, corner, marginNear, near], edges: [edge("corner", "far-linked")] };
    const { order, needed } = mountOrder(all.nodes, all, VIEW);
    expect(ids(order)).toEqual(["near", "corner", "far-linked", "margin-near", "margin-far"]);
    expect(needed).toBe(2);
  });

  it("hands over the far end of an edge from a node in view that is already drawn before the margin", () => {
    const drawn = node("drawn", 500, 500);
    const far = node("far", 9000, 9000);
    const margin = node("margin", 1100, 500);
    const { order, needed } = mountOrder([margin, far], { nodes: [drawn, far, margin], edges: [edge("far", "drawn")] }, VIEW);
    expect(ids(order)).toEqual(["far", "margin"]);
    expect(needed).toBe(0);
  });
});

describe("nextChunk", () => {
  it("grows while frames keep within budget, shrinks when one does not, within bounds", () => {
    expect(nextChunk(24, 16.7)).toBeGreaterThan(24);
    expect(nextChunk(24, FRAME_BUDGET_MS + 5)).toBeLessThan(24);
    expect(nextChunk(24, 250)).toBe(12);
    expect(nextChunk(4, 250)).toBe(4);
    expect(nextChunk(400, 10)).toBe(400);
  });
});

describe("step", () => {
  it("sizes each frame's chunk from the last frame's time, and starts a new target from the first chunk size", () => {
    const before = run(startProgress(null, { nodes: row("a", 10), edges: [] }, VIEW), 1000).progress;
    let progress = startProgress(before, { nodes: row("b", 2000), edges: [] }, VIEW);
    progress = step(progress, 0);
    expect(progress.mounted.size).toBe(FIRST_CHUNK);
    // Quick frames: the chunks grow; a slow one: the next is smaller.
    for (let k = 0; k < 8; k++) progress = step(progress, 16.7);
    const grown = progress.chunk;
    expect(grown).toBeGreaterThan(4 * FIRST_CHUNK);
    progress = step(progress, 200);
    expect(progress.chunk).toBeLessThan(grown);
    // The view moved on: the next target's first chunk is the first size again, not the grown one.
    const moved = startProgress(progress, { nodes: [...row("b", 2000), ...row("c", 100)], edges: [] }, VIEW);
    const first = step(moved, 16.7);
    expect(first.mounted.size - moved.mounted.size).toBe(FIRST_CHUNK);
  });
});

describe("progressive handing over", () => {
  it("hands a small change over at once", () => {
    const target = { nodes: row("a", FIRST_CHUNK), edges: [edge("a0", "a1")] };
    const progress = startProgress(null, target, VIEW);
    expect(progress.queue).toEqual([]);
    expect(handedOf(progress)).toEqual({ ...target, hiddenNodes: new Set(), hiddenEdges: new Set() });
  });

  it("keeps the previous level drawn, mounting the next one hidden nearest the centre first, and shows it once the view's part is in", () => {
    // The previous level: folded boxes a0..a59 (a0..a2 in view). The next: the same ids opened, with 60 new nodes.
    const before = { nodes: row("a", 60, "folded"), edges: [edge("a0", "a1")] };
    const shown = startProgress(null, before, VIEW);
    const drawnBefore = run(shown, 1000).progress;
    const next = { nodes: [...row("a", 60, "open"), ...row("b", 60)].map((n) => (n.id.startsWith("b") ? { ...n, position: { x: n.position.x, y: 600 } } : n)), edges: [edge("b0", "b1"), edge("a0", "b2")] };
    const progress = startProgress(drawnBefore, next, VIEW);
    // b0..b2 meet the view: they are needed before it is shown.
    expect(ids(progress.queue).slice(0, 3)).toEqual(["b0", "b1", "b2"]);
    expect(progress.queue.length - progress.showAt).toBe(3);

    const first = advance(progress, 2);
    const handed = handedOf(first);
    // Everything drawn before is still drawn as it was; b0 and b1 are mounted, hidden, with the edge between them.
    expect(handed.nodes.filter((n) => n.id.startsWith("a")).every((n) => n.version === "folded")).toBe(true);
    expect(ids(handed.nodes).filter((id) => id.startsWith("b"))).toEqual(["b0", "b1"]);
    expect([...handed.hiddenNodes]).toEqual(["b0", "b1"]);
    expect(ids(handed.edges)).toEqual(["a0>a1", "b0>b1"]);
    expect([...handed.hiddenEdges]).toEqual(["b0>b1"]);

    // With the view's part mounted, the next level is shown: the opened boxes replace the folded ones, nothing hidden,
    // the previous level's edges gone; the margin follows, shown as it comes.
    const ready = handedOf(advance(first, 1));
    expect(ready.hiddenNodes.size + ready.hiddenEdges.size).toBe(0);
    expect(ready.nodes.filter((n) => n.id.startsWith("a")).every((n) => n.version === "open")).toBe(true);
    expect(ids(ready.nodes).filter((id) => id.startsWith("b"))).toEqual(["b0", "b1", "b2"]);
    expect(ids(ready.edges)).toEqual(["b0>b1", "a0>b2"]);
    const { steps } = run(advance(first, 1), 10);
    expect(steps.at(-1)).toEqual({ ...next, hiddenNodes: new Set(), hiddenEdges: new Set() });
  });

  it("never shows a step without what the user saw or with part of the view's new nodes", () => {
    const before = run(startProgress(null, { nodes: row("a", 40), edges: [] }, VIEW), 1000).progress;
    const next = { nodes: [...row("a", 40), ...row("c", 80).map((n) => ({ ...n, position: { x: n.position.x - 900, y: 300 } }))], edges: [] };
    const inView = next.nodes.filter((n) => n.id.startsWith("c") && n.position.x < 1000 && n.position.x + 100 > 0).map((n) => n.id);
    const { steps } = run(startProgress(before, next, VIEW), 3);
    expect(steps.length).toBeGreaterThan(3);
    for (const step of steps) {
      const visible = new Set(ids(step.nodes).filter((id) => !step.hiddenNodes.has(id)));
      const viewShown = inView.filter((id) => visible.has(id)).length;
      expect([0, inView.length]).toContain(viewShown);
      for (const id of ids(row("a", 40))) expect(visible.has(id)).toBe(true);
    }
  });

  it("keeps what it had mounted when the target moves on before it is shown, and drops what the new target no longer holds", () => {
    const before = run(startProgress(null, { nodes: row("a", 30), edges: [] }, VIEW), 1000).progress;
    const systems = row("s", 60).map((n) => ({ ...n, position: { x: n.position.x - 400, y: 700 } }));
    // s0..s4 meet the view: three of them mounted, so the systems are not shown yet.
    const midway = advance(startProgress(before, { nodes: systems, edges: [] }, VIEW), 3);
    const mountedHidden = [...handedOf(midway).hiddenNodes];
    expect(mountedHidden.sort()).toEqual(["s1", "s2", "s3"]);
    // The view moved on (the region around it was drawn again): the systems from s2 on, and others.
    const moved = { nodes: [...systems.slice(2), ...row("t", 40)], edges: [] };
    const again = startProgress(midway, moved, VIEW);
    const handed = handedOf(again);
    // Still the first level on screen; the systems mounted earlier and still wanted stay mounted, hidden, not queued.
    expect(ids(handed.nodes).filter((id) => id.startsWith("a"))).toHaveLength(30);
    expect([...handed.hiddenNodes].sort()).toEqual(["s2", "s3"]);
    expect(ids(again.queue)).not.toContain("s2");
    expect(ids(again.queue)).toContain("s4");
    // Zooming back out before the next level was shown: the level still on screen is the target, handed over at once.
    const back = startProgress(midway, before.target, VIEW);
    expect(handedOf(back)).toEqual({ ...before.target, hiddenNodes: new Set(), hiddenEdges: new Set() });
  });
});
