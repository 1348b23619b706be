import { country, currency, ENTITY_NATURE, yesNo } from "@/lib/compliance/records/codes";
import { effectiveService, type ArrangementRecord, type Register, type ServiceRecord } from "@/lib/compliance/records/register";

// The DORA Register of Information templates this estate can fill (Commission Implementing Regulation (EU)
// 2024/2956, EBA taxonomy 4.0 DORA module). Columns are the templates' c0010... codes; closed-list values EBA codes.

export type Cells = Record<string, string>;
/** A column, and when it is mandatory: always, never, or depending on the row (e.g. only for critical functions). */
export type Column = { code: string; label: string; mandatory: boolean | ((cells: Cells, row: RowContext, options: DoraOptions) => boolean) };
export type RowContext = { critical: boolean };
export type TemplateRow = { key: string; cells: Cells; context: RowContext };
export type Template = { id: string; title: string; columns: Column[]; rows: (register: Register, options: DoraOptions) => TemplateRow[] };
export type DoraOptions = { refDate: string };

/** Every template of the module, for FilingIndicators.csv; those below are the ones the estate fills. */
export const ALL_TEMPLATE_IDS = [
  "B_01.01", "B_01.02", "B_01.03", "B_02.01", "B_02.02", "B_02.03", "B_03.01", "B_03.02", "B_03.03",
  "B_04.01", "B_05.01", "B_05.02", "B_06.01", "B_07.01", "B_99.01",
] as const;

// EBA guidance: an open-ended date is reported as 9999-12-31.
const OPEN_END = "9999-12-31";
const s = (v: string | number | null | undefined) => (v === null || v === undefined ? "" : String(v));
const gc = (iso: string | null | undefined) => (iso ? country(iso) : "");
const NON_FINANCIAL = new Set(["eba_CT:x317", "eba_CT:x318"]);
const CRITICAL = "eba_BT:x28";

function reporting(register: Register) {
  return register.entities.find((e) => e.maintainsRegister) ?? null;
}

/** Arrangement x service pairs, with the functions each service supports. */
function contractServices(register: Register) {
  const byArrangement = new Map<string, ServiceRecord[]>();
  for (const service of register.services) {
    if (!service.arrangementId) continue;
    byArrangement.set(service.arrangementId, [...(byArrangement.get(service.arrangementId) ?? []), service]);
  }
  const functions = new Map(register.functions.map((f) => [f.id, f]));
  return register.arrangements.flatMap((arrangement) =>
    (byArrangement.get(arrangement.id) ?? []).map((service) => {
      const fns = service.functionIds.map((id) => functions.get(id)).filter((f) => !!f);
      return { arrangement, service, functions: fns, critical: fns.some((f) => f.criticality === CRITICAL) };
    }),
  );
}

const providerCode = (a: ArrangementRecord) => ({ code: s(a.provider.code), type: a.provider.code ? a.provider.codeType : "" });
const whenCritical = (_c: Cells, row: RowContext) => row.critical;

export const TEMPLATES: Template[] = [
  {
    id: "B_01.01",
    title: "Entity maintaining the register of information",
    columns: [
      { code: "c0010", label: "LEI of the entity maintaining the register", mandatory: true },
      { code: "c0020", label: "Name of the entity", mandatory: true },
      { code: "c0030", label: "Country of the entity", mandatory: true },
      { code: "c0040", label: "Type of entity", mandatory: true },
      { code: "c0050", label: "Competent authority", mandatory: true },
      { code: "c0060", label: "Date of the reporting", mandatory: true },
    ],
    rows: (register, options) => {
      const e = reporting(register);
      if (!e) return [{ key: "(no entity maintains the register)", context: { critical: false }, cells: { c0060: options.refDate } }];
      return [{ key: e.name, context: { critical: false }, cells: { c0010: e.lei, c0020: e.name, c0030: gc(e.country), c0040: e.entityType, c0050: s(e.competentAuthority), c0060: options.refDate } }];
    },
  },
  {
    id: "B_01.02",
    title: "Entities within the scope of the register",
    columns: [
      { code: "c0010", label: "LEI of the entity", mandatory: true },
      { code: "c0020", label: "Name of the entity", mandatory: true },
      { code: "c0030", label: "Country of the entity", mandatory: true },
      { code: "c0040", label: "Type of entity", mandatory: true },
      { code: "c0050", label: "Hierarchy of the entity within the group", mandatory: true },
      { code: "c0060", label: "LEI of the direct parent undertaking", mandatory: (c) => c.c0050 !== "eba_RP:x53" },
      { code: "c0070", label: "Date of last update", mandatory: true },
      { code: "c0080", label: "Date of integration in the register", mandatory: true },
      { code: "c0090", label: "Date of deletion in the register", mandatory: true },
      { code: "c0100", label: "Currency", mandatory: true },
      { code: "c0110", label: "Value of total assets", mandatory: (c) => !NON_FINANCIAL.has(c.c0040) },
    ],
    rows: (register) =>
      register.entities.map((e) => ({
        key: e.name,
        context: { critical: false },
        cells: {
          c0010: e.lei, c0020: e.name, c0030: gc(e.country), c0040: e.entityType, c0050: s(e.hierarchy), c0060: s(e.parentLei),
          c0070: e.updatedAt.slice(0, 10), c0080: e.createdAt.slice(0, 10), c0090: OPEN_END, c0100: currency(e.currency), c0110: s(e.totalAssets),
        },
      })),
  },
  {
    id: "B_02.01",
    title: "Contractual arrangements: general information",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "Type of contractual arrangement", mandatory: true },
      { code: "c0030", label: "Overarching contractual arrangement reference number", mandatory: (c) => c.c0020 === "eba_CO:x3" },
      { code: "c0040", label: "Currency of the amount reported", mandatory: true },
      { code: "c0050", label: "Annual expense or estimated cost", mandatory: true },
    ],
    rows: (register) =>
      register.arrangements.map((a) => ({
        key: a.reference,
        context: { critical: false },
        cells: { c0010: a.reference, c0020: a.arrangementType, c0030: s(a.overarchingReference), c0040: currency(a.currency), c0050: s(a.annualCost) },
      })),
  },
  {
    id: "B_02.02",
    title: "Contractual arrangements: specific information",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "LEI of the entity making use of the ICT service", mandatory: true },
      { code: "c0030", label: "Identification code of the ICT third-party service provider", mandatory: true },
      { code: "c0040", label: "Type of code to identify the provider", mandatory: true },
      { code: "c0050", label: "Function identifier", mandatory: true },
      { code: "c0060", label: "Type of ICT services", mandatory: true },
      { code: "c0070", label: "Start date of the contractual arrangement", mandatory: true },
      { code: "c0080", label: "End date of the contractual arrangement", mandatory: true },
      { code: "c0090", label: "Reason of the termination or ending", mandatory: (c, _r, o) => c.c0080 !== OPEN_END && c.c0080 <= o.refDate },
      { code: "c0100", label: "Notice period for the financial entity (days)", mandatory: whenCritical },
      { code: "c0110", label: "Notice period for the ICT third-party service provider (days)", mandatory: whenCritical },
      { code: "c0120", label: "Country of the governing law", mandatory: whenCritical },
      { code: "c0130", label: "Country of provision of the ICT services", mandatory: whenCritical },
      { code: "c0140", label: "Storage of data", mandatory: whenCritical },
      { code: "c0150", label: "Location of the data at rest (storage)", mandatory: (c) => c.c0140 === "eba_BT:x28" },
      { code: "c0160", label: "Location of management of the data (processing)", mandatory: whenCritical },
      { code: "c0170", label: "Sensitiveness of the data stored", mandatory: (c, r) => r.critical && c.c0140 === "eba_BT:x28" },
      { code: "c0180", label: "Level of reliance on the ICT service", mandatory: whenCritical },
    ],
    rows: (register) =>
      contractServices(register).flatMap(({ arrangement: a, service, functions, critical }) => {
        const data = effectiveService(service);
        const provider = providerCode(a);
        const base: Cells = {
          c0010: a.reference, c0020: a.entity.lei, c0030: provider.code, c0040: provider.type, c0060: service.serviceType,
          c0070: s(a.startDate), c0080: a.endDate ?? OPEN_END, c0090: s(a.terminationReason),
          c0100: s(a.noticePeriodEntityDays), c0110: s(a.noticePeriodProviderDays), c0120: gc(a.governingLawCountry),
          c0130: gc(a.provisionCountry ?? a.provider.country), c0140: data.storesData === null ? "" : yesNo(data.storesData),
          c0150: gc(data.storageCountries[0]), c0160: gc(data.processingCountries[0]), c0170: s(data.sensitiveness), c0180: s(service.reliance),
        };
        const context = { critical };
        if (functions.length === 0) return [{ key: `${a.reference} / ${service.name}`, context, cells: { ...base, c0050: "" } }];
        return functions.map((f) => ({ key: `${a.reference} / ${service.name} / ${f.identifier}`, context, cells: { ...base, c0050: f.identifier } }));
      }),
  },
  {
    id: "B_03.01",
    title: "Entities signing the contractual arrangements for receiving ICT services",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "LEI of the entity signing the contractual arrangement", mandatory: true },
      { code: "c0030", label: "Link", mandatory: false },
    ],
    rows: (register) => register.arrangements.map((a) => ({ key: a.reference, context: { critical: false }, cells: { c0010: a.reference, c0020: a.entity.lei, c0030: "true" } })),
  },
  {
    id: "B_03.02",
    title: "ICT third-party service providers signing the contractual arrangements",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "Identification code of the ICT third-party service provider", mandatory: true },
      { code: "c0030", label: "Type of code to identify the provider", mandatory: true },
    ],
    rows: (register) =>
      register.arrangements.map((a) => ({ key: a.reference, context: { critical: false }, cells: { c0010: a.reference, c0020: providerCode(a).code, c0030: providerCode(a).type } })),
  },
  {
    id: "B_04.01",
    title: "Entities making use of the ICT services",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "LEI of the entity making use of the ICT service", mandatory: true },
      { code: "c0030", label: "Nature of the entity", mandatory: true },
      { code: "c0040", label: "Identification code of the branch", mandatory: (c) => c.c0030 === ENTITY_NATURE.branch },
    ],
    rows: (register) =>
      register.arrangements.map((a) => ({ key: a.reference, context: { critical: false }, cells: { c0010: a.reference, c0020: a.entity.lei, c0030: ENTITY_NATURE.notBranch, c0040: "" } })),
  },
  {
    id: "B_05.01",
    title: "ICT third-party service providers",
    columns: [
      { code: "c0010", label: "Identification code of the ICT third-party service provider", mandatory: true },
      { code: "c0020", label: "Type of code to identify the provider", mandatory: true },
      { code: "c0030", label: "Additional identification code", mandatory: false },
      { code: "c0040", label: "Type of the additional identification code", mandatory: (c) => c.c0030 !== "" },
      { code: "c0050", label: "Legal name of the provider", mandatory: true },
      { code: "c0060", label: "Name in Latin alphabet", mandatory: false },
      { code: "c0070", label: "Type of person", mandatory: true },
      { code: "c0080", label: "Country of the provider's headquarters", mandatory: true },
      { code: "c0090", label: "Currency of the amount reported", mandatory: (c) => c.c0100 !== "" },
      { code: "c0100", label: "Total annual expense or estimated cost", mandatory: (_c, r) => r.critical },
      { code: "c0110", label: "Identification code of the provider's ultimate parent undertaking", mandatory: false },
      { code: "c0120", label: "Type of code of the ultimate parent undertaking", mandatory: (c) => c.c0110 !== "" },
    ],
    rows: (register) => {
      // Only providers with a contract are reported; a provider derived from the catalog without one is not yet in scope.
      const contracted = new Set(register.arrangements.map((a) => a.providerId));
      return register.providers
        .filter((p) => contracted.has(p.id))
        .map((p) => {
          const costs = register.arrangements.filter((a) => a.providerId === p.id).map((a) => a.annualCost);
          const total = costs.some((c) => c !== null) ? costs.reduce<number>((sum, c) => sum + (c ?? 0), 0) : null;
          return {
            key: p.name,
            context: { critical: true },
            cells: {
              c0010: s(p.code), c0020: p.code ? p.codeType : "", c0030: s(p.additionalCode), c0040: "", c0050: p.name, c0060: s(p.nameLatin),
              c0070: p.personType, c0080: gc(p.country), c0090: total === null ? "" : currency(p.currency), c0100: s(total),
              c0110: s(p.ultimateParentCode), c0120: p.ultimateParentCode ? s(p.ultimateParentCodeType) : "",
            },
          };
        });
    },
  },
  {
    id: "B_05.02",
    title: "ICT service supply chains",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "Type of ICT services", mandatory: true },
      { code: "c0030", label: "Identification code of the ICT third-party service provider", mandatory: true },
      { code: "c0040", label: "Type of code to identify the provider", mandatory: true },
      { code: "c0050", label: "Rank", mandatory: true },
      { code: "c0060", label: "Identification code of the recipient of sub-contracted ICT services", mandatory: (c) => c.c0050 !== "1" },
      { code: "c0070", label: "Type of code of the recipient", mandatory: (c) => c.c0050 !== "1" },
    ],
    // The direct provider is rank 1; the catalog records no sub-contracting edges yet.
    rows: (register) =>
      contractServices(register).map(({ arrangement: a, service }) => ({
        key: `${a.reference} / ${service.name}`,
        context: { critical: false },
        cells: { c0010: a.reference, c0020: service.serviceType, c0030: providerCode(a).code, c0040: providerCode(a).type, c0050: "1", c0060: "", c0070: "" },
      })),
  },
  {
    id: "B_06.01",
    title: "Functions identification",
    columns: [
      { code: "c0010", label: "Function identifier", mandatory: true },
      { code: "c0020", label: "Licensed activity", mandatory: true },
      { code: "c0030", label: "Function name", mandatory: true },
      { code: "c0040", label: "LEI of the financial entity", mandatory: true },
      { code: "c0050", label: "Criticality or importance assessment", mandatory: true },
      { code: "c0060", label: "Reasons for criticality or importance", mandatory: false },
      { code: "c0070", label: "Date of the last assessment of criticality or importance", mandatory: true },
      { code: "c0080", label: "Recovery time objective of the function (hours)", mandatory: true },
      { code: "c0090", label: "Recovery point objective of the function (hours)", mandatory: true },
      { code: "c0100", label: "Impact of discontinuing the function", mandatory: true },
    ],
    rows: (register) => {
      const entities = new Map(register.entities.map((e) => [e.id, e]));
      const fallback = reporting(register);
      return register.functions.map((f) => ({
        key: `${f.identifier} ${f.name}`,
        context: { critical: f.criticality === CRITICAL },
        cells: {
          c0010: f.identifier, c0020: s(f.licensedActivity), c0030: f.name, c0040: s((f.entityId ? entities.get(f.entityId) : fallback)?.lei),
          c0050: s(f.criticality), c0060: s(f.criticalityReason), c0070: s(f.lastAssessmentDate), c0080: s(f.rtoHours), c0090: s(f.rpoHours),
          c0100: s(f.discontinuingImpact),
        },
      }));
    },
  },
  {
    id: "B_07.01",
    title: "Assessment of the ICT services",
    columns: [
      { code: "c0010", label: "Contractual arrangement reference number", mandatory: true },
      { code: "c0020", label: "Identification code of the ICT third-party service provider", mandatory: true },
      { code: "c0030", label: "Type of code to identify the provider", mandatory: true },
      { code: "c0040", label: "Type of ICT services", mandatory: true },
      { code: "c0050", label: "Substitutability of the ICT third-party service provider", mandatory: true },
      { code: "c0060", label: "Reason if not substitutable or difficult to substitute", mandatory: (c) => c.c0050 === "eba_ZZ:x959" || c.c0050 === "eba_ZZ:x960" },
      { code: "c0070", label: "Date of the last audit on the provider", mandatory: true },
      { code: "c0080", label: "Existence of an exit plan", mandatory: true },
      { code: "c0090", label: "Possibility of reintegration of the contracted ICT service", mandatory: true },
      { code: "c0100", label: "Impact of discontinuing the ICT services", mandatory: true },
      { code: "c0110", label: "Are there alternative ICT third-party service providers identified?", mandatory: true },
      { code: "c0120", label: "Identification of alternative ICT third-party service providers", mandatory: false },
    ],
    // Reported for ICT services supporting critical or important functions.
    rows: (register) =>
      contractServices(register)
        .filter((x) => x.critical)
        .map(({ arrangement: a, service }) => ({
          key: `${a.reference} / ${service.name}`,
          context: { critical: true },
          cells: {
            c0010: a.reference, c0020: providerCode(a).code, c0030: providerCode(a).type, c0040: service.serviceType, c0050: s(service.substitutability),
            c0060: s(service.substitutabilityReason), c0070: s(service.lastAuditDate), c0080: service.exitPlan === null ? "" : yesNo(service.exitPlan),
            c0090: s(service.reintegration), c0100: s(service.discontinuingImpact), c0110: s(service.alternativesIdentified), c0120: s(service.alternativeProviders),
          },
        })),
  },
];

/** The package file of a template: reports/b_02.02.csv for B_02.02. */
export const templateFile = (id: string) => `${id.toLowerCase()}.csv`;
