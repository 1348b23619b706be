import { PCI_AOC_STATUSES, PCI_RESPONSIBILITY } from "@/lib/compliance/records/codes";
import { toCsv } from "@/lib/utils/csv";
import { groupBy } from "@/lib/utils/group-by";
import { carriesAccountData, pciScope, type PciFlow, type PciInput, type PciSystem } from "./pci";
import { flowEncryption } from "./pci-diagram";

// PCI DSS v4.0.1 inventories an assessor asks for: 6.3.2 bespoke and custom software, 4.2.1.1 keys and certificates
// protecting PAN in transit, 12.5.1 system components in scope, 12.8.1 / 12.8.4 / 12.8.5 third-party service providers.
// What the catalog does not know is written as "not recorded", never guessed.

export const NOT_RECORDED = "not recorded";

export type PciProviderRecord = { name: string; vendor: string | null; aocStatus: string | null; aocDate: string | null; responsibilities: string[] };
export type PciInterfaceFacts = { id: string; name: string; systemId: string; protocol: string; kind: string; specFormat: string; version: string | null };
export type PciInventoryInput = PciInput & { interfaces: PciInterfaceFacts[]; providers: PciProviderRecord[] };
export type PciInventory = "software" | "keys" | "components" | "providers";

const external = (s: PciSystem) => s.kind === "SAAS" || s.kind === "THIRD_PARTY";
const scopeLabel = (scope: string | undefined) => (scope === "CDE" ? "CDE" : "connected-to");

export const SOFTWARE_HEADER = ["System", "Kind", "Scope", "Owner team", "Component", "Component type", "Provided by", "Protocol / format", "Version"] as const;

/** 6.3.2: INTERNAL and LEGACY systems in or connected to the CDE, their own interfaces and the third-party APIs and services they use. */
export function softwareRows(input: PciInventoryInput): string[][] {
  const scope = pciScope(input);
  const systems = new Map(input.systems.map((s) => [s.id, s]));
  const interfaces = new Map(input.interfaces.map((i) => [i.id, i]));
  const providedBy = groupBy(input.interfaces, (i) => i.systemId);
  const received = groupBy(input.flows, (f) => f.destinationId);
  const sent = groupBy(input.flows, (f) => f.sourceId);
  const rows: string[][] = [];
  for (const s of input.systems.filter((x) => (x.kind === "INTERNAL" || x.kind === "LEGACY") && scope.has(x.id))) {
    const base = [s.name, s.kind, scopeLabel(scope.get(s.id)), s.ownerTeam ?? NOT_RECORDED];
    for (const i of providedBy.get(s.id) ?? []) {
      rows.push([...base, i.name, `bespoke ${i.kind.toLowerCase()} interface`, s.ownerTeam ?? s.name, `${i.protocol} / ${i.specFormat}`, i.version ?? NOT_RECORDED]);
    }
    const used = new Map<string, string[]>();
    for (const f of received.get(s.id) ?? []) {
      const provider = systems.get(f.sourceId);
      if (!provider || !external(provider) || used.has(f.interfaceId)) continue;
      const i = interfaces.get(f.interfaceId);
      used.set(f.interfaceId, []);
      rows.push([...base, f.interfaceName, "third-party API", provider.vendor ?? provider.name, i ? `${i.protocol} / ${i.specFormat}` : f.protocol, i?.version ?? NOT_RECORDED]);
    }
    for (const f of sent.get(s.id) ?? []) {
      const recipient = systems.get(f.destinationId);
      if (!recipient || !external(recipient) || used.has(`to:${recipient.id}`)) continue;
      used.set(`to:${recipient.id}`, []);
      rows.push([...base, recipient.name, "third-party service it sends data to", recipient.vendor ?? recipient.name, f.protocol, NOT_RECORDED]);
    }
    // The catalog knows interfaces and flows, not the libraries compiled into a system: say so rather than omit it.
    rows.push([...base, "Libraries and packages", "third-party libraries", NOT_RECORDED, NOT_RECORDED, NOT_RECORDED]);
  }
  return rows;
}

export const KEYS_HEADER = ["Interface", "Provided by", "Sent to", "Account-data elements", "Protocol", "Encryption in transit", "Trusted key / certificate", "Certificate issuer", "Certificate expiry", "Key owner"] as const;

/** 4.2.1.1: per interface carrying account data, how PAN is protected in transit; the catalog holds no certificates. */
export function keyRows(input: PciInventoryInput): string[][] {
  const systems = new Map(input.systems.map((s) => [s.id, s]));
  const byInterface = new Map<string, PciFlow[]>();
  for (const f of input.flows.filter((x) => carriesAccountData(x.elements))) byInterface.set(f.interfaceId, [...(byInterface.get(f.interfaceId) ?? []), f]);
  return [...byInterface.values()].map((flows) => {
    const encryption = flows.map(flowEncryption);
    const summary = encryption.includes("not encrypted") ? "not encrypted" : encryption.every((e) => e === "encrypted") ? "encrypted (no certificate data)" : "unknown";
    return [
      flows[0].interfaceName, systems.get(flows[0].sourceId)?.name ?? "", flows.map((f) => systems.get(f.destinationId)?.name ?? "").join("; "),
      [...new Set(flows.flatMap((f) => f.elements))].sort().join("; "), flows[0].protocol, summary, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED,
    ];
  });
}

export const COMPONENTS_HEADER = ["System", "Kind", "Scope", "Stores account data", "Processes account data", "Transmits account data", "Security-impacting", "Function / use", "Owner team", "Countries"] as const;

/** 12.5.1: each system component in scope with its role, from the account-data flows it takes part in. */
export function componentRows(input: PciInventoryInput): string[][] {
  const scope = pciScope(input);
  const account = input.flows.filter((f) => carriesAccountData(f.elements));
  const stores = new Set(account.filter((f) => ["DATABASE", "FILE"].includes(input.interfaces.find((i) => i.id === f.interfaceId)?.kind ?? "")).map((f) => f.sourceId));
  return input.systems.filter((s) => scope.has(s.id)).map((s) => {
    const cde = scope.get(s.id) === "CDE";
    const sends = account.some((f) => f.sourceId === s.id);
    const receives = account.some((f) => f.destinationId === s.id);
    return [
      s.name, s.kind, scopeLabel(scope.get(s.id)),
      // Storage is known only where account data leaves through a database or file interface; otherwise the catalog cannot say.
      stores.has(s.id) ? "yes" : cde ? NOT_RECORDED : "no",
      receives ? "yes" : cde && !sends ? NOT_RECORDED : "no",
      sends || receives ? "yes" : "no",
      cde ? "in the CDE" : "yes: connected to the CDE",
      s.description ?? NOT_RECORDED, s.ownerTeam ?? NOT_RECORDED, s.hostingCountries.join("; ") || NOT_RECORDED,
    ];
  });
}

export const PROVIDERS_HEADER = ["Provider", "Service provided", "Systems", "Scope", "AOC status", "AOC date", "AOC older than 12 months", "Requirement", "Responsibility"] as const;

/** 12.8.1 / 12.8.4 / 12.8.5: third parties behind in-scope SaaS and third-party systems, their AOC and who meets which requirement. */
export function providerRows(input: PciInventoryInput, now: Date): string[][] {
  const scope = pciScope(input);
  const byVendor = new Map<string, PciSystem[]>();
  for (const s of input.systems.filter((x) => external(x) && scope.has(x.id))) byVendor.set(s.vendor ?? s.name, [...(byVendor.get(s.vendor ?? s.name) ?? []), s]);
  const rows: string[][] = [];
  const yearAgo = new Date(now);
  yearAgo.setUTCFullYear(yearAgo.getUTCFullYear() - 1);
  for (const [vendor, list] of byVendor) {
    const record = input.providers.find((p) => p.vendor === vendor) ?? input.providers.find((p) => p.name === vendor);
    const status = record?.aocStatus ? (PCI_AOC_STATUSES[record.aocStatus] ?? record.aocStatus) : NOT_RECORDED;
    const stale = record?.aocDate ? (new Date(`${record.aocDate}T00:00:00Z`) < yearAgo ? "yes" : "no") : NOT_RECORDED;
    const base = [record?.name ?? vendor, list.map((s) => s.service ?? s.description ?? s.name).join("; "), list.map((s) => s.name).join("; "),
      list.some((s) => scope.get(s.id) === "CDE") ? "CDE" : "connected-to", status, record?.aocDate ?? NOT_RECORDED, stale];
    const matrix = (record?.responsibilities ?? []).map((r) => PCI_RESPONSIBILITY.exec(r)).filter((m): m is RegExpExecArray => !!m);
    if (matrix.length === 0) rows.push([...base, NOT_RECORDED, NOT_RECORDED]);
    for (const [, requirement, who] of matrix) rows.push([...base, requirement, who.toLowerCase()]);
  }
  return rows;
}

export function pciInventoryCsv(inventory: PciInventory, input: PciInventoryInput, now: Date): { csv: string; rows: number } {
  const [header, rows] =
    inventory === "software" ? [SOFTWARE_HEADER, softwareRows(input)]
    : inventory === "keys" ? [KEYS_HEADER, keyRows(input)]
    : inventory === "components" ? [COMPONENTS_HEADER, componentRows(input)]
    : [PROVIDERS_HEADER, providerRows(input, now)];
  return { csv: toCsv(header, rows), rows: rows.length };
}
