// The compliance policies as pure functions over one flow's facts (gathered by evaluate.ts). Each finding names
// the policy, the flow, its producer interface and the receiving system, the owning team and a readable message.
import { highestLevel, levelRank, type Level, LEVELS } from "./classify";
import { countryName, inEea } from "./countries";
import { transferGaps, type TransferEvidence } from "./transfers";
import { label } from "@/lib/utils/labels";

export const POLICY_KEYS = ["transfer-without-tool", "unencrypted-sensitive", "special-without-condition", "account-data-outside-pci", "personal-without-basis"] as const;
export type PolicyKey = (typeof POLICY_KEYS)[number];
export const SEVERITIES = ["LOW", "MEDIUM", "HIGH", "CRITICAL"] as const;
export type Severity = (typeof SEVERITIES)[number];

export type PolicySettings = { key: PolicyKey; enabled: boolean; severity: Severity; exemptSystemIds: string[]; params: { minLevel?: Level } };

export const POLICY_DEFINITIONS: Record<PolicyKey, { title: string; description: string; severity: Severity }> = {
  "transfer-without-tool": {
    title: "Personal data leaving the EEA without a transfer tool",
    description: "A flow carries personal data from the EEA to a system hosted or processing outside it (whatever the flow's declared destination) without a GDPR Chapter V tool and its evidence: adequacy only where a decision covers the country (the US only for DPF-certified recipients), SCCs with their module and signed document, Art. 46 tools with a transfer impact assessment, Art. 49 derogations naming the derogation and a document.",
    severity: "CRITICAL",
  },
  "unencrypted-sensitive": {
    title: "Confidential or restricted data without encryption in transit",
    description: "The flow or its interface is recorded as unencrypted while the data it carries is classified at or above the threshold (Confidential unless tuned).",
    severity: "HIGH",
  },
  "special-without-condition": {
    title: "Special-category data without an Art. 9 condition",
    description: "Art. 9 special-category data (declared on the flow or confirmed on its fields) with no Art. 9(2) condition recorded.",
    severity: "HIGH",
  },
  "account-data-outside-pci": {
    title: "Account data flowing to a system outside PCI DSS scope",
    description: "PCI account data (the PAN, with or without cardholder name, expiry and service code, or sensitive authentication data) reaches a system not marked as in PCI scope. A name or expiry date without the PAN is not account data.",
    severity: "CRITICAL",
  },
  "personal-without-basis": {
    title: "Personal data without purpose or lawful basis",
    description: "A flow carries personal data but records no purpose or no Art. 6 lawful basis.",
    severity: "MEDIUM",
  },
};

export const defaultSettings = (key: PolicyKey): PolicySettings => ({ key, enabled: true, severity: POLICY_DEFINITIONS[key].severity, exemptSystemIds: [], params: {} });

export type { TransferToolValue } from "./transfers";

export type FlowFacts = {
  flowId: string;
  flowName: string;
  interfaceId: string;
  producerSystemId: string;
  consumerSystemId: string;
  consumerSystemName: string;
  producerTeamId: string | null;
  consumerTeamId: string | null;
  purpose: string | null;
  lawfulBasis: string | null;
  dataCategories: string[];
  dataSubjects: string[];
  specialCategories: string[];
  art9Condition: string | null;
  /** The flow's source country, else where the producer system is hosted. */
  sourceCountries: string[];
  /**
   * Every country where the data is hosted or processed on the receiving side: the declared destination plus the
   * consumer system's hosting and processing countries (and the producer's, for request/response flows, whose
   * requests carry the consumer's data to the producer).
   */
  destinationCountries: string[];
  transfer: TransferEvidence;
  encryptedInTransit: boolean;
  interfaceEncryptedInTransit: boolean | null;
  declaredClassification: Level | null;
  /** From confirmed field classifications of the interface's latest version. */
  fieldLevel: Level | null;
  fieldPersonalCategories: string[];
  fieldSpecialCategories: string[];
  /** Declared on the flow plus confirmed on fields. */
  pciElements: string[];
  consumerPciScope: boolean;
};

export type Finding = {
  policy: PolicyKey;
  severity: Severity;
  flowId: string;
  interfaceId: string;
  systemId: string;
  ownerTeamId: string | null;
  message: string;
  details: Record<string, unknown>;
};

/** A flow inherits the highest classification of what it carries: declared on the flow, or confirmed on its fields. */
export const effectiveLevel = (f: FlowFacts): Level | null => highestLevel([f.declaredClassification, f.fieldLevel]);
export const carriesPersonalData = (f: FlowFacts) =>
  f.dataCategories.length > 0 || f.dataSubjects.length > 0 || f.specialCategories.length > 0 || f.fieldPersonalCategories.length > 0;
const specialOf = (f: FlowFacts) => [...new Set([...f.specialCategories, ...f.fieldSpecialCategories])];

type Check = (f: FlowFacts, s: PolicySettings) => { message: string; details: Record<string, unknown>; owner: "producer" | "consumer" } | null;

const CHECKS: Record<PolicyKey, Check> = {
  "transfer-without-tool": (f) => {
    if (!carriesPersonalData(f)) return null;
    // An unknown source is taken to be in the EEA: the estate is an EEA controller's unless recorded otherwise.
    const inEeaSomewhere = f.sourceCountries.length === 0 || [...f.sourceCountries, ...f.destinationCountries].some(inEea);
    if (!inEeaSomewhere) return null;
    const outside = [...new Set(f.destinationCountries.filter((c) => !inEea(c)))].sort();
    const gaps = outside.map((c) => ({ country: c, gaps: transferGaps(c, f.transfer) })).filter((g) => g.gaps.length > 0);
    if (gaps.length === 0) return null;
    const to = gaps.map((g) => `${countryName(g.country)} (${g.country})`).join(", ");
    const why = [...new Set(gaps.flatMap((g) => g.gaps))];
    const message = f.transfer.tool
      ? `Personal data is processed in ${to}, outside the EEA, and the transfer tool is not valid there: ${why.join("; ")}`
      : `Personal data is processed in ${to}, outside the EEA, without a transfer tool`;
    return { message, details: { countries: gaps.map((g) => g.country), transferTool: f.transfer.tool, gaps: why }, owner: "consumer" };
  },
  "unencrypted-sensitive": (f, s) => {
    const level = effectiveLevel(f);
    const threshold = s.params.minLevel ?? "CONFIDENTIAL";
    if (!level || levelRank(level) < levelRank(threshold)) return null;
    const where = !f.encryptedInTransit ? "the flow" : f.interfaceEncryptedInTransit === false ? "its interface" : null;
    if (!where) return null;
    return { message: `${label("Classification", level)} data without encryption in transit (${where} is recorded as unencrypted)`, details: { level, threshold }, owner: "producer" };
  },
  "special-without-condition": (f) => {
    const special = specialOf(f);
    if (special.length === 0 || f.art9Condition?.trim()) return null;
    return { message: `Special-category data (${special.join(", ")}) without an Art. 9(2) condition`, details: { specialCategories: special }, owner: "consumer" };
  },
  "account-data-outside-pci": (f) => {
    // PCI DSS v4.0.1 glossary: account data is the PAN (alone or with name, expiry, service code) or sensitive
    // authentication data; a cardholder name or expiry date without the PAN is not account data.
    if (!f.pciElements.some((e) => e === "PAN" || e === "SAD") || f.consumerPciScope) return null;
    return {
      message: `Account data (${f.pciElements.map((e) => label("PciElement", e)).join(", ")}) flows to ${f.consumerSystemName}, which is outside PCI DSS scope`,
      details: { pciElements: f.pciElements },
      owner: "consumer",
    };
  },
  "personal-without-basis": (f) => {
    if (!carriesPersonalData(f)) return null;
    const missing = [!f.purpose?.trim() && "purpose", !f.lawfulBasis?.trim() && "lawful basis"].filter(Boolean) as string[];
    if (missing.length === 0) return null;
    return { message: `Personal data without ${missing.join(" or ")}`, details: { missing }, owner: "consumer" };
  },
};

/** Every finding of the enabled policies for one flow. Exempt systems (either end) take the flow out of a policy. */
export function evaluateFlow(facts: FlowFacts, settings: PolicySettings[]): Finding[] {
  const findings: Finding[] = [];
  for (const s of settings) {
    if (!s.enabled) continue;
    if (s.exemptSystemIds.includes(facts.producerSystemId) || s.exemptSystemIds.includes(facts.consumerSystemId)) continue;
    const hit = CHECKS[s.key](facts, s);
    if (!hit) continue;
    findings.push({
      policy: s.key,
      severity: s.severity,
      flowId: facts.flowId,
      interfaceId: facts.interfaceId,
      systemId: facts.consumerSystemId,
      ownerTeamId: hit.owner === "producer" ? (facts.producerTeamId ?? facts.consumerTeamId) : (facts.consumerTeamId ?? facts.producerTeamId),
      message: hit.message,
      details: hit.details,
    });
  }
  return findings;
}

export { LEVELS };
