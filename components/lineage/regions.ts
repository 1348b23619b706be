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
 * The overview's boxes, nested like the estate: interfaces in a grid inside their system's box, systems packed in
 * rows inside their domain's box, domains (and systems without a domain) packed in rows across the map. Every box
 * is sized for its contents fully drawn, whether the node is open or folded, so expanding or folding a domain or a
 * system moves nothing else: the layout depends only on what the filters select. Linear in the nodes; `nodes` is a
 * nested view graph with everything open (buildView with EXPAND_ALL, nested).
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
