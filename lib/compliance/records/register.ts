import "server-only";
import type { Prisma, PrismaClient } from "@/lib/db/generated/client";
import { flowFactsSelect, loadFlowFacts, loadSystemFacts, toFlowFacts } from "./catalog";
import { deriveActivity, deriveService, merged, type ActivityDerived, type FlowFacts, type ServiceDerived, type SystemFacts } from "./derive";

type Client = PrismaClient | Prisma.TransactionClient;

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
const num = (d: Prisma.Decimal | null) => (d === null ? null : Number(d));

export type EntityRecord = {
  id: string; lei: string; name: string; country: string; entityType: string; hierarchy: string | null; parentLei: string | null;
  competentAuthority: string | null; currency: string; totalAssets: number | null; maintainsRegister: boolean; createdAt: string; updatedAt: string;
  lastUpdatedOn: string | null; integratedOn: string | null; deletedOn: string | null; registerDefinitions: Record<string, string>;
};
export type BranchRecord = { id: string; identifier: string; name: string; country: string; entityId: string; entity: { id: string; name: string; lei: string } };
export type ProviderRecord = {
  id: string; code: string | null; codeType: string; additionalCode: string | null; additionalCodeType: string | null; name: string; nameLatin: string | null; personType: string;
  country: string | null; currency: string; ultimateParentCode: string | null; ultimateParentCodeType: string | null; vendor: string | null;
  pciAocStatus: string | null; pciAocDate: string | null; pciResponsibilities: string[];
};
export type ArrangementRecord = {
  id: string; reference: string; arrangementType: string; overarchingReference: string | null; entityId: string; providerId: string;
  currency: string; annualCost: number | null; startDate: string | null; endDate: string | null; terminationReason: string | null;
  noticePeriodEntityDays: number | null; noticePeriodProviderDays: number | null; governingLawCountry: string | null; provisionCountry: string | null;
  branchId: string | null; providerEntityId: string | null; linkedReference: string | null;
  entity: { id: string; name: string; lei: string }; provider: { id: string; name: string; code: string | null; codeType: string; country: string | null };
  branch: { id: string; identifier: string } | null; providerEntity: { id: string; name: string; lei: string } | null;
};
export type ServiceRecord = {
  id: string; name: string; serviceType: string; providerId: string; arrangementId: string | null; storesData: boolean | null;
  storageCountries: string[]; processingCountries: string[]; sensitiveness: string | null; reliance: string | null; substitutability: string | null;
  substitutabilityReason: string | null; lastAuditDate: string | null; exitPlan: boolean | null; reintegration: string | null;
  discontinuingImpact: string | null; alternativesIdentified: string | null; alternativeProviders: string | null;
  systemIds: string[]; functionIds: string[]; systems: { id: string; name: string }[];
  /** What the linked systems and their flows say; the export uses a stored value first, then this. */
  derived: ServiceDerived;
};
export type FunctionRecord = {
  id: string; identifier: string; name: string; licensedActivity: string | null; entityId: string | null; criticality: string | null;
  criticalityReason: string | null; lastAssessmentDate: string | null; rtoHours: number | null; rpoHours: number | null; discontinuingImpact: string | null;
};
export type ActivityRecord = {
  id: string; name: string; role: string; entityId: string | null; businessFunctionId: string | null; controllerName: string | null;
  controllerContact: string | null; jointControllers: string | null; representative: string | null; dpoContact: string | null;
  purposes: string | null; lawfulBasis: string | null; art9Condition: string | null; dataSubjects: string[]; dataCategories: string[];
  specialCategories: string[]; recipients: string[]; transferCountries: string[]; transferSafeguards: string | null; retention: string | null;
  securityMeasures: string | null; dpiaRequired: boolean; dpiaReference: string | null; flowIds: string[];
  securityControls: string[]; sourceOfData: string | null; dataSubjectRights: string[]; automatedDecisions: string | null; processorContract: string | null;
  createdAt: string; updatedAt: string;
  flows: FlowFacts[]; derived: ActivityDerived;
  entity: { id: string; name: string; lei: string } | null; businessFunction: { id: string; identifier: string; name: string } | null;
};

export type Register = {
  entities: EntityRecord[];
  branches: BranchRecord[];
  providers: ProviderRecord[];
  arrangements: ArrangementRecord[];
  services: ServiceRecord[];
  functions: FunctionRecord[];
  activities: ActivityRecord[];
};

export async function loadEntities(client: Client, where: Prisma.LegalEntityWhereInput = {}): Promise<EntityRecord[]> {
  const rows = await client.legalEntity.findMany({ where, orderBy: [{ maintainsRegister: "desc" }, { name: "asc" }] });
  return rows.map((r) => ({
    ...r, totalAssets: num(r.totalAssets), createdAt: r.createdAt.toISOString(), updatedAt: r.updatedAt.toISOString(),
    lastUpdatedOn: day(r.lastUpdatedOn), integratedOn: day(r.integratedOn), deletedOn: day(r.deletedOn), registerDefinitions: (r.registerDefinitions ?? {}) as Record<string, string>,
  }));
}

export async function loadBranches(client: Client, where: Prisma.BranchWhereInput = {}): Promise<BranchRecord[]> {
  const rows = await client.branch.findMany({ where, orderBy: { identifier: "asc" }, include: { entity: { select: { id: true, name: true, lei: true } } } });
  return rows.map(({ createdAt: _c, updatedAt: _u, ...r }) => r);
}

export async function loadProviders(client: Client, where: Prisma.IctProviderWhereInput = {}): Promise<ProviderRecord[]> {
  const rows = await client.ictProvider.findMany({ where, orderBy: { name: "asc" } });
  return rows.map(({ createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, pciAocDate: day(r.pciAocDate) }));
}

export async function loadArrangements(client: Client, where: Prisma.ContractualArrangementWhereInput = {}): Promise<ArrangementRecord[]> {
  const rows = await client.contractualArrangement.findMany({
    where,
    orderBy: { reference: "asc" },
    include: {
      entity: { select: { id: true, name: true, lei: true } }, provider: { select: { id: true, name: true, code: true, codeType: true, country: true } },
      branch: { select: { id: true, identifier: true } }, providerEntity: { select: { id: true, name: true, lei: true } },
    },
  });
  return rows.map(({ createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, annualCost: num(r.annualCost), startDate: day(r.startDate), endDate: day(r.endDate) }));
}

export async function loadServices(client: Client, where: Prisma.IctServiceWhereInput = {}): Promise<ServiceRecord[]> {
  const rows = await client.ictService.findMany({
    where,
    orderBy: { name: "asc" },
    include: { systems: { select: { systemId: true } }, functions: { select: { functionId: true } } },
  });
  const systemIds = [...new Set(rows.flatMap((r) => r.systems.map((s) => s.systemId)))];
  const systems = systemIds.length ? await loadSystemFacts(client, { id: { in: systemIds } }) : [];
  const flows = systemIds.length
    ? await loadFlowFacts(client, { OR: [{ consumerSystemId: { in: systemIds } }, { interface: { systemId: { in: systemIds } } }] })
    : [];
  const byId = new Map<string, SystemFacts>(systems.map((s) => [s.id, s]));
  return rows.map(({ createdAt: _c, updatedAt: _u, systems: links, functions: fns, ...r }) => {
    const own = links.map((l) => byId.get(l.systemId)).filter((s): s is SystemFacts => !!s);
    return {
      ...r,
      lastAuditDate: day(r.lastAuditDate),
      systemIds: own.map((s) => s.id),
      functionIds: fns.map((f) => f.functionId),
      systems: own.map((s) => ({ id: s.id, name: s.name })),
      derived: deriveService(own, flows),
    };
  });
}

export async function loadFunctions(client: Client, where: Prisma.BusinessFunctionWhereInput = {}): Promise<FunctionRecord[]> {
  const rows = await client.businessFunction.findMany({ where, orderBy: { identifier: "asc" } });
  return rows.map(({ createdAt: _c, updatedAt: _u, ...r }) => ({ ...r, lastAssessmentDate: day(r.lastAssessmentDate) }));
}

export async function loadActivities(client: Client, where: Prisma.ProcessingActivityWhereInput = {}): Promise<ActivityRecord[]> {
  const rows = await client.processingActivity.findMany({
    where,
    orderBy: { name: "asc" },
    include: {
      entity: { select: { id: true, name: true, lei: true } },
      businessFunction: { select: { id: true, identifier: true, name: true } },
      flows: { select: { flow: { select: flowFactsSelect } } },
    },
  });
  return rows.map(({ createdAt, updatedAt, flows: links, ...r }) => {
    const flows = links.map((l) => toFlowFacts(l.flow));
    // The record's own dates (ICO: "record created / last updated"), as the RoPA prints them.
    return { ...r, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString(), flowIds: flows.map((f) => f.id), flows, derived: deriveActivity(flows) };
  });
}

export async function loadRegister(client: Client): Promise<Register> {
  const [entities, branches, providers, arrangements, services, functions, activities] = await Promise.all([
    loadEntities(client),
    loadBranches(client),
    loadProviders(client),
    loadArrangements(client),
    loadServices(client),
    loadFunctions(client),
    loadActivities(client),
  ]);
  return { entities, branches, providers, arrangements, services, functions, activities };
}

/** An Art. 30 record with the catalog's contribution merged into its lists: what the RoPA exports print. */
export function effectiveActivity(a: ActivityRecord) {
  return {
    controller: a.controllerName ?? a.entity?.name ?? null,
    purposes: a.purposes ?? (a.derived.purposes.join("; ") || null),
    lawfulBasis: a.lawfulBasis ?? (a.derived.lawfulBases.join("; ") || null),
    dataSubjects: merged(a.dataSubjects, a.derived.dataSubjects),
    dataCategories: merged(a.dataCategories, a.derived.dataCategories),
    specialCategories: merged(a.specialCategories, a.derived.specialCategories),
    recipients: merged(a.recipients, a.derived.recipients),
    transferCountries: merged(a.transferCountries, a.derived.transferCountries),
    transferSafeguards: merged(a.transferSafeguards ? [a.transferSafeguards] : [], a.derived.transferSafeguards),
  };
}

/** A service's B_02.02 data columns: stored values first, else derived from its systems. */
export function effectiveService(s: ServiceRecord) {
  return {
    storesData: s.storesData ?? s.derived.storesData,
    storageCountries: s.storageCountries.length ? s.storageCountries : s.derived.storageCountries,
    processingCountries: s.processingCountries.length ? s.processingCountries : s.derived.processingCountries,
    sensitiveness: s.sensitiveness ?? s.derived.sensitiveness,
  };
}
