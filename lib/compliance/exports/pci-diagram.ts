import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkLabel, ElkNode } from "elkjs/lib/elk-api";
import { carriesAccountData, pciScope, type PciFlow, type PciInput, type PciSystem } from "./pci";
import { escapeXml, textWidth, wrapText } from "./pci-text";

// PCI DSS v4.0.1 requirement 1.2.4: every account-data flow, the entry points where account data comes in, the trust
// zones and network boundaries they cross, and the encryption on each edge.

export type Encryption = "encrypted" | "not encrypted" | "unknown";
export type ZoneId = "cde" | "connected" | "third-party" | "out-of-scope";
export const ZONE_LABEL: Record<ZoneId, string> = {
  cde: "Cardholder data environment (CDE)",
  connected: "Connected-to / security-impacting systems",
  "third-party": "Third-party service providers (outside the network boundary)",
  "out-of-scope": "Out of scope: public internet and customer devices",
};

/** Entry-point channels, recognised from what the catalog says about a system in the CDE. */
const CHANNELS = [
  { id: "browser", label: "Customer browser", zone: "out-of-scope", pattern: /\b(web ?shop|storefront|web|browser|checkout|e-?commerce|portal)\b/i, web: true },
  { id: "mobile", label: "Mobile app", zone: "out-of-scope", pattern: /\b(mobile|bff|ios|android)\b/i, web: true },
  // POS terminals capture PAN themselves, so they sit inside the CDE.
  { id: "pos", label: "POS terminal", zone: "cde", pattern: /\b(pos|point[- ]of[- ]sale|terminal|till|in-store)\b/i, web: false },
] as const;
const ACQUIRER = /(acquir|payment (processor|gateway|service provider)|\bpsp\b|card (scheme|processing|payments)|processor|issuer)/i;
const WEB_PROTOCOLS = new Set(["HTTP", "GRAPHQL", "SOAP"]);
const external = (s: PciSystem) => s.kind === "SAAS" || s.kind === "THIRD_PARTY";

/** Encryption in transit of a flow: what is recorded for its interface wins, then the flow's own declaration. */
export function flowEncryption(f: Pick<PciFlow, "encryptedInTransit" | "interfaceEncryptedInTransit">): Encryption {
  if (f.interfaceEncryptedInTransit === false || f.encryptedInTransit === false) return "not encrypted";
  if (f.interfaceEncryptedInTransit === true || f.encryptedInTransit === true) return "encrypted";
  return "unknown";
}

export type DiagramNode = { id: string; label: string; detail: string; zone: ZoneId; entryPoint: string | null };
export type DiagramEdge = { id: string; source: string; target: string; label: string; protocol: string; encryption: Encryption; accountData: string[]; flowId: string | null };

/** The diagram's content, before layout: which boxes, in which zones, joined by which edges. */
export function pciDiagramModel(input: PciInput): { nodes: DiagramNode[]; edges: DiagramEdge[] } {
  const scope = pciScope(input);
  const accountFlows = input.flows.filter((f) => carriesAccountData(f.elements));
  // Flows between the CDE and connected-to systems are drawn too: they are how those systems can affect the CDE.
  const connectingFlows = input.flows.filter((f) => !carriesAccountData(f.elements) && scope.has(f.sourceId) && scope.has(f.destinationId) && (scope.get(f.sourceId) === "CDE" || scope.get(f.destinationId) === "CDE"));
  const nodes: DiagramNode[] = [];
  const edges: DiagramEdge[] = [];
  for (const s of input.systems.filter((x) => scope.has(x.id))) {
    const text = [s.name, s.description ?? "", s.vendor ?? "", s.service ?? ""].join(" ");
    const acquirer = external(s) && scope.get(s.id) === "CDE" && ACQUIRER.test(text) ? "acquirer / payment processor" : null;
    nodes.push({ id: s.id, label: s.name, detail: [s.kind, s.vendor].filter(Boolean).join(" · "), zone: external(s) ? "third-party" : scope.get(s.id) === "CDE" ? "cde" : "connected", entryPoint: acquirer });
    if (external(s) || scope.get(s.id) !== "CDE") continue;
    for (const channel of CHANNELS) {
      if (!channel.pattern.test(`${s.name} ${s.description ?? ""}`)) continue;
      const web = (s.interfaces ?? []).filter((i) => WEB_PROTOCOLS.has(i.protocol));
      if (channel.web && web.length === 0) continue;
      const id = `entry:${channel.id}`;
      if (!nodes.some((n) => n.id === id)) nodes.push({ id, label: channel.label, detail: "entry point", zone: channel.zone, entryPoint: channel.label });
      const recorded = web.map((i) => i.encryptedInTransit);
      const encryption: Encryption = recorded.includes(false) ? "not encrypted" : recorded.length && recorded.every((e) => e === true) ? "encrypted" : "unknown";
      edges.push({ id: `${id}:${s.id}`, source: id, target: s.id, label: `${channel.label} to ${s.name}`, protocol: web[0]?.protocol ?? "not recorded", encryption, accountData: ["PAN"], flowId: null });
    }
  }
  for (const f of [...accountFlows, ...connectingFlows]) {
    edges.push({ id: f.id, source: f.sourceId, target: f.destinationId, label: f.interfaceName, protocol: f.protocol, encryption: flowEncryption(f), accountData: f.elements.filter((e) => carriesAccountData([e]) || accountFlows.includes(f)), flowId: f.id });
  }
  return { nodes, edges };
}

const NAME_SIZE = 12;
const DETAIL_SIZE = 10;
const EDGE_SIZE = 10;
const NODE_MAX = 190;
const EDGE_MAX = 220;
const PAD = 10;
const LINE = 14;

type Box = { lines: string[]; full: string; truncated: boolean };
const box = (text: string, max: number, size: number, lines: number, bold = false): Box => ({ ...wrapText(text, max, size, lines, bold), full: text });
const widest = (b: Box, size: number, bold = false) => Math.max(...b.lines.map((l) => textWidth(l, size, bold)));
const encryptionText = (e: Encryption) => (e === "encrypted" ? "encrypted in transit" : e === "not encrypted" ? "NOT encrypted in transit" : "encryption unknown");

/** Lays the model out with elkjs (zones as containers) and writes a standalone SVG document. */
export async function pciSvg(input: PciInput, generatedAt: Date): Promise<string> {
  const { nodes, edges } = pciDiagramModel(input);
  const zones = (Object.keys(ZONE_LABEL) as ZoneId[]).filter((z) => nodes.some((n) => n.zone === z));
  const names = new Map(nodes.map((n) => [n.id, { name: box(n.label, NODE_MAX - 2 * PAD, NAME_SIZE, 2, true), detail: box(n.entryPoint && n.detail !== "entry point" ? `${n.detail} · ${n.entryPoint}` : n.detail, NODE_MAX - 2 * PAD, DETAIL_SIZE, 1) }]));
  const edgeLabels = new Map(edges.map((e) => [e.id, [box(e.label, EDGE_MAX, EDGE_SIZE, 1), box(`${e.protocol} · ${encryptionText(e.encryption)}`, EDGE_MAX, EDGE_SIZE, 1)]]));
  const nodeSize = (id: string) => {
    const t = names.get(id)!;
    return { width: Math.max(120, widest(t.name, NAME_SIZE, true), widest(t.detail, DETAIL_SIZE)) + 2 * PAD, height: (t.name.lines.length + 1) * LINE + 2 * PAD };
  };
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.hierarchyHandling": "INCLUDE_CHILDREN",
      "elk.json.edgeCoords": "ROOT",
      "elk.json.shapeCoords": "ROOT",
      "elk.spacing.nodeNode": "28",
      "elk.layered.spacing.nodeNodeBetweenLayers": "80",
      "elk.edgeRouting": "POLYLINE",
    },
    children: zones.map((z) => ({
      id: `zone:${z}`,
      layoutOptions: { "elk.padding": "[top=34,left=16,bottom=16,right=16]" },
      width: textWidth(ZONE_LABEL[z], 12, true) + 32,
      children: nodes.filter((n) => n.zone === z).map((n) => ({ id: n.id, ...nodeSize(n.id) })),
    })),
    edges: edges.map((e): ElkExtendedEdge => {
      const [name, facts] = edgeLabels.get(e.id)!;
      const labels: ElkLabel[] = [{ id: `${e.id}:label`, text: e.label, width: Math.max(widest(name, EDGE_SIZE), widest(facts, EDGE_SIZE)) + 4, height: 2 * LINE }];
      return { id: e.id, sources: [e.source], targets: [e.target], labels };
    }),
  };
  const layout = nodes.length ? await new ELK().layout(graph) : { ...graph, width: 0, height: 0 };
  const margin = 24;
  const top = 64;
  const width = Math.max(720, Math.ceil((layout.width ?? 0) + margin * 2));
  const height = Math.ceil((layout.height ?? 0) + top + margin + 40);
  const accountFlowCount = edges.filter((e) => e.flowId && input.flows.some((f) => f.id === e.flowId && carriesAccountData(f.elements))).length;
  const parts: string[] = [
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>Account-data flow diagram (PCI DSS 1.2.4)</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#374151"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${margin}" y="28" font-size="16" font-weight="bold">Account-data flows (PCI DSS 1.2.4)</text>`,
    `<text x="${margin}" y="46" font-size="11" fill="#555555">${escapeXml(`${accountFlowCount} flows carrying PAN or sensitive authentication data, ${nodes.filter((n) => n.entryPoint).length} entry points · generated ${generatedAt.toISOString()}`)}</text>`,
    `<g transform="translate(${margin},${top})">`,
  ];
  const zoneStyle: Record<ZoneId, [string, string]> = { cde: ["#fef2f2", "#b91c1c"], connected: ["#fffbeb", "#b45309"], "third-party": ["#eff6ff", "#1d4ed8"], "out-of-scope": ["#f9fafb", "#6b7280"] };
  for (const zone of layout.children ?? []) {
    const z = zone.id.slice("zone:".length) as ZoneId;
    const [fill, stroke] = zoneStyle[z];
    parts.push(
      `<g class="zone" data-zone="${z}"><rect x="${zone.x}" y="${zone.y}" width="${zone.width}" height="${zone.height}" rx="8" fill="${fill}" stroke="${stroke}" stroke-width="1.5" stroke-dasharray="8 4"/>`,
      `<text x="${(zone.x ?? 0) + 12}" y="${(zone.y ?? 0) + 20}" font-size="12" font-weight="bold" fill="${stroke}">${escapeXml(ZONE_LABEL[z])}</text></g>`,
    );
  }
  const byId = new Map(edges.map((e) => [e.id, e]));
  for (const edge of layout.edges ?? []) {
    const e = byId.get(edge.id)!;
    const colour = e.encryption === "not encrypted" ? "#dc2626" : e.encryption === "unknown" ? "#b45309" : e.accountData.length ? "#7f1d1d" : "#9ca3af";
    const dash = e.encryption === "encrypted" ? "" : ` stroke-dasharray="${e.encryption === "unknown" ? "2 3" : "6 4"}"`;
    const tip = `${e.label}: ${e.accountData.length ? e.accountData.join(", ") : "no account data"}; ${e.protocol}; ${encryptionText(e.encryption)}`;
    parts.push(`<g class="edge" data-edge="${escapeXml(e.id)}"${e.flowId ? ` data-flow="${escapeXml(e.flowId)}"` : ""} data-encryption="${e.encryption}"><title>${escapeXml(tip)}</title>`);
    for (const section of edge.sections ?? []) {
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
      parts.push(`<polyline points="${points}" fill="none" stroke="${colour}" stroke-width="${e.accountData.length ? 1.8 : 1}"${dash} marker-end="url(#arrow)"/>`);
    }
    const [name, facts] = edgeLabels.get(e.id)!;
    for (const label of edge.labels ?? []) {
      parts.push(
        `<rect class="label-box" x="${(label.x ?? 0).toFixed(1)}" y="${(label.y ?? 0).toFixed(1)}" width="${label.width}" height="${label.height}" fill="#ffffff" fill-opacity="0.85"/>`,
        `<text x="${((label.x ?? 0) + 2).toFixed(1)}" y="${((label.y ?? 0) + 11).toFixed(1)}" font-size="${EDGE_SIZE}" fill="#111827">${escapeXml(name.lines[0])}</text>`,
        `<text class="encryption" x="${((label.x ?? 0) + 2).toFixed(1)}" y="${((label.y ?? 0) + 11 + LINE).toFixed(1)}" font-size="${EDGE_SIZE}" fill="${colour}">${escapeXml(facts.lines[0])}</text>`,
      );
    }
    parts.push(`</g>`);
  }
  const nodeById = new Map(nodes.map((n) => [n.id, n]));
  for (const zone of layout.children ?? []) {
    for (const node of zone.children ?? []) {
      const n = nodeById.get(node.id)!;
      const t = names.get(node.id)!;
      const x = node.x ?? 0;
      const y = node.y ?? 0;
      const w = node.width ?? 0;
      parts.push(
        `<g class="node" data-node="${escapeXml(n.id)}" data-zone="${n.zone}"${n.entryPoint ? ` data-entry-point="${escapeXml(n.entryPoint)}"` : ""}>${t.name.truncated ? `<title>${escapeXml(n.label)}</title>` : ""}`,
        `<rect x="${x}" y="${y}" width="${w}" height="${node.height}" rx="${n.entryPoint ? 16 : 4}" fill="#ffffff" stroke="#374151" stroke-width="${n.entryPoint ? 2 : 1}"/>`,
        ...t.name.lines.map((line, i) => `<text x="${x + w / 2}" y="${y + PAD + 11 + i * LINE}" font-size="${NAME_SIZE}" font-weight="bold" text-anchor="middle">${escapeXml(line)}</text>`),
        `<text x="${x + w / 2}" y="${y + PAD + 10 + t.name.lines.length * LINE}" font-size="${DETAIL_SIZE}" text-anchor="middle" fill="#4b5563">${escapeXml(t.detail.lines[0])}</text>`,
        `</g>`,
      );
    }
  }
  if (nodes.length === 0) parts.push(`<text x="0" y="20" font-size="12">No flow in the catalog carries account data.</text>`);
  parts.push(`</g>`);
  const legendY = height - 16;
  parts.push(
    `<g font-size="10" fill="#374151"><line x1="${margin}" y1="${legendY - 4}" x2="${margin + 30}" y2="${legendY - 4}" stroke="#7f1d1d" stroke-width="1.8"/><text x="${margin + 36}" y="${legendY}">account data, encrypted</text>`,
    `<line x1="${margin + 170}" y1="${legendY - 4}" x2="${margin + 200}" y2="${legendY - 4}" stroke="#dc2626" stroke-dasharray="6 4" stroke-width="1.5"/><text x="${margin + 206}" y="${legendY}">not encrypted in transit</text>`,
    `<line x1="${margin + 340}" y1="${legendY - 4}" x2="${margin + 370}" y2="${legendY - 4}" stroke="#b45309" stroke-dasharray="2 3" stroke-width="1.5"/><text x="${margin + 376}" y="${legendY}">encryption unknown</text>`,
    `<line x1="${margin + 490}" y1="${legendY - 4}" x2="${margin + 520}" y2="${legendY - 4}" stroke="#9ca3af" stroke-width="1"/><text x="${margin + 526}" y="${legendY}">no account data (connected-to)</text></g>`,
    `</svg>`,
  );
  return parts.join("\n") + "\n";
}
