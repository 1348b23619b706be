// What the catalog says about a record, derived from flows and systems (pure; no I/O).
import { inEea } from "@/lib/compliance/countries";
import { describeTransfer, type TransferEvidence } from "@/lib/compliance/transfers";

export type Level = "PUBLIC" | "INTERNAL" | "CONFIDENTIAL" | "RESTRICTED";
const LEVELS: Level[] = ["PUBLIC", "INTERNAL", "CONFIDENTIAL", "RESTRICTED"];

export { inEea };

/** A flow as the records need it: endpoints, countries and its GDPR fields. */
export type FlowFacts = {
  id: string;
  name: string;
  source: { id: string; name: string; kind: string; vendor: string | null };
  destination: { id: string; name: string; kind: string; vendor: string | null };
  interfaceName: string;
  purpose: string | null;
  lawfulBasis: string | null;
  dataCategories: string[];
  dataSubjects: string[];
  specialCategories: string[];
  sourceCountry: string | null;
  destinationCountry: string | null;
  transferTool: string | null;
  transferDocument: string | null;
  /** Every country where the receiving side hosts or processes the data (lib/compliance/transfers.ts). */
  processingCountries: string[];
  transfer: TransferEvidence;
  encryptedInTransit: boolean;
  classification: Level | null;
};

export const unique = (values: Iterable<string | null | undefined>) => [...new Set([...values].filter((v): v is string => !!v && v.trim() !== ""))];

export function highestLevel(levels: Iterable<Level | null | undefined>): Level | null {
  let best = -1;
  for (const level of levels) if (level) best = Math.max(best, LEVELS.indexOf(level));
  return best < 0 ? null : LEVELS[best];
}

/** The recipient as a RoPA names it: the receiving system, its vendor (an external processor) and where it is. */
export function recipientOf(flow: FlowFacts): string {
  const d = flow.destination;
  const external = d.kind === "SAAS" || d.kind === "THIRD_PARTY";
  const where = flow.destinationCountry ? `, ${flow.destinationCountry}` : "";
  return external ? `${d.vendor ?? d.name} (external: ${d.name}${where})` : `${d.name} (internal${where})`;
}

/** The flow's countries outside the EEA: where the transfer policy, the RoPA and the data-flow map see a transfer. */
export const transferCountriesOf = (flow: FlowFacts) => flow.processingCountries.filter((c) => !inEea(c));

export function transferSafeguard(flow: FlowFacts): string | null {
  const outside = transferCountriesOf(flow);
  if (outside.length === 0) return null;
  return `${outside.join(", ")}: ${describeTransfer(flow.transfer)}`;
}

export type ActivityDerived = {
  dataCategories: string[];
  dataSubjects: string[];
  specialCategories: string[];
  recipients: string[];
  transferCountries: string[];
  transferSafeguards: string[];
  purposes: string[];
  lawfulBases: string[];
  countries: string[];
};

/** What an Art. 30 record can take from the flows it covers. */
export function deriveActivity(flows: FlowFacts[]): ActivityDerived {
  return {
    dataCategories: unique(flows.flatMap((f) => f.dataCategories)),
    dataSubjects: unique(flows.flatMap((f) => f.dataSubjects)),
    specialCategories: unique(flows.flatMap((f) => f.specialCategories)),
    recipients: unique(flows.map(recipientOf)),
    transferCountries: unique(flows.flatMap(transferCountriesOf)),
    transferSafeguards: unique(flows.map(transferSafeguard)),
    purposes: unique(flows.map((f) => f.purpose)),
    lawfulBases: unique(flows.map((f) => f.lawfulBasis)),
    countries: unique(flows.flatMap((f) => [f.sourceCountry, ...f.processingCountries])),
  };
}

/** DORA B_02.02 c0170 from the highest classification of the data the service's systems exchange. */
export function sensitivenessOf(level: Level | null, hasSpecialCategories: boolean): string | null {
  if (hasSpecialCategories || level === "RESTRICTED") return "eba_ZZ:x793";
  if (level === "CONFIDENTIAL") return "eba_ZZ:x792";
  if (level) return "eba_ZZ:x791";
  return null;
}

export type SystemFacts = { id: string; name: string; kind: string; vendor: string | null; hostingCountries: string[]; processingCountries: string[] };

export type ServiceDerived = { storageCountries: string[]; processingCountries: string[]; sensitiveness: string | null; storesData: boolean | null };

/** B_02.02 c0140-c0170 for a service from its systems (where they host and process) and the flows touching them. */
export function deriveService(systems: SystemFacts[], flows: FlowFacts[]): ServiceDerived {
  const ids = new Set(systems.map((s) => s.id));
  const touching = flows.filter((f) => ids.has(f.source.id) || ids.has(f.destination.id));
  const storage = unique(systems.flatMap((s) => s.hostingCountries));
  return {
    storageCountries: storage,
    processingCountries: unique(systems.flatMap((s) => [...s.processingCountries, ...s.hostingCountries])),
    sensitiveness: sensitivenessOf(highestLevel(touching.map((f) => f.classification)), touching.some((f) => f.specialCategories.length > 0)),
    storesData: systems.length === 0 ? null : storage.length > 0,
  };
}

/** Manual entries first, then what the catalog adds. */
export const merged = (manual: string[], derived: string[]) => unique([...manual, ...derived]);
