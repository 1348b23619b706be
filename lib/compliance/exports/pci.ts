import ELK from "elkjs/lib/elk.bundled.js";
import type { ElkExtendedEdge, ElkNode } from "elkjs/lib/elk-api";
import { toCsv } from "@/lib/utils/csv";

// PCI DSS v4.0.1: 12.5.1 / 12.5.2 inventory of in-scope components and third parties, 1.2.4 account-data flow diagram.

export type PciSystem = {
  id: string; name: string; kind: string; vendor: string | null; pciScope: boolean; ownerTeam: string | null;
  description: string | null; hostingCountries: string[]; service: string | null;
};
export type PciFlow = {
  id: string; name: string; interfaceId: string; interfaceName: string; protocol: string; sourceId: string; destinationId: string;
  elements: string[]; encryptedInTransit: boolean; sourceCountry: string | null; destinationCountry: string | null;
};
export type PciInput = { systems: PciSystem[]; flows: PciFlow[] };

/** Elements that make data account data by themselves (PCI DSS: PAN, or sensitive authentication data). */
export const ACCOUNT_DATA_ELEMENTS = new Set(["PAN", "SAD"]);
export const carriesAccountData = (elements: string[]) => elements.some((e) => ACCOUNT_DATA_ELEMENTS.has(e));

export type Scope = "CDE" | "CONNECTED";

/**
 * The cardholder data environment: systems marked in scope plus every system that sends or receives account data;
 * systems exchanging any flow with them are connected-to (they can affect the CDE's security).
 */
export function pciScope(input: PciInput): Map<string, Scope> {
  const scope = new Map<string, Scope>();
  for (const s of input.systems) if (s.pciScope) scope.set(s.id, "CDE");
  for (const f of input.flows) {
    if (!carriesAccountData(f.elements)) continue;
    scope.set(f.sourceId, "CDE");
    scope.set(f.destinationId, "CDE");
  }
  for (const f of input.flows) {
    if (scope.get(f.sourceId) === "CDE" && !scope.has(f.destinationId)) scope.set(f.destinationId, "CONNECTED");
    if (scope.get(f.destinationId) === "CDE" && !scope.has(f.sourceId)) scope.set(f.sourceId, "CONNECTED");
  }
  return scope;
}

export const PCI_HEADER = [
  "Item", "Id", "Name", "Scope", "Function / use", "Owner team", "Kind", "Countries", "Account-data elements", "Protocol",
  "Encrypted in transit", "From", "To", "Third-party provider", "Service provided",
] as const;

const external = (kind: string) => kind === "SAAS" || kind === "THIRD_PARTY";

/** One row per in-scope system, per interface carrying account data, and per third-party provider (12.8.1). */
export function pciRows(input: PciInput) {
  const scope = pciScope(input);
  const systems = new Map(input.systems.map((s) => [s.id, s]));
  const inScope = input.systems.filter((s) => scope.has(s.id));
  const rows: (string | number)[][] = [];
  for (const s of inScope) {
    rows.push(["system", s.id, s.name, scope.get(s.id) === "CDE" ? "CDE" : "connected-to", s.description ?? "", s.ownerTeam ?? "", s.kind,
      s.hostingCountries.join("; "), "", "", "", "", "", external(s.kind) ? s.vendor ?? s.name : "", ""]);
  }
  const accountFlows = input.flows.filter((f) => carriesAccountData(f.elements));
  const byInterface = new Map<string, PciFlow[]>();
  for (const f of accountFlows) byInterface.set(f.interfaceId, [...(byInterface.get(f.interfaceId) ?? []), f]);
  for (const [interfaceId, flows] of byInterface) {
    const first = flows[0];
    const elements = [...new Set(flows.flatMap((f) => f.elements))].sort();
    rows.push(["interface", interfaceId, first.interfaceName, "CDE", `Transmits account data to ${flows.map((f) => systems.get(f.destinationId)?.name ?? "?").join(", ")}`,
      "", "", [...new Set(flows.flatMap((f) => [f.sourceCountry, f.destinationCountry]).filter((c): c is string => !!c))].join("; "),
      elements.join("; "), first.protocol, flows.every((f) => f.encryptedInTransit) ? "yes" : "no",
      systems.get(first.sourceId)?.name ?? "", flows.map((f) => systems.get(f.destinationId)?.name ?? "").join("; "), "", ""]);
  }
  const providers = new Map<string, PciSystem[]>();
  for (const s of inScope.filter((x) => external(x.kind))) {
    const vendor = s.vendor ?? s.name;
    providers.set(vendor, [...(providers.get(vendor) ?? []), s]);
  }
  for (const [vendor, list] of providers) {
    rows.push(["third-party provider", "", vendor, list.some((s) => scope.get(s.id) === "CDE") ? "CDE" : "connected-to",
      list.map((s) => s.description ?? s.name).join(" | "), "", list.map((s) => s.kind).join("; "), "", "", "", "", "", "", vendor,
      list.map((s) => s.service ?? s.name).join("; ")]);
  }
  return rows;
}

export const pciCsv = (input: PciInput) => toCsv(PCI_HEADER, pciRows(input));

const escapeXml = (text: string) =>
  text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" })[c]!);

const NODE_HEIGHT = 44;
const CHAR_WIDTH = 7.2;

/**
 * The account-data flow diagram (1.2.4): systems in the CDE and the flows carrying account data between them, laid
 * out left to right in layers by elkjs, as a standalone SVG document.
 */
export async function pciSvg(input: PciInput, generatedAt: Date): Promise<string> {
  const scope = pciScope(input);
  const flows = input.flows.filter((f) => carriesAccountData(f.elements));
  const ids = new Set(flows.flatMap((f) => [f.sourceId, f.destinationId]));
  for (const s of input.systems) if (s.pciScope) ids.add(s.id);
  const systems = input.systems.filter((s) => ids.has(s.id));
  const graph: ElkNode = {
    id: "root",
    layoutOptions: {
      "elk.algorithm": "layered",
      "elk.direction": "RIGHT",
      "elk.spacing.nodeNode": "28",
      "elk.layered.spacing.nodeNodeBetweenLayers": "90",
      "elk.edgeLabels.inline": "false",
      "elk.edgeRouting": "POLYLINE",
    },
    children: systems.map((s) => ({ id: s.id, width: Math.max(120, Math.ceil(s.name.length * CHAR_WIDTH) + 28), height: NODE_HEIGHT })),
    edges: flows.map(
      (f): ElkExtendedEdge => ({
        id: f.id,
        sources: [f.sourceId],
        targets: [f.destinationId],
        labels: [{ text: f.interfaceName, width: Math.ceil(f.interfaceName.length * 6) + 8, height: 14 }],
      }),
    ),
  };
  const layout = systems.length ? await new ELK().layout(graph) : { ...graph, width: 0, height: 0 };
  const margin = 24;
  const top = 64;
  const width = Math.max(640, Math.ceil((layout.width ?? 0) + margin * 2));
  const height = Math.ceil((layout.height ?? 0) + top + margin + 40);
  const names = new Map(systems.map((s) => [s.id, s]));
  const parts: string[] = [];
  parts.push(
    `<?xml version="1.0" encoding="UTF-8"?>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif">`,
    `<title>Account-data flow diagram (PCI DSS 1.2.4)</title>`,
    `<defs><marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="8" markerHeight="8" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="#7f1d1d"/></marker></defs>`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${margin}" y="28" font-size="16" font-weight="bold">Account-data flows (PCI DSS 1.2.4)</text>`,
    `<text x="${margin}" y="46" font-size="11" fill="#555555">${escapeXml(`${systems.length} systems, ${flows.length} flows carrying PAN or sensitive authentication data · generated ${generatedAt.toISOString()}`)}</text>`,
    `<g transform="translate(${margin},${top})">`,
  );
  for (const edge of layout.edges ?? []) {
    const flow = flows.find((f) => f.id === edge.id)!;
    for (const section of edge.sections ?? []) {
      const points = [section.startPoint, ...(section.bendPoints ?? []), section.endPoint].map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(" ");
      parts.push(
        `<polyline points="${points}" fill="none" stroke="${flow.encryptedInTransit ? "#7f1d1d" : "#dc2626"}" stroke-width="1.5"${flow.encryptedInTransit ? "" : ' stroke-dasharray="6 4"'} marker-end="url(#arrow)"><title>${escapeXml(`${flow.name}: ${flow.elements.join(", ")}${flow.encryptedInTransit ? "" : " (not encrypted in transit)"}`)}</title></polyline>`,
      );
    }
    for (const label of edge.labels ?? []) {
      parts.push(`<text x="${(label.x ?? 0).toFixed(1)}" y="${((label.y ?? 0) + 11).toFixed(1)}" font-size="10" fill="#374151">${escapeXml(label.text ?? "")}</text>`);
    }
  }
  for (const node of layout.children ?? []) {
    const system = names.get(node.id)!;
    const cde = scope.get(system.id) === "CDE";
    parts.push(
      `<g transform="translate(${(node.x ?? 0).toFixed(1)},${(node.y ?? 0).toFixed(1)})">`,
      `<rect width="${node.width}" height="${node.height}" rx="6" fill="${cde ? "#fee2e2" : "#f3f4f6"}" stroke="${cde ? "#b91c1c" : "#6b7280"}" stroke-width="1.5"/>`,
      `<text x="${(node.width ?? 0) / 2}" y="19" font-size="12" font-weight="bold" text-anchor="middle">${escapeXml(system.name)}</text>`,
      `<text x="${(node.width ?? 0) / 2}" y="34" font-size="10" text-anchor="middle" fill="#4b5563">${escapeXml(`${system.kind}${system.vendor ? ` · ${system.vendor}` : ""}`)}</text>`,
      `</g>`,
    );
  }
  if (systems.length === 0) parts.push(`<text x="0" y="20" font-size="12">No flow in the catalog carries account data.</text>`);
  parts.push(`</g>`);
  const legendY = height - 16;
  parts.push(
    `<g font-size="10" fill="#374151"><rect x="${margin}" y="${legendY - 10}" width="12" height="12" fill="#fee2e2" stroke="#b91c1c"/><text x="${margin + 18}" y="${legendY}">In the cardholder data environment</text>`,
    `<line x1="${margin + 220}" y1="${legendY - 4}" x2="${margin + 250}" y2="${legendY - 4}" stroke="#dc2626" stroke-dasharray="6 4" stroke-width="1.5"/><text x="${margin + 256}" y="${legendY}">Not encrypted in transit</text></g>`,
    `</svg>`,
  );
  return parts.join("\n") + "\n";
}
