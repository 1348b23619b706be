// GDPR Chapter V: which transfer tool covers a transfer to a country, and the evidence each tool needs.
// Sources: GDPR Art. 45, 46(2)(a)-(f), 46(3), 47, 49(1); Commission Implementing Decision (EU) 2021/914 (the four
// SCC modules); EDPB Recommendations 01/2020 (transfer impact assessment for Art. 46 tools after Schrems II);
// Commission Implementing Decision C(2023) 4745 (EU-US Data Privacy Framework: only certified organisations).
import { countryName, isAdequate } from "./countries";

export const TRANSFER_TOOLS = [
  "ADEQUACY", "SCC", "BCR", "DEROGATION", "PUBLIC_AUTHORITY_INSTRUMENT", "AUTHORITY_SCC", "CODE_OF_CONDUCT", "CERTIFICATION", "AD_HOC_CLAUSES",
] as const;
export type TransferToolValue = (typeof TRANSFER_TOOLS)[number];

export const TRANSFER_TOOL_ARTICLE: Record<TransferToolValue, string> = {
  ADEQUACY: "Art. 45 adequacy decision",
  PUBLIC_AUTHORITY_INSTRUMENT: "Art. 46(2)(a) legally binding instrument between public authorities",
  BCR: "Art. 46(2)(b) binding corporate rules (Art. 47)",
  SCC: "Art. 46(2)(c) Commission standard contractual clauses",
  AUTHORITY_SCC: "Art. 46(2)(d) standard data protection clauses adopted by a supervisory authority",
  CODE_OF_CONDUCT: "Art. 46(2)(e) approved code of conduct with binding commitments",
  CERTIFICATION: "Art. 46(2)(f) approved certification mechanism with binding commitments",
  AD_HOC_CLAUSES: "Art. 46(3)(a) contractual clauses authorised by the supervisory authority",
  DEROGATION: "Art. 49 derogation for specific situations",
};

/** The four modules of the 2021 SCCs (Decision (EU) 2021/914, Annex). */
export const SCC_MODULES: Record<string, string> = {
  MODULE_1: "Module 1: controller to controller",
  MODULE_2: "Module 2: controller to processor",
  MODULE_3: "Module 3: processor to processor",
  MODULE_4: "Module 4: processor to controller",
};

/** Art. 49(1) first subparagraph (a)-(g) and the second subparagraph (compelling legitimate interests). */
export const DEROGATIONS: Record<string, string> = {
  "49(1)(a)": "Explicit consent after being informed of the risks",
  "49(1)(b)": "Necessary for a contract with the data subject",
  "49(1)(c)": "Necessary for a contract in the data subject's interest",
  "49(1)(d)": "Important reasons of public interest",
  "49(1)(e)": "Establishment, exercise or defence of legal claims",
  "49(1)(f)": "Vital interests where the data subject cannot consent",
  "49(1)(g)": "Transfer from a public register",
  "49(1) second subparagraph": "Compelling legitimate interests, not repetitive, limited data subjects (inform the authority)",
};

/** The tools of Art. 46: all need a document and, per EDPB Recommendations 01/2020, a transfer impact assessment. */
const ART46 = new Set<TransferToolValue>(["PUBLIC_AUTHORITY_INSTRUMENT", "BCR", "SCC", "AUTHORITY_SCC", "CODE_OF_CONDUCT", "CERTIFICATION", "AD_HOC_CLAUSES"]);

export type TransferEvidence = {
  tool: TransferToolValue | null;
  document: string | null;
  sccModule: string | null;
  signedOn: string | null;
  derogation: string | null;
  tia: string | null;
  dpfCertification: string | null;
};

export const NO_EVIDENCE: TransferEvidence = { tool: null, document: null, sccModule: null, signedOn: null, derogation: null, tia: null, dpfCertification: null };

const blank = (v: string | null | undefined) => !v || !v.trim();

/**
 * What is missing for `evidence` to cover a transfer of personal data to `country` (outside the EEA): an empty list
 * when the tool is valid there, else one sentence per missing piece.
 */
export function transferGaps(country: string, evidence: TransferEvidence): string[] {
  const { tool } = evidence;
  if (!tool) return ["no transfer tool"];
  const gaps: string[] = [];
  if (tool === "ADEQUACY") {
    if (!isAdequate(country)) gaps.push(`no adequacy decision covers ${countryName(country)} (${country})`);
    // The US decision covers only organisations on the Data Privacy Framework list.
    else if (country === "US" && blank(evidence.dpfCertification)) gaps.push("adequacy for the United States needs the recipient's Data Privacy Framework certification");
    return gaps;
  }
  if (blank(evidence.document)) gaps.push(`${TRANSFER_TOOL_ARTICLE[tool]} needs its document`);
  if (tool === "DEROGATION") {
    if (!evidence.derogation || !DEROGATIONS[evidence.derogation]) gaps.push("an Art. 49 derogation must name which one applies (49(1)(a)-(g) or the second subparagraph)");
    return gaps;
  }
  if (tool === "SCC") {
    if (!evidence.sccModule || !SCC_MODULES[evidence.sccModule]) gaps.push("SCCs must name the module (1-4) in use");
    if (!evidence.signedOn) gaps.push("SCCs need the date the clauses were signed");
  }
  if (ART46.has(tool) && blank(evidence.tia)) gaps.push("an Art. 46 tool needs a transfer impact assessment reference");
  return gaps;
}

/** A readable label of the tool and its evidence, for the RoPA's Art. 30(1)(e) column and the data-flow map. */
export function describeTransfer(evidence: TransferEvidence): string {
  if (!evidence.tool) return "NO TRANSFER TOOL RECORDED";
  const parts = [TRANSFER_TOOL_ARTICLE[evidence.tool]];
  if (evidence.sccModule && SCC_MODULES[evidence.sccModule]) parts.push(SCC_MODULES[evidence.sccModule]);
  if (evidence.derogation) parts.push(`Art. ${evidence.derogation}`);
  if (evidence.document) parts.push(`document ${evidence.document}${evidence.signedOn ? ` signed ${evidence.signedOn}` : ""}`);
  if (evidence.dpfCertification) parts.push(`DPF ${evidence.dpfCertification}`);
  if (evidence.tia) parts.push(`TIA ${evidence.tia}`);
  return parts.join("; ");
}

type FlowTransferColumns = {
  transferTool: string | null;
  transferDocument: string | null;
  transferSccModule: string | null;
  transferSignedOn: Date | string | null;
  transferDerogation: string | null;
  transferTia: string | null;
  transferDpfCertification: string | null;
};

/** A flow row's transfer columns as the evidence the rules above judge. */
export function transferEvidence(f: FlowTransferColumns): TransferEvidence {
  const signed = f.transferSignedOn instanceof Date ? f.transferSignedOn.toISOString().slice(0, 10) : f.transferSignedOn;
  return {
    tool: (f.transferTool as TransferToolValue | null) ?? null,
    document: f.transferDocument,
    sccModule: f.transferSccModule,
    signedOn: signed ?? null,
    derogation: f.transferDerogation,
    tia: f.transferTia,
    dpfCertification: f.transferDpfCertification,
  };
}

type FlowLocations = {
  style: string;
  destinationCountry: string | null;
  interface: { system: { hostingCountries: string[]; processingCountries: string[] } };
  consumerSystem: { hostingCountries: string[]; processingCountries: string[] };
};

/**
 * Where a flow's data is hosted or processed on the receiving side, whatever its declared destination says: the
 * declared destination, the consumer system's hosting and processing countries, and for request/response flows the
 * producer's too (the consumer's requests carry data to the producer). The policy, the RoPA and the data-flow map
 * all use this one list.
 */
export function processingLocations(f: FlowLocations): string[] {
  const producer = f.style === "REQUEST_RESPONSE" ? [...f.interface.system.hostingCountries, ...f.interface.system.processingCountries] : [];
  return [...new Set([...(f.destinationCountry ? [f.destinationCountry] : []), ...f.consumerSystem.hostingCountries, ...f.consumerSystem.processingCountries, ...producer])];
}
