import { NODE_SIZE, type ViewNode } from "./model";

/** A node's box in map units: top-left corner and size. */
export type Box = { x: number; y: number; w: number; h: number };
export type Boxes = Record<string, Box>;

const PAD = 16;
const GAP = 16;
/** Room between domains for the edges that join them. */
const DOMAIN_GAP = 120;
export const SYSTEM_HEADER = NODE_SIZE.system.h;
export const DOMAIN_HEADER = 72;
/** Width over height the estate is packed to: about a wide browser window's map area. */
const ASPECT = 1.8;
/**
 * A domain's box is at least this share of the largest domain's width and height. The map opens fitted to the whole
 * estate, so a domain holding one small system would otherwise be a sliver there, too narrow for its name and counts.
 */
export const DOMAIN_MIN_SHARE = { w: 0.75, h: 0.85 } as const;

/**
 * The overview's boxes, nested like the estate: interfaces in a grid inside their system's box, systems packed in
 * rows inside their domain's box, domains (and systems without a domain) packed in rows across the map. Every box
 * is sized for its contents fully drawn, whether the node is open or folded, so expanding or folding a domain or a
 * system moves nothing else: the layout depends only on what the filters select. Domains are at least
 * DOMAIN_MIN_SHARE of the largest one, so every folded domain can show its name at the opening zoom. Linear in the
 * nodes; `nodes` is a nested view graph with everything open (buildView with EXPAND_ALL, nested).
 */
export function regionLayout(nodes: ViewNode[]): Boxes {
  const interfacesOf = new Map<string, ViewNode[]>();
  const systemsOf = new Map<string, ViewNode[]>();
  const top: ViewNode[] = [];
  for (const n of nodes) {
    if (n.kind === "interface" && n.systemId) push(interfacesOf, n.systemId, n);
    else if (n.kind === "system" && n.domainId) push(systemsOf, n.domainId, n);
    else if (n.kind !== "interface") top.push(n);
  }
  const sizes = new Map<string, { w: number; h: number }>();
  /** Children placed relative to their parent's corner, resolved to map coordinates at the end. */
  const relative = new Map<string, { parent: string | null; x: number; y: number }>();

  for (const n of nodes) {
    if (n.kind !== "system") continue;
    const inside = interfacesOf.get(n.id) ?? [];
    const { w: iw, h: ih } = NODE_SIZE.interface;
    const columns = inside.length <= 4 ? 1 : Math.ceil(Math.sqrt(inside.length / 2));
    const rows = Math.ceil(inside.length / columns);
    inside.forEach((i, k) => relative.set(i.id, { parent: n.id, x: PAD + (k % columns) * (iw + GAP), y: SYSTEM_HEADER + Math.floor(k / columns) * (ih + GAP) }));
    sizes.set(n.id, {
      w: Math.max(NODE_SIZE.system.w, 2 * PAD + columns * iw + (columns - 1) * GAP),
      h: inside.length === 0 ? SYSTEM_HEADER : SYSTEM_HEADER + rows * ih + (rows - 1) * GAP + PAD,
    });
  }
  for (const n of top) {
    if (n.kind !== "domain" || !n.domainId) continue;
    const inside = (systemsOf.get(n.domainId) ?? []).map((s) => ({ id: s.id, ...sizes.get(s.id)! }));
    const packed = shelfPack(inside, GAP);
    for (const [id, p] of packed.positions) relative.set(id, { parent: n.id, x: PAD + p.x, y: DOMAIN_HEADER + p.y });
    sizes.set(n.id, { w: Math.max(NODE_SIZE.domain.w, packed.w + 2 * PAD), h: Math.max(NODE_SIZE.domain.h, DOMAIN_HEADER + packed.h + PAD) });
  }
  const domainSizes = top.flatMap((n) => (n.kind === "domain" && sizes.has(n.id) ? [sizes.get(n.id)!] : []));
  const minW = DOMAIN_MIN_SHARE.w * domainSizes.reduce((max, d) => Math.max(max, d.w), 0);
  const minH = DOMAIN_MIN_SHARE.h * domainSizes.reduce((max, d) => Math.max(max, d.h), 0);
  for (const size of domainSizes) {
    size.w = Math.max(size.w, minW);
    size.h = Math.max(size.h, minH);
  }
  const packed = shelfPack(
    top.map((n) => ({ id: n.id, ...(sizes.get(n.id) ?? NODE_SIZE[n.kind]) })),
    DOMAIN_GAP,
  );
  for (const [id, p] of packed.positions) relative.set(id, { parent: null, ...p });

  const boxes: Boxes = {};
  const resolve = (id: string): Box | undefined => {
    if (boxes[id]) return boxes[id];
    const r = relative.get(id);
    const node = r && (r.parent === null ? { x: 0, y: 0 } : resolve(r.parent));
    if (!r || !node) return undefined;
    const size = sizes.get(id) ?? NODE_SIZE.interface;
    return (boxes[id] = { x: node.x + r.x, y: node.y + r.y, w: size.w, h: size.h });
  };
  for (const n of nodes) resolve(n.id);
  return boxes;
}

function push<T>(map: Map<string, T[]>, key: string, value: T) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Rows of boxes, left to right in the given order, a new row when the next box would pass a width chosen so the
 * whole is about ASPECT times as wide as high.
 */
export function shelfPack(items: { id: string; w: number; h: number }[], gap: number) {
  const area = items.reduce((sum, i) => sum + (i.w + gap) * (i.h + gap), 0);
  const widest = items.reduce((max, i) => Math.max(max, i.w), 0);
  const limit = Math.max(widest, Math.sqrt(area * ASPECT));
  const positions = new Map<string, { x: number; y: number }>();
  let x = 0;
  let y = 0;
  let rowHeight = 0;
  let width = 0;
  for (const item of items) {
    if (x > 0 && x + item.w > limit) {
      y += rowHeight + gap;
      x = 0;
      rowHeight = 0;
    }
    positions.set(item.id, { x, y });
    x += item.w + gap;
    width = Math.max(width, x - gap);
    rowHeight = Math.max(rowHeight, item.h);
  }
  return { positions, w: width, h: items.length ? y + rowHeight : 0 };
}

/** Where the line from a box's centre towards a point leaves the box. */
function exitPoint(box: Box, toward: { x: number; y: number }) {
  const cx = box.x + box.w / 2;
  const cy = box.y + box.h / 2;
  const dx = toward.x - cx;
  const dy = toward.y - cy;
  const t = Math.min(dx === 0 ? Infinity : box.w / 2 / Math.abs(dx), dy === 0 ? Infinity : box.h / 2 / Math.abs(dy), 1);
  return { x: cx + dx * t, y: cy + dy * t };
}

/**
 * The overview's edge between two folded domains: from border to border along the line joining their centres, bent
 * slightly to its left so that the two directions between a pair are drawn apart. Returns the path and its midpoint.
 */
export function borderPath(source: Box, target: Box): [string, number, number] {
  const from = exitPoint(source, { x: target.x + target.w / 2, y: target.y + target.h / 2 });
  const to = exitPoint(target, { x: source.x + source.w / 2, y: source.y + source.h / 2 });
  const dx = to.x - from.x;
  const dy = to.y - from.y;
  const bend = 0.12;
  const control = { x: (from.x + to.x) / 2 + dy * bend, y: (from.y + to.y) / 2 - dx * bend };
  const round = (n: number) => Math.round(n * 10) / 10;
  return [
    `M ${round(from.x)},${round(from.y)} Q ${round(control.x)},${round(control.y)} ${round(to.x)},${round(to.y)}`,
    (from.x + 2 * control.x + to.x) / 4,
    (from.y + 2 * control.y + to.y) / 4,
  ];
}
