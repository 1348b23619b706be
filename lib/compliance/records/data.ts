import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/db/generated/client";
import { loadActivities, loadArrangements, loadBranches, loadEntities, loadFunctions, loadProviders, loadServices } from "./register";
import { RECORD_INPUTS, type RecordInput, type RecordKind } from "./schemas";

type Tx = Prisma.TransactionClient;
type Row = { id: string } & Record<string, unknown>;

const ENTITY_TYPE: Record<RecordKind, string> = {
  entities: "legal_entity",
  branches: "branch",
  providers: "ict_provider",
  arrangements: "contractual_arrangement",
  services: "ict_service",
  functions: "business_function",
  activities: "processing_activity",
};

const LABEL: Record<RecordKind, string> = {
  entities: "Legal entity",
  branches: "Branch",
  providers: "ICT provider",
  arrangements: "Contractual arrangement",
  services: "ICT service",
  functions: "Business function",
  activities: "Processing activity",
};

/** Reads of one kind, each with the catalog's derived values where the kind has them. */
function loader(kind: RecordKind): (client: Tx | ReturnType<typeof db>, where?: { id?: string }) => Promise<Row[]> {
  return {
    entities: loadEntities,
    branches: loadBranches,
    providers: loadProviders,
    arrangements: loadArrangements,
    services: loadServices,
    functions: loadFunctions,
    activities: loadActivities,
  }[kind] as (client: Tx | ReturnType<typeof db>, where?: { id?: string }) => Promise<Row[]>;
}

type Delegate = {
  create(args: { data: object }): Promise<Row>;
  update(args: { where: { id: string }; data: object }): Promise<Row>;
  delete(args: { where: { id: string } }): Promise<Row>;
};

function delegate(tx: Tx, kind: RecordKind): Delegate {
  const delegates = {
    entities: tx.legalEntity,
    branches: tx.branch,
    providers: tx.ictProvider,
    arrangements: tx.contractualArrangement,
    services: tx.ictService,
    functions: tx.businessFunction,
    activities: tx.processingActivity,
  };
  return delegates[kind] as unknown as Delegate;
}

const asDate = (value: string | null | undefined) => (value ? new Date(`${value}T00:00:00Z`) : value === null ? null : undefined);

/** Input -> columns: dates become Date, link lists leave the row (they live in join tables). */
function columns(kind: RecordKind, input: Record<string, unknown>) {
  const { systemIds: _s, functionIds: _f, flowIds: _fl, ...rest } = input;
  const data: Record<string, unknown> = { ...rest };
  // B_99.01 definitions are edited on their own; a record form that does not send them keeps them.
  if (data.registerDefinitions === null || data.registerDefinitions === undefined) delete data.registerDefinitions;
  for (const key of ["startDate", "endDate", "lastAuditDate", "lastAssessmentDate", "lastUpdatedOn", "integratedOn", "deletedOn", "pciAocDate"]) {
    if (key in data) data[key] = asDate(data[key] as string | null | undefined);
  }
  return data;
}

async function writeLinks(tx: Tx, kind: RecordKind, id: string, input: Record<string, unknown>) {
  if (kind === "services") {
    const systemIds = (input.systemIds as string[]) ?? [];
    const functionIds = (input.functionIds as string[]) ?? [];
    await tx.ictServiceSystem.deleteMany({ where: { serviceId: id } });
    await tx.ictServiceFunction.deleteMany({ where: { serviceId: id } });
    if (systemIds.length) await tx.ictServiceSystem.createMany({ data: [...new Set(systemIds)].map((systemId) => ({ serviceId: id, systemId })) });
    if (functionIds.length) await tx.ictServiceFunction.createMany({ data: [...new Set(functionIds)].map((functionId) => ({ serviceId: id, functionId })) });
  }
  if (kind === "activities") {
    const flowIds = (input.flowIds as string[]) ?? [];
    await tx.processingActivityFlow.deleteMany({ where: { activityId: id } });
    if (flowIds.length) await tx.processingActivityFlow.createMany({ data: [...new Set(flowIds)].map((flowId) => ({ activityId: id, flowId })) });
  }
}

/** PostgreSQL 23503 (foreign key) or 23001 (RESTRICT), whether the driver adapter reports it as P2003 or as a generic database error (PGlite: P2039). */
function foreignKeyViolation(error: unknown): string | null {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return null;
  if (error.code !== "P2003" && !(error.code === "P2039" && /"(23503|23001)"/.test(JSON.stringify(error.meta ?? {}) + error.message))) return null;
  return JSON.stringify(error.meta ?? {}) + error.message;
}

/** A reference to a row that does not exist is the caller's mistake: name the field, not a database error. */
function mapWriteError(kind: RecordKind, error: unknown): never {
  const detail = foreignKeyViolation(error);
  if (detail !== null) {
    const pointer = [
      [/provider_entity_id_fkey/, "/providerEntityId"], [/_branch_id_fkey/, "/branchId"], [/_entity_id_fkey/, "/entityId"], [/_provider_id_fkey/, "/providerId"], [/_arrangement_id_fkey/, "/arrangementId"],
      [/business_function_id_fkey/, "/businessFunctionId"], [/_function_id_fkey/, "/functionIds"], [/_system_id_fkey/, "/systemIds"], [/_flow_id_fkey/, "/flowIds"],
    ].find(([re]) => (re as RegExp).test(detail))?.[1] as string | undefined;
    const message = "Refers to a record that does not exist";
    throw new AppError("VALIDATION", message, { errors: [{ pointer: pointer ?? "/", message }] });
  }
  throw error;
}

export async function listRecords(ctx: Ctx, kind: RecordKind): Promise<Row[]> {
  requirePermission(ctx, "compliance.read");
  return loader(kind)(db());
}

export async function getRecord(ctx: Ctx, kind: RecordKind, id: string): Promise<Row> {
  requirePermission(ctx, "compliance.read");
  const [row] = await loader(kind)(db(), { id });
  if (!row) throw notFound(LABEL[kind]);
  return row;
}

/** One legal entity maintains the register (B_01.01): naming another takes it from the current one, audited. */
async function handOverRegister(tx: Prisma.TransactionClient, ctx: Ctx, maintainerId: string): Promise<void> {
  const previous = await tx.legalEntity.findMany({ where: { id: { not: maintainerId }, maintainsRegister: true }, select: { id: true } });
  for (const { id } of previous) {
    await tx.legalEntity.update({ where: { id }, data: { maintainsRegister: false } });
    await recordAudit(tx, ctx, { action: "legal_entity.update", entityType: "legal_entity", entityId: id, before: { maintainsRegister: true }, after: { maintainsRegister: false } });
  }
}

export async function createRecord<K extends RecordKind>(ctx: Ctx, kind: K, raw: unknown): Promise<Row> {
  requirePermission(ctx, "compliance.manage");
  const input = RECORD_INPUTS[kind].parse(raw) as Record<string, unknown>;
  try {
    return await db().$transaction(async (tx) => {
      const created = await delegate(tx, kind).create({ data: columns(kind, input) });
      if (kind === "entities" && input.maintainsRegister) await handOverRegister(tx, ctx, created.id);
      await writeLinks(tx, kind, created.id, input);
      const [after] = await loader(kind)(tx, { id: created.id });
      await recordAudit(tx, ctx, { action: `${ENTITY_TYPE[kind]}.create`, entityType: ENTITY_TYPE[kind], entityId: created.id, after: withoutDerived(after) });
      return after;
    });
  } catch (error) {
    mapWriteError(kind, error);
  }
}

export async function updateRecord<K extends RecordKind>(ctx: Ctx, kind: K, id: string, raw: RecordInput<K> | unknown): Promise<Row> {
  requirePermission(ctx, "compliance.manage");
  const parsed = RECORD_INPUTS[kind].parse(raw) as Record<string, unknown>;
  // A replacement: optional fields the body leaves out are cleared, not kept.
  const shape = (RECORD_INPUTS[kind] as unknown as { shape: Record<string, unknown> }).shape;
  const input = { ...Object.fromEntries(Object.keys(shape).map((key) => [key, null])), ...Object.fromEntries(Object.entries(parsed).filter(([, v]) => v !== undefined)) };
  try {
    return await db().$transaction(async (tx) => {
      const [before] = await loader(kind)(tx, { id });
      if (!before) throw notFound(LABEL[kind]);
      if (kind === "entities" && input.maintainsRegister) await handOverRegister(tx, ctx, id);
      await delegate(tx, kind).update({ where: { id }, data: columns(kind, input) });
      await writeLinks(tx, kind, id, input);
      const [after] = await loader(kind)(tx, { id });
      await recordAudit(tx, ctx, { action: `${ENTITY_TYPE[kind]}.update`, entityType: ENTITY_TYPE[kind], entityId: id, before: withoutDerived(before), after: withoutDerived(after) });
      return after;
    });
  } catch (error) {
    mapWriteError(kind, error);
  }
}

export async function deleteRecord(ctx: Ctx, kind: RecordKind, id: string): Promise<void> {
  requirePermission(ctx, "compliance.manage");
  try {
    await db().$transaction(async (tx) => {
      const [before] = await loader(kind)(tx, { id });
      if (!before) throw notFound(LABEL[kind]);
      await delegate(tx, kind).delete({ where: { id } });
      await recordAudit(tx, ctx, { action: `${ENTITY_TYPE[kind]}.delete`, entityType: ENTITY_TYPE[kind], entityId: id, before: withoutDerived(before) });
    });
  } catch (error) {
    if (foreignKeyViolation(error) !== null) {
      throw new AppError("CONFLICT", `${LABEL[kind]} is still referenced by other records; change or delete those first`);
    }
    throw error;
  }
}

/** The audit trail keeps what the officer recorded, not the catalog's view at that moment. */
function withoutDerived(row: Row | undefined) {
  if (!row) return row;
  const { derived: _d, flows: _f, systems: _s, ...rest } = row;
  return rest;
}

type Option = { value: string; label: string };

/** What the record forms can refer to: other records, and the catalog's systems and personal-data flows. */
export async function listRecordRefs(ctx: Ctx): Promise<Record<"entities" | "branches" | "providers" | "arrangements" | "systems" | "functions" | "flows", Option[]>> {
  requirePermission(ctx, "compliance.read");
  const client = db();
  const [entities, branches, providers, arrangements, systems, functions, flows] = await Promise.all([
    client.legalEntity.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    client.branch.findMany({ select: { id: true, name: true, identifier: true }, orderBy: { name: "asc" } }),
    client.ictProvider.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } }),
    client.contractualArrangement.findMany({ select: { id: true, reference: true, provider: { select: { name: true } } }, orderBy: { reference: "asc" } }),
    client.system.findMany({ select: { id: true, name: true, kind: true }, orderBy: { name: "asc" } }),
    client.businessFunction.findMany({ select: { id: true, identifier: true, name: true }, orderBy: { identifier: "asc" } }),
    client.flow.findMany({ where: { NOT: { dataCategories: { isEmpty: true } } }, select: { id: true, name: true }, orderBy: { name: "asc" } }),
  ]);
  return {
    entities: entities.map((e) => ({ value: e.id, label: e.name })),
    branches: branches.map((b) => ({ value: b.id, label: `${b.name} (${b.identifier})` })),
    providers: providers.map((p) => ({ value: p.id, label: p.name })),
    arrangements: arrangements.map((a) => ({ value: a.id, label: `${a.reference} (${a.provider.name})` })),
    systems: systems.map((s) => ({ value: s.id, label: `${s.name} (${s.kind.toLowerCase().replace("_", " ")})` })),
    functions: functions.map((f) => ({ value: f.id, label: `${f.identifier} ${f.name}` })),
    flows: flows.map((f) => ({ value: f.id, label: f.name })),
  };
}
