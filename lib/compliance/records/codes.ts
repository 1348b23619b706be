// Closed lists of the DORA Register of Information (EBA taxonomy 4.0, DORA module), as code -> label.
// Records store the codes; the xBRL-CSV export writes them as they are.

export type CodeList = Readonly<Record<string, string>>;

/**
 * Type of entity, LIST0101040 (24 options). B_01.01 (the entity maintaining the register) takes the financial entities
 * only; B_01.02 also takes the two non-financial options. Source: EBA DORA RoI templates, "Drop down" sheet.
 */
export const FINANCIAL_ENTITY_TYPES: CodeList = {
  "eba_CT:x12": "Credit institutions",
  "eba_CT:x599": "Investment firms",
  "eba_CT:x643": "Central counterparties (CCPs)",
  "eba_CT:x639": "Asset management companies",
  "eba_CT:x301": "Account information service providers",
  "eba_CT:x302": "Electronic money institutions",
  "eba_CT:x303": "Crypto-asset service providers",
  "eba_CT:x304": "Central security depository",
  "eba_CT:x305": "Trading venues",
  "eba_CT:x306": "Trade repositories",
  "eba_CT:x300": "Payment institution",
  "eba_CT:x316": "Other financial entity",
  "eba_CT:x315": "Securitisation repository",
  "eba_CT:x314": "Crowdfunding service providers",
  "eba_CT:x313": "Administrator of critical benchmarks",
  "eba_CT:x312": "Credit rating agency",
  "eba_CT:x311": "Institutions for occupational retirement provision",
  "eba_CT:x320": "Insurance intermediaries, reinsurance intermediaries and ancillary insurance intermediaries",
  "eba_CT:x309": "Insurance and reinsurance undertakings",
  "eba_CT:x308": "Data reporting service providers",
  "eba_CT:x307": "Managers of alternative investment funds",
  "eba_CT:x310": "Issuers of asset-referenced tokens",
};
export const ENTITY_TYPES: CodeList = {
  ...FINANCIAL_ENTITY_TYPES,
  "eba_CT:x317": "Non-financial entity: ICT intra-group service provider",
  "eba_CT:x318": "Non-financial entity: other than ICT intra-group service provider",
};

export const HIERARCHY: CodeList = {
  "eba_RP:x53": "Ultimate parent",
  "eba_RP:x551": "Parent other than ultimate parent",
  "eba_RP:x56": "Subsidiary",
  "eba_RP:x21": "Entity other than entities of the group",
  "eba_RP:x210": "Outsourcing",
};

export const ARRANGEMENT_TYPES: CodeList = {
  "eba_CO:x1": "Standalone arrangement",
  "eba_CO:x2": "Overarching arrangement",
  "eba_CO:x3": "Subsequent or associated arrangement",
};

export const TERMINATION_REASONS: CodeList = {
  "eba_CO:x4": "Expired and not renewed",
  "eba_CO:x5": "Provider in breach of law, regulation or contract",
  "eba_CO:x6": "Impediments of the provider altering the supported function",
  "eba_CO:x7": "Provider's weaknesses in managing sensitive data",
  "eba_CO:x8": "As requested by the competent authority",
  "eba_CO:x9": "Other reasons",
};

/** Annex III ICT service types. */
export const SERVICE_TYPES: CodeList = {
  "eba_TA:S01": "ICT project management",
  "eba_TA:S02": "ICT development",
  "eba_TA:S03": "ICT help desk and first level support",
  "eba_TA:S04": "ICT security management services",
  "eba_TA:S05": "Provision of data",
  "eba_TA:S06": "Data analysis",
  "eba_TA:S07": "ICT, facilities and hosting services (excluding cloud)",
  "eba_TA:S08": "Computation",
  "eba_TA:S09": "Non-cloud data storage",
  "eba_TA:S10": "Telecom carrier",
  "eba_TA:S11": "Network infrastructure",
  "eba_TA:S12": "Hardware and physical devices",
  "eba_TA:S13": "Software licensing (excluding SaaS)",
  "eba_TA:S14": "ICT operation management (including maintenance)",
  "eba_TA:S15": "ICT consulting",
  "eba_TA:S16": "ICT risk management",
  "eba_TA:S17": "Cloud services: IaaS",
  "eba_TA:S18": "Cloud services: PaaS",
  "eba_TA:S19": "Cloud services: SaaS",
};

export const YES_NO: CodeList = { "eba_BT:x28": "Yes", "eba_BT:x29": "No" };
export const YES_NO_NOT_ASSESSED: CodeList = { ...YES_NO, "eba_BT:x21": "Assessment not performed" };
export const SENSITIVENESS: CodeList = { "eba_ZZ:x791": "Low", "eba_ZZ:x792": "Medium", "eba_ZZ:x793": "High" };
export const IMPACT: CodeList = { ...SENSITIVENESS, "eba_ZZ:x799": "Assessment not performed" };
export const RELIANCE: CodeList = {
  "eba_ZZ:x794": "Not significant",
  "eba_ZZ:x795": "Low reliance",
  "eba_ZZ:x796": "Material reliance",
  "eba_ZZ:x797": "Full reliance",
};
export const SUBSTITUTABILITY: CodeList = {
  "eba_ZZ:x959": "Not substitutable",
  "eba_ZZ:x960": "Highly complex substitutability",
  "eba_ZZ:x961": "Medium complexity",
  "eba_ZZ:x962": "Easily substitutable",
};
export const SUBSTITUTABILITY_REASONS: CodeList = {
  "eba_ZZ:x963": "Lack of real alternatives",
  "eba_ZZ:x964": "Difficulties in migrating or reintegrating",
  "eba_ZZ:x965": "Both",
};
export const REINTEGRATION: CodeList = { "eba_ZZ:x798": "Easy", "eba_ZZ:x966": "Difficult", "eba_ZZ:x967": "Highly complex" };
export const PERSON_TYPES: CodeList = {
  "eba_CT:x212": "Legal person",
  "eba_CT:x213": "Individual acting in a business capacity",
};
export const ENTITY_NATURE = { branch: "eba_ZZ:x838", notBranch: "eba_ZZ:x839" } as const;

export { LICENSED_ACTIVITIES } from "./licensed-activities";

/**
 * Type of code identifying an ICT third-party service provider or its parent (eba_qCO), in the order of the ITS
 * instructions for B_05.01.0020: LEI, EUID, corporate registration number, VAT number, passport, national identity
 * number. LEI is preferred; a provider without one may be identified by any other.
 */
export const PROVIDER_CODE_TYPES: CodeList = {
  "eba_qCO:qx2000": "LEI",
  "eba_qCO:qx2001": "EUID",
  "eba_qCO:qx2002": "Corporate registration number (CRN)",
  "eba_qCO:qx2003": "VAT number",
  "eba_qCO:qx2004": "Passport number",
  "eba_qCO:qx2005": "National identity number",
};
export const LEI_CODE = "eba_qCO:qx2000";
export const CODE_TYPES = Object.keys(PROVIDER_CODE_TYPES) as [string, ...string[]];

/** The column-by-option grid of B_99.01: the entity defines what each option of these closed lists means to it. */
export const DEFINITION_COLUMNS: { code: string; column: string; option: string; label: string }[] = [
  ...Object.entries(ARRANGEMENT_TYPES).map(([option, label]) => ({ column: "B_02.01.0020", option, label: `Type of contractual arrangement: ${label}` })),
  ...Object.entries(SENSITIVENESS).map(([option, label]) => ({ column: "B_02.02.0170", option, label: `Sensitiveness of the data: ${label}` })),
  ...Object.entries(SENSITIVENESS).map(([option, label]) => ({ column: "B_06.01.0100", option, label: `Impact of discontinuing the function: ${label}` })),
  ...Object.entries(SUBSTITUTABILITY).map(([option, label]) => ({ column: "B_07.01.0050", option, label: `Substitutability: ${label}` })),
  ...Object.entries(REINTEGRATION).map(([option, label]) => ({ column: "B_07.01.0090", option, label: `Reintegration: ${label}` })),
  ...Object.entries(SENSITIVENESS).map(([option, label]) => ({ column: "B_07.01.0100", option, label: `Impact of discontinuing the ICT services: ${label}` })),
].map((d, i) => ({ ...d, code: `c${String((i + 1) * 10).padStart(4, "0")}` }));

export const PROCESSING_ROLES = ["CONTROLLER", "JOINT_CONTROLLER", "PROCESSOR"] as const;

export const country = (iso: string) => `eba_GA:${iso}`;
export const currency = (iso: string) => `eba_CU:${iso}`;
export const yesNo = (value: boolean) => (value ? "eba_BT:x28" : "eba_BT:x29");

/** ISO 17442 LEI: 18 alphanumerics and two check digits (ISO 7064 MOD 97-10). */
export function isValidLei(lei: string): boolean {
  if (!/^[A-Z0-9]{18}[0-9]{2}$/.test(lei)) return false;
  const digits = lei.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return remainder === 1;
}

/** SaaS is Annex III S19; other vendor systems run licensed software the provider maintains (S13). */
export const serviceTypeFor = (kind: string) => (kind === "SAAS" ? "eba_TA:S19" : "eba_TA:S13");

/** Completes 18 characters to an ISO 17442 LEI by computing the two ISO 7064 MOD 97-10 check digits. */
export function withLeiCheckDigits(base18: string): string {
  const digits = `${base18}00`.replace(/[A-Z]/g, (c) => String(c.charCodeAt(0) - 55));
  let remainder = 0;
  for (const d of digits) remainder = (remainder * 10 + Number(d)) % 97;
  return `${base18}${String(98 - remainder).padStart(2, "0")}`;
}

/** Art. 32(1) technical and organisational measures as controls a RoPA lists (Art. 32(1)(a)-(d)). */
export const SECURITY_CONTROLS: CodeList = {
  ENCRYPTION_AT_REST: "Encryption at rest",
  ENCRYPTION_IN_TRANSIT: "Encryption in transit",
  PSEUDONYMISATION: "Pseudonymisation or tokenisation",
  ACCESS_CONTROL: "Role-based access control with least privilege",
  MFA: "Multi-factor authentication for access",
  LOGGING: "Access and change logging with monitoring",
  BACKUPS: "Backups with tested restore",
  DATA_MINIMISATION: "Data minimisation and retention enforcement",
  TESTING: "Regular testing of the measures (Art. 32(1)(d))",
};

/** Data-subject rights a record says are available (GDPR Art. 15-22). */
export const DATA_SUBJECT_RIGHTS: CodeList = {
  ACCESS: "Access (Art. 15)",
  RECTIFICATION: "Rectification (Art. 16)",
  ERASURE: "Erasure (Art. 17)",
  RESTRICTION: "Restriction (Art. 18)",
  PORTABILITY: "Portability (Art. 20)",
  OBJECTION: "Objection (Art. 21)",
  NO_AUTOMATED_DECISION: "Not to be subject to automated decisions (Art. 22)",
};

/** PCI DSS 12.8.4: status of a third-party service provider's Attestation of Compliance (ours, not an EBA list). */
export const PCI_AOC_STATUSES: CodeList = {
  COMPLIANT: "AOC received, compliant",
  NON_COMPLIANT: "AOC received, not compliant",
  REQUESTED: "AOC requested, not received",
  NOT_APPLICABLE: "Not applicable: no effect on account-data security",
};
/** PCI DSS 12.8.5 / 12.9.2: who meets a requirement. */
export const PCI_RESPONSIBILITY = /^(\d{1,2}(?:\.\d{1,2}){0,3})\s*[=:]\s*(provider|customer|shared)$/i;
