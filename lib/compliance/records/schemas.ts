import { z } from "zod";
import { Country } from "@/lib/compliance/schemas";
import {
  ARRANGEMENT_TYPES,
  CODE_TYPES,
  DATA_SUBJECT_RIGHTS,
  DEFINITION_COLUMNS,
  SECURITY_CONTROLS,
  LEI_CODE,
  ENTITY_TYPES,
  HIERARCHY,
  IMPACT,
  isValidLei,
  LICENSED_ACTIVITIES,
  PCI_AOC_STATUSES,
  PCI_RESPONSIBILITY,
  PERSON_TYPES,
  PROCESSING_ROLES,
  RELIANCE,
  REINTEGRATION,
  SENSITIVENESS,
  SERVICE_TYPES,
  SUBSTITUTABILITY,
  SUBSTITUTABILITY_REASONS,
  TERMINATION_REASONS,
  YES_NO_NOT_ASSESSED,
  type CodeList,
} from "./codes";

export const RECORD_KINDS = ["entities", "branches", "providers", "arrangements", "services", "functions", "activities"] as const;
export const RecordKind = z.enum(RECORD_KINDS);
export type RecordKind = z.infer<typeof RecordKind>;

const code = (list: CodeList, what: string) =>
  z.string().refine((v) => v in list, { message: `Not a ${what} code; use one of ${Object.keys(list).join(", ")}` });
const text = (max = 500) => z.string().trim().min(1).max(max);
const optionalText = (max = 2000) => z.string().trim().max(max).nullable().optional().transform((v) => (v ? v : null));
// Strict ISO 3166-1 (i18n-iso-countries), with a hint for aliases such as UK -> GB.
const iso2 = Country;
const iso3 = z.string().regex(/^[A-Z]{3}$/, "Use an ISO 4217 currency code, e.g. EUR");
const lei = z.string().refine(isValidLei, "Not a valid LEI (20 characters with ISO 7064 check digits)");
const date = z.iso.date("Use a date as YYYY-MM-DD");
const uuid = z.uuid();
const list = z.array(z.string().trim().min(1).max(200)).max(100);
const countries = z.array(iso2).max(50);
const money = z.number().nonnegative().max(1e15);
const nullable = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

export const LegalEntityInput = z
  .object({
    lei,
    name: text(),
    country: iso2,
    entityType: code(ENTITY_TYPES, "entity type"),
    hierarchy: nullable(code(HIERARCHY, "hierarchy")),
    parentLei: nullable(lei),
    competentAuthority: optionalText(200),
    currency: iso3.default("EUR"),
    totalAssets: nullable(money),
    maintainsRegister: z.boolean().default(false),
    lastUpdatedOn: nullable(date),
    integratedOn: nullable(date),
    deletedOn: nullable(date),
    registerDefinitions: z
      .record(z.enum(DEFINITION_COLUMNS.map((d) => d.code) as [string, ...string[]]), z.string().trim().min(1).max(1000))
      .optional()
      .describe("B_99.01: what each closed-list option means to the entity, by B_99.01 column (c0010 ... c0190); left out, the stored ones stay"),
  })
  .refine((e) => !e.integratedOn || !e.deletedOn || e.deletedOn >= e.integratedOn, { path: ["deletedOn"], message: "The deletion date is before the integration date" })
  .meta({ id: "LegalEntityInput" });

export const BranchInput = z
  .object({
    identifier: text(100).describe("Identification code of the branch (B_01.03.0010)"),
    name: text(),
    country: iso2,
    entityId: uuid.describe("The entity whose branch this is (its head office)"),
  })
  .meta({ id: "BranchInput" });

export const IctProviderInput = z
  .object({
    code: nullable(z.string().trim().min(1).max(40)),
    codeType: z.enum(CODE_TYPES).default(LEI_CODE),
    additionalCode: optionalText(40),
    additionalCodeType: nullable(z.enum(CODE_TYPES)),
    name: text(),
    nameLatin: optionalText(500),
    personType: code(PERSON_TYPES, "person type").default("eba_CT:x212"),
    country: nullable(iso2),
    currency: iso3.default("EUR"),
    ultimateParentCode: optionalText(40),
    ultimateParentCodeType: nullable(z.enum(CODE_TYPES)),
    vendor: optionalText(200),
    pciAocStatus: nullable(code(PCI_AOC_STATUSES, "PCI AOC status")),
    pciAocDate: nullable(date),
    pciResponsibilities: z
      .array(z.string().trim().regex(PCI_RESPONSIBILITY, 'Write each as "<requirement>=provider|customer|shared", e.g. "3.5=provider"'))
      .max(300)
      .default([])
      .describe("PCI DSS 12.8.5 responsibility matrix: who meets each requirement"),
  })
  .refine((p) => p.codeType !== LEI_CODE || !p.code || isValidLei(p.code), { path: ["code"], message: "Not a valid LEI (20 characters with ISO 7064 check digits)" })
  .refine((p) => p.additionalCodeType !== LEI_CODE || !p.additionalCode || isValidLei(p.additionalCode), { path: ["additionalCode"], message: "Not a valid LEI (20 characters with ISO 7064 check digits)" })
  .refine((p) => !p.additionalCode || !!p.additionalCodeType, { path: ["additionalCodeType"], message: "Say which type of code the additional code is" })
  .meta({ id: "IctProviderInput" });

export const ArrangementInput = z
  .object({
    reference: text(100),
    arrangementType: code(ARRANGEMENT_TYPES, "arrangement type").default("eba_CO:x1"),
    overarchingReference: optionalText(100),
    entityId: uuid,
    providerId: uuid,
    currency: iso3.default("EUR"),
    annualCost: nullable(money),
    startDate: nullable(date),
    endDate: nullable(date),
    terminationReason: nullable(code(TERMINATION_REASONS, "termination reason")),
    noticePeriodEntityDays: nullable(z.number().int().min(0).max(3650)),
    noticePeriodProviderDays: nullable(z.number().int().min(0).max(3650)),
    governingLawCountry: nullable(iso2),
    provisionCountry: nullable(iso2),
    branchId: nullable(uuid),
    providerEntityId: nullable(uuid).describe("Intra-group arrangement: the group entity providing the ICT services (B_03.03)"),
    linkedReference: optionalText(100).describe("Intra-group arrangement: the arrangement it is linked to (B_02.03)"),
  })
  .refine((a) => !a.startDate || !a.endDate || a.endDate >= a.startDate, { path: ["endDate"], message: "The end date is before the start date" })
  .meta({ id: "ArrangementInput" });

export const IctServiceInput = z
  .object({
    name: text(),
    serviceType: code(SERVICE_TYPES, "ICT service type"),
    providerId: uuid,
    arrangementId: nullable(uuid),
    storesData: nullable(z.boolean()),
    storageCountries: countries.default([]),
    processingCountries: countries.default([]),
    sensitiveness: nullable(code(SENSITIVENESS, "sensitiveness")),
    reliance: nullable(code(RELIANCE, "reliance")),
    substitutability: nullable(code(SUBSTITUTABILITY, "substitutability")),
    substitutabilityReason: nullable(code(SUBSTITUTABILITY_REASONS, "substitutability reason")),
    lastAuditDate: nullable(date),
    exitPlan: nullable(z.boolean()),
    reintegration: nullable(code(REINTEGRATION, "reintegration")),
    discontinuingImpact: nullable(code(IMPACT, "impact")),
    alternativesIdentified: nullable(code(YES_NO_NOT_ASSESSED, "yes/no")),
    alternativeProviders: optionalText(500),
    systemIds: z.array(uuid).max(100).default([]),
    functionIds: z.array(uuid).max(100).default([]),
  })
  .meta({ id: "IctServiceInput" });

export const BusinessFunctionInput = z
  .object({
    identifier: z.string().regex(/^F\d{1,6}$/, "Use F1, F2, ... as the register expects"),
    name: text(),
    licensedActivity: nullable(code(LICENSED_ACTIVITIES, "licensed activity")),
    entityId: nullable(uuid),
    criticality: nullable(code(YES_NO_NOT_ASSESSED, "criticality")),
    criticalityReason: optionalText(300),
    lastAssessmentDate: nullable(date),
    rtoHours: nullable(z.number().int().min(0).max(8760)),
    rpoHours: nullable(z.number().int().min(0).max(8760)),
    discontinuingImpact: nullable(code(IMPACT, "impact")),
  })
  .meta({ id: "BusinessFunctionInput" });

export const ProcessingActivityInput = z
  .object({
    name: text(),
    role: z.enum(PROCESSING_ROLES).default("CONTROLLER"),
    entityId: nullable(uuid),
    businessFunctionId: nullable(uuid),
    controllerName: optionalText(300),
    controllerContact: optionalText(500),
    jointControllers: optionalText(500),
    representative: optionalText(500),
    dpoContact: optionalText(500),
    purposes: optionalText(),
    lawfulBasis: optionalText(300),
    art9Condition: optionalText(300),
    dataSubjects: list.default([]),
    dataCategories: list.default([]),
    specialCategories: list.default([]),
    recipients: list.default([]),
    transferCountries: countries.default([]),
    transferSafeguards: optionalText(),
    retention: optionalText(),
    securityMeasures: optionalText(),
    securityControls: z.array(code(SECURITY_CONTROLS, "security control")).max(20).default([]),
    sourceOfData: optionalText(500),
    dataSubjectRights: z.array(code(DATA_SUBJECT_RIGHTS, "data-subject right")).max(10).default([]),
    automatedDecisions: optionalText(1000),
    processorContract: optionalText(500),
    dpiaRequired: z.boolean().default(false),
    dpiaReference: optionalText(500),
    flowIds: z.array(uuid).max(500).default([]),
  })
  .meta({ id: "ProcessingActivityInput" });

export const RECORD_INPUTS = {
  entities: LegalEntityInput,
  branches: BranchInput,
  providers: IctProviderInput,
  arrangements: ArrangementInput,
  services: IctServiceInput,
  functions: BusinessFunctionInput,
  activities: ProcessingActivityInput,
} as const;
export type RecordInput<K extends RecordKind> = z.infer<(typeof RECORD_INPUTS)[K]>;

export const RecordParams = z.object({ kind: RecordKind });
export const RecordIdParams = z.object({ kind: RecordKind, id: z.uuid() });

/** A record as the API returns it: its stored columns plus, where derivable, what the catalog contributes. */
export const RecordDto = z.record(z.string(), z.unknown()).meta({ id: "ComplianceRecord" });
export const RecordList = z.object({ items: z.array(RecordDto) }).meta({ id: "ComplianceRecordList" });
export const DeriveResult = z
  .object({ providersCreated: z.number().int(), servicesCreated: z.number().int() })
  .meta({ id: "RecordsDeriveResult" });
