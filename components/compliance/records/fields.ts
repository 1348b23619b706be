import {
  ARRANGEMENT_TYPES, DATA_SUBJECT_RIGHTS, ENTITY_TYPES, PROVIDER_CODE_TYPES, SECURITY_CONTROLS, HIERARCHY, IMPACT, LICENSED_ACTIVITIES, PCI_AOC_STATUSES, PERSON_TYPES, PROCESSING_ROLES, RELIANCE, REINTEGRATION,
  SENSITIVENESS, SERVICE_TYPES, SUBSTITUTABILITY, SUBSTITUTABILITY_REASONS, TERMINATION_REASONS, YES_NO_NOT_ASSESSED, type CodeList,
} from "@/lib/compliance/records/codes";
import type { RecordKind } from "@/lib/compliance/records/schemas";
import { wordsOf } from "@/lib/utils/labels";

export type Option = { value: string; label: string };
/** Lists of other records (and catalog items) a form can refer to, loaded by the page. */
export type RefKey = "entities" | "branches" | "providers" | "arrangements" | "systems" | "functions" | "flows";
export type Refs = Record<RefKey, Option[]>;

export type Field = {
  name: string;
  label: string;
  type: "text" | "textarea" | "number" | "date" | "bool" | "select" | "multi" | "list" | "countries";
  options?: Option[] | RefKey;
  required?: boolean;
  help?: string;
};

const opts = (list: CodeList): Option[] => Object.entries(list).map(([value, label]) => ({ value, label: `${label} (${value})` }));
const plain = (values: readonly string[]): Option[] => values.map((v) => ({ value: v, label: wordsOf(v) }));

export const KIND_LABEL: Record<RecordKind, { one: string; many: string; about: string }> = {
  entities: { one: "Legal entity", many: "Legal entities", about: "Financial entities in the scope of the DORA register (B_01.01, B_01.02); the one maintaining the register reports." },
  branches: { one: "Branch", many: "Branches", about: "B_01.03: branches of the entities in scope; an arrangement used by a branch names it (B_04.01)." },
  providers: { one: "ICT provider", many: "ICT third-party providers", about: "B_05.01. Created from the vendors of SaaS and third-party systems; add the LEI (or EUID) and headquarters." },
  arrangements: { one: "Contractual arrangement", many: "Contractual arrangements", about: "B_02.01, B_02.02, B_03 and B_04.01: the contract, its dates, costs, governing law and notice periods." },
  services: { one: "ICT service", many: "ICT services", about: "One per SaaS or third-party system; data locations and sensitiveness come from the linked systems and their flows unless you set them." },
  functions: { one: "Business function", many: "Business functions", about: "B_06.01: criticality, recovery time and point objectives and the licensed activity." },
  activities: { one: "Processing activity", many: "Processing activities", about: "GDPR Art. 30(1) records. Categories, subjects, recipients and transfers of the linked flows are added automatically." },
};

export const FIELDS: Record<RecordKind, Field[]> = {
  entities: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "lei", label: "LEI", type: "text", required: true, help: "20 characters, ISO 17442" },
    { name: "country", label: "Country", type: "text", required: true, help: "ISO 3166 alpha-2, e.g. DE" },
    { name: "entityType", label: "Type of entity", type: "select", options: opts(ENTITY_TYPES), required: true },
    { name: "hierarchy", label: "Hierarchy in the group", type: "select", options: opts(HIERARCHY) },
    { name: "parentLei", label: "LEI of the direct parent", type: "text" },
    { name: "competentAuthority", label: "Competent authority", type: "text" },
    { name: "currency", label: "Currency", type: "text", help: "ISO 4217, default EUR" },
    { name: "totalAssets", label: "Total assets", type: "number" },
    { name: "maintainsRegister", label: "Maintains the register", type: "bool" },
    { name: "integratedOn", label: "Date of integration in the register", type: "date", help: "B_01.02.0080; empty: the first register it appears in" },
    { name: "lastUpdatedOn", label: "Date of last update", type: "date", help: "B_01.02.0070, the business date of the last change" },
    { name: "deletedOn", label: "Date of deletion from the register", type: "date", help: "B_01.02.0090; empty while it is in scope" },
  ],
  branches: [
    { name: "identifier", label: "Identification code of the branch", type: "text", required: true },
    { name: "name", label: "Name", type: "text", required: true },
    { name: "country", label: "Country", type: "text", required: true, help: "ISO 3166 alpha-2" },
    { name: "entityId", label: "Head office (entity)", type: "select", options: "entities", required: true },
  ],
  providers: [
    { name: "name", label: "Legal name", type: "text", required: true },
    { name: "code", label: "Identification code", type: "text", help: "LEI preferred, else EUID" },
    { name: "codeType", label: "Type of code", type: "select", options: opts(PROVIDER_CODE_TYPES) },
    { name: "additionalCode", label: "Additional code", type: "text" },
    { name: "additionalCodeType", label: "Type of the additional code", type: "select", options: opts(PROVIDER_CODE_TYPES) },
    { name: "nameLatin", label: "Name in Latin alphabet", type: "text" },
    { name: "personType", label: "Type of person", type: "select", options: opts(PERSON_TYPES) },
    { name: "country", label: "Headquarters country", type: "text", help: "ISO 3166 alpha-2" },
    { name: "currency", label: "Currency", type: "text" },
    { name: "ultimateParentCode", label: "Ultimate parent code", type: "text" },
    { name: "ultimateParentCodeType", label: "Ultimate parent code type", type: "select", options: opts(PROVIDER_CODE_TYPES) },
    { name: "vendor", label: "Catalog vendor", type: "text", help: "The vendor name on the catalog's systems this provider stands for" },
    { name: "pciAocStatus", label: "PCI DSS AOC status", type: "select", options: opts(PCI_AOC_STATUSES), help: "12.8.4: the provider's Attestation of Compliance" },
    { name: "pciAocDate", label: "PCI DSS AOC date", type: "date" },
    { name: "pciResponsibilities", label: "PCI DSS responsibilities", type: "list", help: "12.8.5, comma-separated: 3.5=provider, 8.3=shared, 10=customer" },
  ],
  arrangements: [
    { name: "reference", label: "Reference number", type: "text", required: true },
    { name: "entityId", label: "Entity using the service", type: "select", options: "entities", required: true },
    { name: "providerId", label: "ICT provider", type: "select", options: "providers", required: true },
    { name: "arrangementType", label: "Type", type: "select", options: opts(ARRANGEMENT_TYPES) },
    { name: "overarchingReference", label: "Overarching arrangement reference", type: "text" },
    { name: "currency", label: "Currency", type: "text" },
    { name: "annualCost", label: "Annual expense or estimated cost", type: "number" },
    { name: "startDate", label: "Start date", type: "date" },
    { name: "endDate", label: "End date", type: "date" },
    { name: "terminationReason", label: "Reason of termination", type: "select", options: opts(TERMINATION_REASONS) },
    { name: "noticePeriodEntityDays", label: "Notice period, entity (days)", type: "number" },
    { name: "noticePeriodProviderDays", label: "Notice period, provider (days)", type: "number" },
    { name: "governingLawCountry", label: "Governing law country", type: "text" },
    { name: "provisionCountry", label: "Country of provision", type: "text", help: "Empty: the provider's headquarters" },
    { name: "branchId", label: "Branch using the service", type: "select", options: "branches", help: "B_04.01; empty: the entity itself" },
    { name: "providerEntityId", label: "Intra-group provider (entity)", type: "select", options: "entities", help: "B_03.03: set for an intra-group arrangement" },
    { name: "linkedReference", label: "Linked arrangement reference", type: "text", help: "B_02.03: the arrangement an intra-group one is linked to" },
  ],
  services: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "serviceType", label: "Type of ICT service", type: "select", options: opts(SERVICE_TYPES), required: true },
    { name: "providerId", label: "ICT provider", type: "select", options: "providers", required: true },
    { name: "arrangementId", label: "Contractual arrangement", type: "select", options: "arrangements" },
    { name: "systemIds", label: "Catalog systems", type: "multi", options: "systems" },
    { name: "functionIds", label: "Business functions supported", type: "multi", options: "functions" },
    { name: "storesData", label: "Stores data", type: "bool", help: "Empty: derived from the systems' hosting" },
    { name: "storageCountries", label: "Data storage countries", type: "countries", help: "Empty: the systems' hosting countries" },
    { name: "processingCountries", label: "Data processing countries", type: "countries", help: "Empty: the systems' hosting and processing countries" },
    { name: "sensitiveness", label: "Sensitiveness of the data", type: "select", options: opts(SENSITIVENESS), help: "Empty: from the highest classification the systems' flows carry" },
    { name: "reliance", label: "Level of reliance", type: "select", options: opts(RELIANCE) },
    { name: "substitutability", label: "Substitutability", type: "select", options: opts(SUBSTITUTABILITY) },
    { name: "substitutabilityReason", label: "Reason if hard to substitute", type: "select", options: opts(SUBSTITUTABILITY_REASONS) },
    { name: "lastAuditDate", label: "Date of the last audit", type: "date" },
    { name: "exitPlan", label: "Exit plan exists", type: "bool" },
    { name: "reintegration", label: "Possibility of reintegration", type: "select", options: opts(REINTEGRATION) },
    { name: "discontinuingImpact", label: "Impact of discontinuing", type: "select", options: opts(IMPACT) },
    { name: "alternativesIdentified", label: "Alternative providers identified", type: "select", options: opts(YES_NO_NOT_ASSESSED) },
    { name: "alternativeProviders", label: "Alternative providers", type: "text" },
  ],
  functions: [
    { name: "identifier", label: "Function identifier", type: "text", required: true, help: "F1, F2, ..." },
    { name: "name", label: "Function name", type: "text", required: true },
    { name: "licensedActivity", label: "Licensed activity", type: "select", options: opts(LICENSED_ACTIVITIES) },
    { name: "entityId", label: "Financial entity", type: "select", options: "entities" },
    { name: "criticality", label: "Critical or important", type: "select", options: opts(YES_NO_NOT_ASSESSED) },
    { name: "criticalityReason", label: "Reasons for criticality", type: "textarea" },
    { name: "lastAssessmentDate", label: "Date of the last assessment", type: "date" },
    { name: "rtoHours", label: "RTO (hours)", type: "number" },
    { name: "rpoHours", label: "RPO (hours)", type: "number" },
    { name: "discontinuingImpact", label: "Impact of discontinuing", type: "select", options: opts(IMPACT) },
  ],
  activities: [
    { name: "name", label: "Name", type: "text", required: true },
    { name: "role", label: "Role", type: "select", options: plain(PROCESSING_ROLES) },
    { name: "flowIds", label: "Data flows covered", type: "multi", options: "flows", help: "Their categories, subjects, recipients and transfers are added to the record" },
    { name: "entityId", label: "Controller (legal entity)", type: "select", options: "entities" },
    { name: "businessFunctionId", label: "Business function", type: "select", options: "functions" },
    { name: "controllerName", label: "Controller name", type: "text", help: "Empty: the legal entity's name" },
    { name: "controllerContact", label: "Controller contact details", type: "textarea" },
    { name: "jointControllers", label: "Joint controllers", type: "text" },
    { name: "representative", label: "Representative", type: "text" },
    { name: "dpoContact", label: "Data protection officer", type: "text" },
    { name: "purposes", label: "Purposes", type: "textarea", help: "Empty: the purposes recorded on the flows" },
    { name: "lawfulBasis", label: "Lawful basis (Art. 6)", type: "text", help: "Empty: the flows' lawful bases" },
    { name: "art9Condition", label: "Art. 9 condition", type: "text" },
    { name: "dataSubjects", label: "Further data subject categories", type: "list" },
    { name: "dataCategories", label: "Further personal data categories", type: "list" },
    { name: "specialCategories", label: "Further special categories", type: "list" },
    { name: "recipients", label: "Further recipients", type: "list" },
    { name: "transferCountries", label: "Further transfer countries", type: "countries" },
    { name: "transferSafeguards", label: "Transfer safeguards", type: "textarea" },
    { name: "retention", label: "Time limits for erasure", type: "textarea" },
    { name: "securityMeasures", label: "Security measures (Art. 32)", type: "textarea", help: "Empty: what the catalog knows about encryption on the flows" },
    { name: "securityControls", label: "Security controls (Art. 32)", type: "multi", options: opts(SECURITY_CONTROLS), help: "Printed as Art. 30(1)(g) with the catalog's encryption evidence" },
    { name: "sourceOfData", label: "Source of the personal data", type: "text" },
    { name: "dataSubjectRights", label: "Data-subject rights available", type: "multi", options: opts(DATA_SUBJECT_RIGHTS) },
    { name: "automatedDecisions", label: "Automated decision-making (Art. 22)", type: "textarea" },
    { name: "processorContract", label: "Processor contract (Art. 28(3))", type: "text" },
    { name: "dpiaRequired", label: "DPIA required", type: "bool" },
    { name: "dpiaReference", label: "DPIA reference", type: "text" },
  ],
};

/** The columns of each kind's table, as field names (plus derived extras rendered by the table). */
export const COLUMNS: Record<RecordKind, string[]> = {
  entities: ["name", "lei", "country", "entityType", "maintainsRegister"],
  branches: ["identifier", "name", "country", "entityId"],
  providers: ["name", "code", "country", "vendor"],
  arrangements: ["reference", "providerId", "entityId", "startDate", "annualCost"],
  services: ["name", "serviceType", "providerId", "arrangementId", "systemIds"],
  functions: ["identifier", "name", "criticality", "rtoHours", "rpoHours"],
  activities: ["name", "flowIds", "retention"],
};
