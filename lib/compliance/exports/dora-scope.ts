import { LEI_CODE } from "@/lib/compliance/records/codes";
import { effectiveService, type ArrangementRecord, type EntityRecord, type FunctionRecord, type Register, type ServiceRecord } from "@/lib/compliance/records/register";

// What the register reports at a reference date (ITS (EU) 2024/2956 Art. 3: the register reflects the arrangements
// in force). Entities and arrangements are filtered by their business dates; nothing here looks at row timestamps.

export type DoraOptions = { refDate: string };
/**
 * The EBA's "not applicable" values for key columns (DORA RoI FAQ; DPM 4.0 adds eba_GA:qx2007 to the country list):
 * a column where one applies is filled with it instead of being left empty; any other empty key is a validation error.
 */
export const NOT_APPLICABLE: Record<string, Record<string, string>> = {
  // Location of the data at rest, when the service stores no data.
  "B_02.02": { c0150: "eba_GA:qx2007" },
  // Identification code of the branch, when the entity using the service is not a branch.
  "B_04.01": { c0040: "Not Applicable" },
};

/** EBA guidance: an open-ended date is reported as 9999-12-31. */
export const OPEN_END = "9999-12-31";
export const CRITICAL = "eba_BT:x28";

const inForce = (start: string | null, end: string | null, refDate: string) => (!start || start <= refDate) && (!end || end >= refDate);

/** Entities integrated by the reference date and not deleted before it. */
export const entitiesInScope = (register: Register, o: DoraOptions): EntityRecord[] =>
  register.entities.filter((e) => inForce(e.integratedOn, e.deletedOn, o.refDate));

/** Arrangements that started by the reference date and had not ended before it (no start date: kept, and flagged). */
export function arrangementsInScope(register: Register, o: DoraOptions): ArrangementRecord[] {
  const entities = new Set(entitiesInScope(register, o).map((e) => e.id));
  return register.arrangements.filter((a) => inForce(a.startDate, a.endDate, o.refDate) && entities.has(a.entityId));
}

export const reportingEntity = (register: Register) => register.entities.find((e) => e.maintainsRegister) ?? null;

export type ContractService = { arrangement: ArrangementRecord; service: ServiceRecord; functions: FunctionRecord[]; critical: boolean };

/** Arrangement x service pairs in scope, with the functions each service supports. */
export function contractServices(register: Register, o: DoraOptions): ContractService[] {
  const byArrangement = new Map<string, ServiceRecord[]>();
  for (const service of register.services) {
    if (!service.arrangementId) continue;
    byArrangement.set(service.arrangementId, [...(byArrangement.get(service.arrangementId) ?? []), service]);
  }
  const functions = new Map(register.functions.map((f) => [f.id, f]));
  return arrangementsInScope(register, o).flatMap((arrangement) =>
    (byArrangement.get(arrangement.id) ?? []).map((service) => {
      const fns = service.functionIds.map((id) => functions.get(id)).filter((f) => !!f);
      return { arrangement, service, functions: fns, critical: fns.some((f) => f.criticality === CRITICAL) };
    }),
  );
}

/**
 * Every storage x processing country pair of a service, so B_02.02 keeps each location instead of the first one.
 * A service that stores nothing has one row per processing country (storage column empty, as the ITS allows).
 */
export function locationPairs(service: ServiceRecord): { storage: string | null; processing: string | null }[] {
  const data = effectiveService(service);
  const storage: (string | null)[] = data.storesData === false || data.storageCountries.length === 0 ? [null] : data.storageCountries;
  const processing: (string | null)[] = data.processingCountries.length ? data.processingCountries : [null];
  return storage.flatMap((s) => processing.map((p) => ({ storage: s, processing: p })));
}

/** The provider's identification code and its type; a code without a type is taken as an LEI. */
export const providerCode = (p: { code: string | null; codeType: string }) => ({ code: p.code ?? "", type: p.code ? p.codeType || LEI_CODE : "" });

/** Intra-group arrangements have a group entity as provider (B_03.03) instead of, or besides, the third party. */
export const isIntraGroup = (a: ArrangementRecord) => !!a.providerEntityId;
