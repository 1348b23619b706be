import { toCsv } from "@/lib/utils/csv";

// PCI DSS v4.0.1: scope (CDE, connected-to) and the 12.5.1 / 12.5.2 inventory; the 1.2.4 diagram is in pci-diagram.ts.

export type PciSystem = {
  id: string; name: string; kind: string; vendor: string | null; pciScope: boolean; ownerTeam: string | null;
  description: string | null; hostingCountries: string[]; service: string | null;
  /** The interfaces it provides, for recognising entry points (a web shop's HTTP API) in the 1.2.4 diagram. */
  interfaces?: { protocol: string; encryptedInTransit: boolean | null }[];
};
export type PciFlow = {
  id: string; name: string; interfaceId: string; interfaceName: string; protocol: string; sourceId: string; destinationId: string;
  elements: string[]; encryptedInTransit: boolean;
  /** Recorded for the interface by its owner or a compliance officer; null: not recorded. */
  interfaceEncryptedInTransit?: boolean | null; sourceCountry: string | null; destinationCountry: string | null;
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
