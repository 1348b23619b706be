import {
  currency, DEFINITION_COLUMNS, IMPACT, LICENSED_ACTIVITIES, PERSON_TYPES, PROVIDER_CODE_TYPES, REINTEGRATION, SERVICE_TYPES, SUBSTITUTABILITY,
  SUBSTITUTABILITY_REASONS, YES_NO, YES_NO_NOT_ASSESSED, yesNo,
} from "@/lib/compliance/records/codes";
import { col, gc, s, type Template } from "./dora-columns";
import { arrangementsInScope, contractServices, CRITICAL, entitiesInScope, providerCode, reportingEntity } from "./dora-scope";

// B_05.01 to B_99.01: providers, supply chains, functions, assessments and the entity's definitions.

export const PROVIDER_TEMPLATES: Template[] = [
  {
    id: "B_05.01",
    title: "ICT third-party service providers",
    columns: [
      col("c0010", "Identification code of the ICT third-party service provider", { codeTypeIn: "c0020" }),
      col("c0020", "Type of code to identify the provider", PROVIDER_CODE_TYPES),
      col("c0030", "Additional identification code", { codeTypeIn: "c0040" }, false),
      col("c0040", "Type of the additional identification code", PROVIDER_CODE_TYPES, (c) => c.c0030 !== ""),
      col("c0050", "Legal name of the provider", "text"),
      // Mandatory when the legal name is not written in the Latin alphabet.
      col("c0060", "Name in Latin alphabet", "text", (c) => !LATIN.test(c.c0050)),
      col("c0070", "Type of person", PERSON_TYPES),
      col("c0080", "Country of the provider's headquarters", "country"),
      col("c0090", "Currency of the amount reported", "currency", (c) => c.c0100 !== ""),
      col("c0100", "Total annual expense or estimated cost", "number", (_c, r) => r.critical),
      // A provider without a parent reports itself as its ultimate parent, so these are always filled.
      col("c0110", "Identification code of the provider's ultimate parent undertaking", { codeTypeIn: "c0120" }),
      col("c0120", "Type of code of the ultimate parent undertaking", PROVIDER_CODE_TYPES),
    ],
    rows: (register, o) => {
      // Intra-group providers are ICT third-party service providers too (DORA Art. 3(19)); they are reported here.
      const arrangements = arrangementsInScope(register, o);
      const contracted = new Set(arrangements.map((a) => a.providerId));
      return register.providers
        .filter((p) => contracted.has(p.id))
        .map((p) => {
          const costs = arrangements.filter((a) => a.providerId === p.id).map((a) => a.annualCost);
          const total = costs.some((c) => c !== null) ? costs.reduce<number>((sum, c) => sum + (c ?? 0), 0) : null;
          const own = providerCode(p);
          const parent = p.ultimateParentCode ? { code: p.ultimateParentCode, type: s(p.ultimateParentCodeType) } : own;
          return {
            key: p.name,
            cells: {
              c0010: own.code, c0020: own.type, c0030: s(p.additionalCode), c0040: p.additionalCode ? s(p.additionalCodeType) : "", c0050: p.name, c0060: s(p.nameLatin),
              c0070: p.personType, c0080: gc(p.country), c0090: total === null ? "" : currency(p.currency), c0100: s(total), c0110: parent.code, c0120: parent.type,
            },
          };
        });
    },
  },
  {
    id: "B_05.02",
    title: "ICT service supply chains",
    columns: [
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "Type of ICT services", SERVICE_TYPES),
      col("c0030", "Identification code of the ICT third-party service provider", { codeTypeIn: "c0040" }),
      col("c0040", "Type of code to identify the provider", PROVIDER_CODE_TYPES),
      col("c0050", "Rank", "number"),
      col("c0060", "Identification code of the recipient of sub-contracted ICT services", { codeTypeIn: "c0070" }, (c) => c.c0050 !== "1"),
      col("c0070", "Type of code of the recipient", PROVIDER_CODE_TYPES, (c) => c.c0050 !== "1"),
    ],
    // The direct provider is rank 1; the catalog records no sub-contracting edges yet.
    rows: (register, o) =>
      contractServices(register, o).map(({ arrangement: a, service }) => ({
          key: `${a.reference} / ${service.name}`,
          cells: { c0010: a.reference, c0020: service.serviceType, c0030: providerCode(a.provider).code, c0040: providerCode(a.provider).type, c0050: "1", c0060: "", c0070: "" },
        })),
  },
  {
    id: "B_06.01",
    title: "Functions identification",
    columns: [
      col("c0010", "Function identifier", "text"),
      col("c0020", "Licensed activity", LICENSED_ACTIVITIES),
      col("c0030", "Function name", "text"),
      col("c0040", "LEI of the financial entity", "lei"),
      col("c0050", "Criticality or importance assessment", YES_NO_NOT_ASSESSED),
      col("c0060", "Reasons for criticality or importance", "text", false),
      col("c0070", "Date of the last assessment of criticality or importance", "date"),
      col("c0080", "Recovery time objective of the function (hours)", "number"),
      col("c0090", "Recovery point objective of the function (hours)", "number"),
      col("c0100", "Impact of discontinuing the function", IMPACT),
    ],
    rows: (register, o) => {
      const entities = new Map(entitiesInScope(register, o).map((e) => [e.id, e]));
      const fallback = reportingEntity(register);
      return register.functions.map((f) => ({
        key: `${f.identifier} ${f.name}`,
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
      col("c0010", "Contractual arrangement reference number", "text"),
      col("c0020", "Identification code of the ICT third-party service provider", { codeTypeIn: "c0030" }),
      col("c0030", "Type of code to identify the provider", PROVIDER_CODE_TYPES),
      col("c0040", "Type of ICT services", SERVICE_TYPES),
      col("c0050", "Substitutability of the ICT third-party service provider", SUBSTITUTABILITY),
      col("c0060", "Reason if not substitutable or difficult to substitute", SUBSTITUTABILITY_REASONS, (c) => c.c0050 === "eba_ZZ:x959" || c.c0050 === "eba_ZZ:x960"),
      col("c0070", "Date of the last audit on the provider", "date"),
      col("c0080", "Existence of an exit plan", YES_NO),
      col("c0090", "Possibility of reintegration of the contracted ICT service", REINTEGRATION),
      col("c0100", "Impact of discontinuing the ICT services", IMPACT),
      col("c0110", "Are there alternative ICT third-party service providers identified?", YES_NO_NOT_ASSESSED),
      col("c0120", "Identification of alternative ICT third-party service providers", "text", false),
    ],
    // Reported for ICT services supporting critical or important functions.
    rows: (register, o) =>
      contractServices(register, o)
        .filter((x) => x.critical)
        .map(({ arrangement: a, service }) => ({
          key: `${a.reference} / ${service.name}`,
          cells: {
            c0010: a.reference, c0020: providerCode(a.provider).code, c0030: providerCode(a.provider).type, c0040: service.serviceType, c0050: s(service.substitutability),
            c0060: s(service.substitutabilityReason), c0070: s(service.lastAuditDate), c0080: service.exitPlan === null ? "" : yesNo(service.exitPlan),
            c0090: s(service.reintegration), c0100: s(service.discontinuingImpact), c0110: s(service.alternativesIdentified), c0120: s(service.alternativeProviders),
          },
        })),
  },
  {
    id: "B_99.01",
    title: "Definitions from entities making use of the ICT services",
    // One fixed row; each column is one option of a closed list whose meaning the entity defines. Optional.
    columns: DEFINITION_COLUMNS.map((d) => col(d.code, `${d.label} (${d.column}, ${d.option})`, "text", false)),
    rows: (register) => {
      const definitions = reportingEntity(register)?.registerDefinitions ?? {};
      if (Object.keys(definitions).length === 0) return [];
      return [{ key: "Definitions", cells: Object.fromEntries(DEFINITION_COLUMNS.map((d) => [d.code, definitions[d.code] ?? ""])) }];
    },
  },
];

/** Basic Latin and Latin-1/Extended letters, digits, punctuation and spaces: what "Latin alphabet" admits. */
export const LATIN = /^[\p{Script=Latin}\p{N}\p{P}\p{Zs}\p{S}]*$/u;

export { CRITICAL };
