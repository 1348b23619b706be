import "server-only";
import { randomUUID } from "node:crypto";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { database, db } from "@/lib/db/client";
import { retryOnConflict } from "@/lib/db/retry";
import type { Prisma } from "@/lib/db/generated/client";
import { afterCatalogImport } from "@/lib/compliance/classification";
import type { FieldRow } from "@/lib/compliance/suggest";
import type { ImportedDocument, ImportedInterface } from "./model";
import { writeImportedContract } from "./persist-contract";
import { insertVersionRows } from "./persist-insert";
import { lockImport } from "./persist-locks";
import { planImport, type ExistingInterface, type ImportPlan } from "./persist-plan";
import { buildVersionRows, countElements, nextVersionLabel, normalizeSourcePath, slugify, specHashOf, uniqueSlug } from "./persist-rules";
import { elementBatches, interfaceSearchText, stripNul } from "./prepare";

export { retireMissing } from "./persist-retire";

type Tx = Prisma.TransactionClient;

export type ImportedInterfaceResult = {
  id: string;
  name: string;
  kind: ImportedInterface["kind"];
  version: string;
  operations: number;
  channels: number;
  status: "created" | "updated" | "unchanged";
  /** The file of the import set it came from (a Backstage catalog spans several). */
  file?: string;
};
export type ImportResult = { interfaces: ImportedInterfaceResult[]; warnings: string[] };
export type PersistOptions = { fileName: string; sourcePath?: string; syncEachFile?: boolean };

// A 10 MB provider spec has tens of thousands of fields; the default 5 s interactive transaction is too short.
const TRANSACTION_OPTIONS = { maxWait: 30_000, timeout: 300_000 };

/** Imports one parsed document in one transaction (see persistDocuments). */
export function persistImport(ctx: Ctx, doc: ImportedDocument, options: PersistOptions): Promise<ImportResult> {
  return persistDocuments(ctx, [doc], options);
}

/**
 * Writes every document of one file in one transaction, so nothing from a file that fails half-way is kept.
 * Authorization is decided per document before its first write; an unchanged spec writes nothing at all. A
 * transaction PostgreSQL aborts for colliding with a concurrent one (both maintaining the facet counts) runs again.
 */
export async function persistDocuments(ctx: Ctx, docs: ImportedDocument[], options: PersistOptions): Promise<ImportResult> {
  return retryOnConflict(() => writeDocuments(ctx, docs, options));
}

function writeDocuments(ctx: Ctx, docs: ImportedDocument[], options: PersistOptions): Promise<ImportResult> {
  return db().$transaction(async (tx) => {
    // Two files naming the same new system, domain or interface would race to create it and one would fail on the
    // unique slug: such imports wait for each other (persist-locks.ts); unrelated ones do not.
    await lockImport(tx, docs);
    const result: ImportResult = { interfaces: [], warnings: [] };
    for (const doc of docs) {
      const one = await persistInTx(tx, ctx, doc, options);
      result.interfaces.push(...one.interfaces);
      result.warnings.push(...one.warnings);
    }
    return result;
  }, TRANSACTION_OPTIONS);
}

async function persistInTx(tx: Tx, ctx: Ctx, input: ImportedDocument, options: PersistOptions): Promise<ImportResult> {
  const plan = await planImport(tx, ctx, input);
  const doc = plan.doc;
  const warnings = [...(doc.warnings ?? []), ...plan.warnings];
  await writeDomains(tx, ctx, plan);
  await writeSystems(tx, ctx, plan);
  const interfaces: ImportedInterfaceResult[] = [];
  const idBySourceKey = new Map<string, { id: string; name: string; style: ExistingInterface["style"] }>();
  const writtenFields: FieldRow[] = [];
  for (const imported of doc.interfaces) {
    const result = await writeInterface(tx, ctx, plan, imported, options, warnings, writtenFields);
    interfaces.push(result);
    idBySourceKey.set(imported.sourceKey, { id: result.id, name: result.name, style: imported.style });
    if (imported.contract) warnings.push(...(await writeImportedContract(tx, ctx, result.id, plan.ownerTeamIdBySourceKey.get(imported.sourceKey) ?? null, imported)));
  }
  warnings.push(...(await writeFlows(tx, ctx, plan, doc, idBySourceKey)));
  // An interface this transaction created has no flows but those the document declares: no policy to re-evaluate
  // for it (its fields' suggestions come from writtenFields). That spares most imported APIs three reads.
  const declared = new Set(doc.flows.map((f) => f.interfaceSourceKey));
  const fresh = new Set(interfaces.flatMap((i, n) => (i.status === "created" && !declared.has(doc.interfaces[n].sourceKey) ? [i.id] : [])));
  const touched = [...idBySourceKey.values()].map((i) => i.id).concat(doc.flows.flatMap((f) => plan.interfaces.get(f.interfaceSourceKey)?.id ?? []));
  const changed = interfaces.filter((i) => i.status !== "unchanged").map((i) => i.id);
  await afterCatalogImport(tx, changed.filter((id) => !fresh.has(id)), touched.filter((id) => !fresh.has(id)), writtenFields);
  return { interfaces, warnings };
}

async function writeDomains(tx: Tx, ctx: Ctx, plan: ImportPlan) {
  for (const domain of plan.domains.values()) {
    if (domain.id) continue;
    const row = await tx.domain.create({
      data: { slug: domain.slug, name: domain.entry.name, description: domain.entry.description, ownerTeamId: domain.ownerTeamId },
    });
    domain.id = row.id;
    await recordAudit(tx, ctx, { action: "domain.create", entityType: "domain", entityId: row.id, after: row });
  }
}

async function writeSystems(tx: Tx, ctx: Ctx, plan: ImportPlan) {
  for (const system of plan.systems.values()) {
    if (system.id && system.update) {
      const { before, domainSlug, ...change } = system.update;
      const domainId = domainSlug ? (plan.domains.get(domainSlug)?.id ?? system.domainId ?? null) : null;
      const row = await tx.system.update({ where: { id: system.id }, data: { ...change, domainId } });
      system.domainId = row.domainId;
      system.ownerTeamId = row.ownerTeamId;
      await recordAudit(tx, ctx, { action: "system.update", entityType: "system", entityId: row.id, before, after: { ...change, domainSlug, source: system.entry.origin } });
    }
    if (system.id) continue;
    const { entry } = system;
    const row = await tx.system.create({
      data: {
        slug: system.slug,
        name: entry.name,
        description: entry.description,
        kind: entry.kind,
        ownerTeamId: system.ownerTeamId,
        domainId: system.domainSlug ? plan.domains.get(system.domainSlug)?.id : undefined,
      },
    });
    system.id = row.id;
    system.domainId = row.domainId;
    await recordAudit(tx, ctx, { action: "system.create", entityType: "system", entityId: row.id, after: row });
  }
}

function interfaceData(plan: ImportPlan, imported: ImportedInterface) {
  const system = plan.systems.get(imported.systemSlug)!;
  const domainId = imported.domainSlug ? plan.domains.get(imported.domainSlug)?.id : undefined;
  return {
    name: imported.name,
    description: imported.description ?? null,
    kind: imported.kind,
    protocol: imported.protocol,
    style: imported.style,
    specFormat: imported.specFormat,
    tags: imported.tags,
    systemId: system.id!,
    // Interface.domainId is only for an interface outside its system's domain; otherwise the system's applies.
    ...(domainId ? { domainId: domainId === system.domainId ? null : domainId } : {}),
    ownerTeamId: plan.ownerTeamIdBySourceKey.get(imported.sourceKey) ?? null,
    searchText: imported.prepared?.searchText ?? interfaceSearchText(imported),
    ...(imported.lifecycle ? { lifecycle: imported.lifecycle } : {}),
  };
}

/** What the audit trail keeps of an interface: metadata, never the spec or the search text. */
function auditView(row: Omit<ExistingInterface, "versions" | "sourceKey"> & { searchText?: string }) {
  const { searchText: _searchText, ...rest } = row;
  return rest;
}

/** Writes one interface; the fields of a new version are added to `writtenFields` for the classification suggestions. */
async function writeInterface(
  tx: Tx,
  ctx: Ctx,
  plan: ImportPlan,
  imported: ImportedInterface,
  options: PersistOptions,
  warnings: string[],
  writtenFields: FieldRow[],
): Promise<ImportedInterfaceResult> {
  const existing = plan.interfaces.get(imported.sourceKey);
  // A document from the worker pool comes with its hash, counts and search text (prepare.ts).
  const prepared = imported.prepared;
  const spec = prepared ? imported.spec : stripNul(imported.spec);
  const specHash = prepared?.specHash ?? specHashOf(spec);
  const counts = prepared ? { operations: prepared.operations, channels: prepared.channels } : countElements(imported.elements);
  const sourcePath = options.sourcePath === undefined ? undefined : normalizeSourcePath(options.syncEachFile && imported.file ? imported.file : options.sourcePath);
  if (existing && existing.sourceKey !== imported.sourceKey) {
    // Adopted by its old title key: from now on it is found by the new one.
    await tx.interface.update({ where: { id: existing.id }, data: { sourceKey: imported.sourceKey } });
    await recordAudit(tx, ctx, { action: "interface.update", entityType: "interface", entityId: existing.id, before: { sourceKey: existing.sourceKey }, after: { sourceKey: imported.sourceKey } });
  }
  const base = { name: imported.name, kind: imported.kind, ...counts, ...(imported.file ? { file: imported.file } : {}) };

  // A synced file that is back after sync retired its interface brings the interface back, unless it says otherwise.
  const revive = sourcePath !== undefined && existing?.lifecycle === "RETIRED" && !imported.lifecycle ? ({ lifecycle: "ACTIVE" } as const) : {};

  // Only the latest version counts: importing an earlier content again is a revert, and becomes a new version.
  const known = existing?.versions[0]?.specHash === specHash ? existing.versions[0] : undefined;
  if (existing && known) {
    // Same document: only a catalog-as-code file that moved or came back is worth a write.
    if (sourcePath === undefined || (sourcePath === existing.sourcePath && !("lifecycle" in revive))) {
      return { ...base, id: existing.id, name: existing.name, version: known.version, status: "unchanged" };
    }
    await tx.interface.update({ where: { id: existing.id }, data: { sourcePath, ...revive } });
    await recordAudit(tx, ctx, {
      action: "interface.import",
      entityType: "interface",
      entityId: existing.id,
      before: { sourcePath: existing.sourcePath, lifecycle: existing.lifecycle },
      after: { sourcePath, ...revive, file: options.fileName },
    });
    return { ...base, id: existing.id, name: existing.name, version: known.version, status: "updated" };
  }

  const data = { ...interfaceData(plan, imported), ...revive };
  let id: string;
  if (existing) {
    const after = await tx.interface.update({ where: { id: existing.id }, data: { ...data, ...(sourcePath === undefined ? {} : { sourcePath }) }, omit: { searchText: true } });
    id = existing.id;
    const { versions: _versions, sourceKey: _key, ...before } = existing;
    await recordAudit(tx, ctx, { action: "interface.import", entityType: "interface", entityId: id, before: auditView(before), after: { ...auditView(after), file: options.fileName } });
  } else {
    const namesake = await tx.interface.findFirst({ where: { name: imported.name }, select: { slug: true, sourceKey: true, sourcePath: true } });
    if (namesake) {
      warnings.push(
        `${imported.origin ?? options.fileName}: another interface is already named "${imported.name}" (${namesake.slug}, from ${namesake.sourcePath ?? namesake.sourceKey ?? "the portal"}); both are kept as different interfaces. Give them different titles, or the same x-interchange-id if they are one API`,
      );
    }
    const wanted = slugify(imported.name);
    const taken = await tx.interface.findMany({ where: { slug: { startsWith: wanted } }, select: { slug: true } });
    const created = await tx.interface.create({
      data: { ...data, slug: uniqueSlug(wanted, new Set(taken.map((t) => t.slug))), sourceKey: imported.sourceKey, sourcePath },
      // The search text (up to 200 KB) is not read back: the audit trail leaves it out.
      omit: { searchText: true },
    });
    id = created.id;
    await recordAudit(tx, ctx, { action: "interface.import", entityType: "interface", entityId: id, after: { ...auditView(created), file: options.fileName } });
  }

  const version = nextVersionLabel(imported.version, existing?.versions.map((v) => v.version) ?? []);
  // Raw: a Prisma create parameterises every value by JSON-encoding it (for its query cache key), a 19 MB spec too,
  // hundreds of milliseconds of the request thread; a raw statement sends the text as it is. clock_timestamp(), not the
  // column's default (the transaction's start), as the create did: versions are ordered by when they were written.
  const row = { id: randomUUID() };
  await tx.$executeRaw`
    INSERT INTO interface_version (id, interface_id, version, spec_format, spec, spec_hash, created_at)
    VALUES (${row.id}::uuid, ${id}::uuid, ${version}, ${imported.specFormat}::"SpecFormat", ${spec}, ${specHash}, clock_timestamp())`;
  // Batch by batch, in this transaction: a provider spec's 300,000 field rows built and sent in one statement held the
  // request thread for seconds; between batches other requests are answered.
  let elements = 0;
  let fields = 0;
  for await (const batch of elementBatches(imported)) {
    const { elementRows, fieldRows } = buildVersionRows(id, row.id, batch.elements, { jsonDetails: batch.json });
    await insertVersionRows(tx, { elementRows, fieldRows }, database().driver);
    for (const f of fieldRows) writtenFields.push({ id: f.id, interface_id: id, path: f.path, name: f.name, type: f.type ?? null, format: f.format ?? null, example: f.example ?? null });
    elements += elementRows.length;
    fields += fieldRows.length;
  }
  await recordAudit(tx, ctx, {
    action: "interface.version_create",
    entityType: "interface",
    entityId: id,
    after: { versionId: row.id, version, specHash, elements, fields, file: options.fileName },
  });
  return { ...base, id, version, status: existing ? "updated" : "created" };
}

async function writeFlows(
  tx: Tx,
  ctx: Ctx,
  plan: ImportPlan,
  doc: ImportedDocument,
  imported: Map<string, { id: string; name: string; style: ExistingInterface["style"] }>,
): Promise<string[]> {
  const warnings: string[] = [];
  for (const flow of doc.flows) {
    const producer = imported.get(flow.interfaceSourceKey) ?? plan.interfaces.get(flow.interfaceSourceKey);
    const consumer = plan.systems.get(flow.consumerSystemSlug);
    if (!producer || !consumer?.id) {
      // Usually an API defined in another file of the same folder: importing again once it exists adds the flow.
      warnings.push(`${flow.origin ? `${flow.origin}: ` : ""}flow skipped: ${flow.consumerSystemSlug} consumes ${flow.interfaceSourceKey}, which is neither in the imported files nor in the catalog`);
      continue;
    }
    const key = { interfaceId_consumerSystemId: { interfaceId: producer.id, consumerSystemId: consumer.id } };
    const existing = await tx.flow.findUnique({ where: key, select: { id: true, origin: true } });
    if (existing) {
      if (existing.origin === "DISCOVERED") {
        await tx.flow.update({ where: { id: existing.id }, data: { origin: "BOTH" } });
        await recordAudit(tx, ctx, { action: "flow.update", entityType: "flow", entityId: existing.id, before: { origin: "DISCOVERED" }, after: { origin: "BOTH" } });
      }
      continue;
    }
    const row = await tx.flow.create({
      data: { name: `${producer.name} → ${consumer.entry.name}`, interfaceId: producer.id, consumerSystemId: consumer.id, style: producer.style, origin: "DECLARED" },
    });
    await recordAudit(tx, ctx, { action: "flow.create", entityType: "flow", entityId: row.id, after: row });
  }
  return warnings;
}
