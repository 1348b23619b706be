import type { HealthStatus, LineageMap, MapFlow, MapInterface, MapSystem } from "@/lib/lineage/schemas";
import { isExpanded, type ViewState } from "./view-state";

export type NodeKind = "domain" | "system" | "interface";
type Classification = NonNullable<MapInterface["classification"]>;
type Style = MapFlow["style"];

export type ViewNode = {
  id: string;
  kind: NodeKind;
  name: string;
  team: string | null;
  domainId: string | null;
  /** Interface: its provider. */
  systemId?: string;
  protocol?: MapInterface["protocol"];
  style?: Style;
  systemKind?: MapSystem["kind"];
  /** Highest classification inside the node (an interface's own; a group's or system's highest of its interfaces). */
  classification: Classification | null;
  /** Worst measured health inside the node; undefined means nothing measured ("no data"). */
  health?: HealthStatus;
  contracts: number;
  /** Open compliance policy violations inside the node (an interface's own; a group's or system's sum). */
  violations: number;
  /** A system outside the domain/team filter, drawn because a flow links it to one inside. */
  context?: boolean;
  /** Domains and folded systems: what they hold. */
  counts?: { systems: number; interfaces: number };
  /** Domains and systems: flows leaving, entering and staying inside the node. */
  flows?: { out: number; in: number; inside: number };
  /** Drawn folded: its contents are counted, not drawn. */
  collapsed?: boolean;
  /** Flows from the focus, when a focus is set. */
  hop?: number;
};

export type ViewEdge = {
  id: string;
  source: string;
  target: string;
  kind: "provides" | "flow";
  styles: Style[];
  protocols: string[];
  patterns: string[];
  /** Flows merged into this edge (1 unless a collapsed group aggregates several). */
  count: number;
  flowIds: string[];
  mappedFields: number;
};

export type ViewGraph = { nodes: ViewNode[]; edges: ViewEdge[] };
export type Focus = { hops: Map<string, number>; flowIds: Set<string> };
/** Which domains and systems are drawn open (their systems, their interfaces); the rest are folded into one node. */
export type Expansion = { domain(id: string): boolean; system(id: string): boolean };
export const EXPAND_ALL: Expansion = { domain: () => true, system: () => true };
/** What the user expanded (the URL's xd and xs). */
export const expansionOf = (state: Pick<ViewState, "xd" | "xs">): Expansion => ({ domain: (id) => isExpanded(state.xd, id), system: (id) => isExpanded(state.xs, id) });
export type BuildOptions = {
  focus?: Focus | null;
  /**
   * The overview's nesting: every domain is a node (an open one a frame around its systems), an interface sits inside
   * its system's box, so no "provides" edges are drawn. Without it (a focus) domains appear only folded, and
   * "provides" edges link systems to their interfaces.
   */
  nested?: boolean;
};

export const NODE_SIZE: Record<NodeKind, { w: number; h: number }> = {
  domain: { w: 220, h: 64 },
  system: { w: 200, h: 68 },
  interface: { w: 200, h: 72 },
};

const LEVELS: Classification[] = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"];
const HEALTH_ORDER: HealthStatus[] = ["NO_DATA", "OK", "AT_RISK", "BREACHED"];
const higher = (a: Classification | null, b: Classification | null) => (!a ? b : !b ? a : LEVELS.indexOf(a) >= LEVELS.indexOf(b) ? a : b);
const worse = (a: HealthStatus | undefined, b: HealthStatus | undefined) =>
  !a ? b : !b ? a : HEALTH_ORDER.indexOf(a) >= HEALTH_ORDER.indexOf(b) ? a : b;
export const domainNodeId = (domainId: string) => `domain:${domainId}`;

/**
 * The drawable graph for a view: the map's systems, interfaces and flows after the health filter and the focus,
 * with folded domains and systems drawn as one node each. A folded node's flows become edges of the node; flows
 * between the same two drawn nodes merge into one edge carrying their count, styles and patterns (at the domain
 * level: one edge per domain pair), and flows inside one folded node disappear (they are counted, not drawn).
 */
export function buildView(map: LineageMap, state: Pick<ViewState, "health">, expansion: Expansion, options: BuildOptions = {}): ViewGraph {
  const { focus, nested = false } = options;
  const teamName = new Map(map.teams.map((t) => [t.id, t.name]));
  const domainName = new Map(map.domains.map((d) => [d.id, d.name]));

  // Health is filtered here: it is measured elsewhere, and an interface without measurements is NO_DATA.
  const healthOk = (i: MapInterface) => state.health.length === 0 || state.health.includes(i.health ?? "NO_DATA");
  let interfaces = map.interfaces.filter(healthOk);
  let flows = map.flows;
  let systems = map.systems;
  if (state.health.length > 0) {
    const kept = new Set(interfaces.map((i) => i.id));
    flows = flows.filter((f) => kept.has(f.interfaceId));
    const linked = new Set([...interfaces.map((i) => i.systemId), ...flows.map((f) => f.consumerId)]);
    systems = systems.filter((s) => linked.has(s.id));
  }
  if (focus) {
    interfaces = interfaces.filter((i) => focus.hops.has(i.id));
    systems = systems.filter((s) => focus.hops.has(s.id));
    flows = flows.filter((f) => focus.flowIds.has(f.id));
  }

  const systemById = new Map(systems.map((s) => [s.id, s]));
  const systemRep = (id: string): string => {
    const s = systemById.get(id);
    return s?.domainId && !expansion.domain(s.domainId) ? domainNodeId(s.domainId) : id;
  };
  const interfaceById = new Map(interfaces.map((i) => [i.id, i]));
  const interfaceRep = (id: string): string => {
    const i = interfaceById.get(id)!;
    const rep = systemRep(i.systemId);
    return rep !== i.systemId || !expansion.system(i.systemId) ? rep : id;
  };

  const nodes = new Map<string, ViewNode>();
  const domainNode = (domainId: string): ViewNode => {
    const id = domainNodeId(domainId);
    let node = nodes.get(id);
    if (!node) {
      node = {
        id,
        kind: "domain",
        name: domainName.get(domainId) ?? "Domain",
        team: null,
        domainId,
        classification: null,
        contracts: 0,
        violations: 0,
        collapsed: !expansion.domain(domainId),
        counts: { systems: 0, interfaces: 0 },
        flows: { out: 0, in: 0, inside: 0 },
      };
      nodes.set(id, node);
    }
    return node;
  };
  for (const s of systems) {
    const rep = systemRep(s.id);
    const domain = s.domainId && (nested || rep !== s.id) ? domainNode(s.domainId) : null;
    if (domain) {
      domain.counts!.systems += 1;
      const hop = focus?.hops.get(s.id);
      if (hop !== undefined) domain.hop = Math.min(domain.hop ?? hop, hop);
    }
    if (rep !== s.id) continue;
    const folded = !expansion.system(s.id);
    nodes.set(s.id, {
      id: s.id,
      kind: "system",
      name: s.name,
      team: s.teamId ? (teamName.get(s.teamId) ?? null) : null,
      domainId: s.domainId,
      systemKind: s.kind,
      classification: null,
      contracts: 0,
      violations: 0,
      context: !s.inScope,
      collapsed: folded,
      counts: { systems: 1, interfaces: 0 },
      flows: { out: 0, in: 0, inside: 0 },
      hop: focus?.hops.get(s.id),
    });
  }
  for (const i of interfaces) {
    const rep = interfaceRep(i.id);
    if (rep === i.id) {
      nodes.set(i.id, {
        id: i.id,
        kind: "interface",
        name: i.name,
        team: i.teamId ? (teamName.get(i.teamId) ?? null) : null,
        domainId: systemById.get(i.systemId)?.domainId ?? null,
        systemId: i.systemId,
        protocol: i.protocol,
        style: i.style,
        classification: i.classification,
        health: i.health,
        contracts: i.contracts,
        violations: i.violations,
        hop: focus?.hops.get(i.id),
      });
    }
    // Drawn or folded, the interface's level, health, violations and contracts count towards what holds it.
    const domainId = systemById.get(i.systemId)?.domainId;
    const holders = [nodes.get(i.systemId), domainId ? nodes.get(domainNodeId(domainId)) : undefined];
    for (const owner of holders) {
      if (!owner) continue;
      owner.classification = higher(owner.classification, i.classification);
      owner.health = worse(owner.health, i.health);
      owner.violations += i.violations;
      owner.contracts += i.contracts;
      owner.counts!.interfaces += 1;
    }
  }

  const edges = new Map<string, ViewEdge>();
  if (!nested) {
    for (const i of interfaces) {
      if (interfaceRep(i.id) !== i.id || !nodes.has(i.systemId)) continue;
      edges.set(`provides:${i.id}`, {
        id: `provides:${i.id}`,
        source: i.systemId,
        target: i.id,
        kind: "provides",
        styles: [],
        protocols: [],
        patterns: [],
        count: 1,
        flowIds: [],
        mappedFields: 0,
      });
    }
  }
  const countFlow = (providerId: string, consumerId: string) => {
    const pairs: [ViewNode | undefined, ViewNode | undefined][] = [[nodes.get(providerId), nodes.get(consumerId)]];
    const from = systemById.get(providerId)?.domainId;
    const to = systemById.get(consumerId)?.domainId;
    pairs.push([from ? nodes.get(domainNodeId(from)) : undefined, to ? nodes.get(domainNodeId(to)) : undefined]);
    for (const [a, b] of pairs) {
      if (a && a === b) a.flows!.inside += 1;
      else {
        if (a) a.flows!.out += 1;
        if (b) b.flows!.in += 1;
      }
    }
  };
  for (const f of flows) {
    const iface = interfaceById.get(f.interfaceId);
    if (!iface || !systemById.has(f.consumerId)) continue;
    countFlow(iface.systemId, f.consumerId);
    const source = interfaceRep(f.interfaceId);
    const target = systemRep(f.consumerId);
    if (source === target) continue;
    const id = `flow:${source}>${target}`;
    const edge = edges.get(id);
    if (!edge) {
      edges.set(id, {
        id,
        source,
        target,
        kind: "flow",
        styles: [f.style],
        protocols: [iface.protocol],
        patterns: [...f.patterns],
        count: 1,
        flowIds: [f.id],
        mappedFields: f.mappedFields,
      });
      continue;
    }
    edge.count += 1;
    edge.flowIds.push(f.id);
    edge.mappedFields += f.mappedFields;
    if (!edge.styles.includes(f.style)) edge.styles.push(f.style);
    if (!edge.protocols.includes(iface.protocol)) edge.protocols.push(iface.protocol);
    for (const p of f.patterns) if (!edge.patterns.includes(p)) edge.patterns.push(p);
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
