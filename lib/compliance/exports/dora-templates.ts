import {
  ARRANGEMENT_TYPES, currency, ENTITY_NATURE, ENTITY_TYPES, FINANCIAL_ENTITY_TYPES, HIERARCHY, PROVIDER_CODE_TYPES, RELIANCE, SENSITIVENESS, SERVICE_TYPES,
  TERMINATION_REASONS, YES_NO, yesNo,
} from "@/lib/compliance/records/codes";
import { effectiveService } from "@/lib/compliance/records/register";
import { col, gc, s, whenCritical, type Cells, type Template } from "./dora-columns";
import { PROVIDER_TEMPLATES } from "./dora-templates-providers";
import {
  arrangementsInScope, contractServices, entitiesInScope, isIntraGroup, locationPairs, NOT_APPLICABLE, OPEN_END, providerCode, reportingEntity,
} from "./dora-scope";

// The DORA Register of Information templates (Commission Implementing Regulation (EU) 2024/2956, EBA taxonomy 4.0
// DORA module). Columns are the templates' c0010... codes with what they hold (closed list, LEI, country...), which the
// validation (dora-rules.ts) checks; when a column is mandatory follows the ITS instructions of each template.

export type { Cells, Column, ColumnKind, RowContext, Template, TemplateRow, DoraOptions } from "./dora-columns";

/** Every template of the module, for FilingIndicators.csv. */
export const ALL_TEMPLATE_IDS = [
  "B_01.01", "B_01.02", "B_01.03", "B_02.01", "B_02.02", "B_02.03", "B_03.01", "B_03.02", "B_03.03",
  "B_04.01", "B_05.01", "B_05.02", "B_06.01", "B_07.01", "B_99.01",
] as const;

const NON_FINANCIAL = new Set(["eba_CT:x317", "eba_CT:x318"]);

export const TEMPLATES: Template[] = [
  {
    id: "B_01.01",
    title: "Entity maintaining the register of information",
    columns: [
      col("c0010", "LEI of the entity maintaining the register", "lei"),
      col("c0020", "Name of the entity", "text"),
      col("c0030", "Country of the entity", "country"),
      // B_01.01 takes the financial entities only; the two non-financial options belong to B_01.02.
      col("c0040", "Type of entity", FINANCIAL_ENTITY_TYPES),
      col("c0050", "Competent authority", "text"),
      col("c0060", "Date of the reporting", "date"),
    ],
    rows: (register, o) => {
      const e = reportingEntity(register);
      if (!e) return [{ key: "(no entity maintains the register)", cells: { c0060: o.refDate } }];
      return [{ key: e.name, cells: { c0010: e.lei, c0020: e.name, c0030: gc(e.country), c0040: e.entityType, c0050: s(e.competentAuthority), c0060: o.refDate } }];
    },
  },
  {
    id: "B_01.02",
    title: "Entities within the scope of the register",
    columns: [
      col("c0010", "LEI of the entity", "lei"),
      col("c0020", "Name of the entity", "text"),
      col("c0030", "Country of the entity", "country"),
      col("c0040", "Type of entity", ENTITY_TYPES),
      col("c0050", "Hierarchy of the entity within the group", HIERARCHY),
      col("c0060", "LEI of the direct parent undertaking", "lei", (c) => c.c0050 !== "eba_RP:x53"),
      col("c0070", "Date of last update", "date"),
      col("c0080", "Date of integration in the register", "date"),
      col("c0090", "Date of deletion in the register", "date"),
      col("c0100", "Currency", "currency"),
      col("c0110", "Value of total assets", "number", (c) => !NON_FINANCIAL.has(c.c0040)),
    ],
    // Business dates recorded by the officer; an entity still in scope has no deletion date (9999-12-31).
    rows: (register, o) =>
      entitiesInScope(register, o).map((e) => ({
        key: e.name,
        cells: {
          c0010: e.lei, c0020: e.name, c0030: gc(e.country), c0040: e.entityType, c0050: s(e.hierarchy), c0060: s(e.parentLei),
          c0070: s(e.lastUpdatedOn), c0080: s(e.integratedOn), c0090: e.deletedOn ?? OPEN_END, c0100: currency(e.currency), c0110: s(e.totalAssets),
        },
      })),
  },
  {
    id: "B_01.03",
    title: "List of branches",
    columns: [
      col("c0010", "Identification code of the branch", "text"),
      col("c0020", "LEI of the financial entity head office of the branch", "lei"),
      col("c0030", "Name of the branch", "text"),
      col("c0040", "Country of the branch", "country"),
    ],
    rows: (register, o) => {
      const inScope = new Set(entitiesInScope(register, o).map((e) => e.id));
      return register.branches
        .filter((b) => inScope.has(b.entityId))
        .map((b) => ({ key: `${b.identifier} ${b.name}`, cells: { c0010: b.identifier, c0020: b.entity.lei, c0030: b.name, c0040: gc(b.country) } }));
    },
  },
  {
    id: "B_02.01",
    title: "Contractual arrangements: general information",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "Type of contractual arrangement", ARRANGEMENT_TYPES),
      col("c0030", "Overarching contractual arrangement reference number", "text", (c) => c.c0020 === "eba_CO:x3"),
      col("c0040", "Currency of the amount reported", "currency"),
      col("c0050", "Annual expense or estimated cost", "number"),
    ],
    rows: (register, o) =>
      arrangementsInScope(register, o).map((a) => ({
        key: a.reference,
        cells: { c0010: a.reference, c0020: a.arrangementType, c0030: s(a.overarchingReference), c0040: currency(a.currency), c0050: s(a.annualCost) },
      })),
  },
  {
    id: "B_02.02",
    title: "Contractual arrangements: specific information",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "LEI of the entity making use of the ICT service", "lei"),
      col("c0030", "Identification code of the ICT third-party service provider", { codeTypeIn: "c0040" }),
      col("c0040", "Type of code to identify the provider", PROVIDER_CODE_TYPES),
      col("c0050", "Function identifier", "text"),
      col("c0060", "Type of ICT services", SERVICE_TYPES),
      col("c0070", "Start date of the contractual arrangement", "date"),
      col("c0080", "End date of the contractual arrangement", "date"),
      col("c0090", "Reason of the termination or ending", TERMINATION_REASONS, (c, r) => c.c0080 !== OPEN_END && c.c0080 <= r.refDate),
      col("c0100", "Notice period for the financial entity (days)", "number", whenCritical),
      col("c0110", "Notice period for the ICT third-party service provider (days)", "number", whenCritical),
      col("c0120", "Country of the governing law", "country", whenCritical),
      col("c0130", "Country of provision of the ICT services", "country", whenCritical),
      col("c0140", "Storage of data", YES_NO, whenCritical),
      col("c0150", "Location of the data at rest (storage)", "country", (c) => c.c0140 === "eba_BT:x28"),
      col("c0160", "Location of management of the data (processing)", "country", whenCritical),
      col("c0170", "Sensitiveness of the data stored", SENSITIVENESS, (c, r) => r.critical && c.c0140 === "eba_BT:x28"),
      col("c0180", "Level of reliance on the ICT service", RELIANCE, whenCritical),
    ],
    // One row per function the service supports and per storage x processing country: every location is reported.
    rows: (register, o) =>
      contractServices(register, o).flatMap(({ arrangement: a, service, functions }) => {
        const data = effectiveService(service);
        const provider = providerCode(a.provider);
        const base: Cells = {
          c0010: a.reference, c0020: a.entity.lei, c0030: provider.code, c0040: provider.type, c0060: service.serviceType,
          c0070: s(a.startDate), c0080: a.endDate ?? OPEN_END, c0090: s(a.terminationReason),
          c0100: s(a.noticePeriodEntityDays), c0110: s(a.noticePeriodProviderDays), c0120: gc(a.governingLawCountry),
          c0130: gc(a.provisionCountry ?? a.provider.country), c0140: data.storesData === null ? "" : yesNo(data.storesData),
          c0170: s(data.sensitiveness), c0180: s(service.reliance),
        };
        const fns = functions.length ? functions.map((f) => f.identifier) : [""];
        return fns.flatMap((fn) =>
          locationPairs(service).map((loc) => ({
            key: [a.reference, service.name, fn, loc.storage, loc.processing].filter(Boolean).join(" / "),
            cells: { ...base, c0050: fn, c0150: data.storesData === false ? NOT_APPLICABLE["B_02.02"].c0150 : gc(loc.storage), c0160: gc(loc.processing) },
          })),
        );
      }),
  },
  {
    id: "B_02.03",
    title: "List of intra-group contractual arrangements",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "Contractual arrangement linked to the arrangement in c0010", "text"),
      col("c0030", "Link", "bool", false),
    ],
    rows: (register, o) =>
      arrangementsInScope(register, o)
        .filter((a) => isIntraGroup(a) && a.linkedReference)
        .map((a) => ({ key: a.reference, cells: { c0010: a.reference, c0020: s(a.linkedReference), c0030: "true" } })),
  },
  {
    id: "B_03.01",
    title: "Entities signing the contractual arrangements for receiving ICT services",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "LEI of the entity signing the contractual arrangement", "lei"),
      col("c0030", "Link", "bool", false),
    ],
    rows: (register, o) => arrangementsInScope(register, o).map((a) => ({ key: a.reference, cells: { c0010: a.reference, c0020: a.entity.lei, c0030: "true" } })),
  },
  {
    id: "B_03.02",
    title: "ICT third-party service providers signing the contractual arrangements",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "Identification code of the ICT third-party service provider", { codeTypeIn: "c0030" }),
      col("c0030", "Type of code to identify the provider", PROVIDER_CODE_TYPES),
    ],
    rows: (register, o) =>
      arrangementsInScope(register, o)
        .filter((a) => !isIntraGroup(a))
        .map((a) => ({ key: a.reference, cells: { c0010: a.reference, c0020: providerCode(a.provider).code, c0030: providerCode(a.provider).type } })),
  },
  {
    id: "B_03.03",
    title: "Entities signing the contractual arrangements for providing ICT services (intra-group)",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "LEI of the entity providing ICT services", "lei"),
      col("c0031", "Link", "bool", false),
    ],
    rows: (register, o) =>
      arrangementsInScope(register, o)
        .filter(isIntraGroup)
        .map((a) => ({ key: a.reference, cells: { c0010: a.reference, c0020: s(a.providerEntity?.lei), c0031: "true" } })),
  },
  {
    id: "B_04.01",
    title: "Entities making use of the ICT services",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "LEI of the entity making use of the ICT service", "lei"),
      col("c0030", "Nature of the entity", { [ENTITY_NATURE.branch]: "Branch of a financial entity", [ENTITY_NATURE.notBranch]: "Not a branch" }),
      col("c0040", "Identification code of the branch", "text", (c) => c.c0030 === ENTITY_NATURE.branch),
    ],
    rows: (register, o) =>
      arrangementsInScope(register, o).map((a) => ({
        key: a.reference,
        cells: { c0010: a.reference, c0020: a.entity.lei, c0030: a.branch ? ENTITY_NATURE.branch : ENTITY_NATURE.notBranch, c0040: a.branch ? s(a.branch.identifier) : NOT_APPLICABLE["B_04.01"].c0040 },
      })),
  },
  ...PROVIDER_TEMPLATES,
];

/** The package file of a template: reports/b_02.02.csv for B_02.02. */
export const templateFile = (id: string) => `${id.toLowerCase()}.csv`;
