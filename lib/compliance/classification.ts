import "server-only";
import { AppError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { recomputeViolations } from "./evaluate";
import type { DecideSuggestionsInput, SuggestionDto, SuggestionsQuery } from "./schemas";
import { suggestForFields, suggestForInterfaces, type FieldRow, type SuggestResult } from "./suggest";

const include = { field: { select: { path: true } }, interface: { select: { id: true, name: true } } } satisfies Prisma.FieldClassificationInclude;
type Row = Prisma.FieldClassificationGetPayload<{ include: typeof include }>;
const toDto = (r: Row): SuggestionDto => ({
  fieldId: r.fieldId,
  path: r.field.path,
  interface: r.interface,
  status: r.status,
  level: r.level,
  personalCategory: r.personalCategory,
  specialCategory: r.specialCategory,
  criminal: r.criminal,
  pciElement: r.pciElement,
  rule: r.rule,
  matchedWords: r.matchedWords,
  confidence: r.confidence,
  reason: r.reason,
  decisionNote: r.decisionNote,
});

/** Suggestions (or decisions) to review, most confident first, with a count per rule for the filter. */
export async function listSuggestions(ctx: Ctx, query: SuggestionsQuery) {
  requirePermission(ctx, "compliance.read");
  const base: Prisma.FieldClassificationWhereInput = { status: query.status, ...(query.interfaceId ? { interfaceId: query.interfaceId } : {}) };
  const where = { ...base, ...(query.rule ? { rule: query.rule } : {}) };
  const [rows, total, rules] = await Promise.all([
    db().fieldClassification.findMany({
      where,
      include,
      orderBy: [{ confidence: "desc" }, { interface: { name: "asc" } }, { field: { path: "asc" } }],
      skip: query.offset,
      take: query.limit,
    }),
    db().fieldClassification.count({ where }),
    db().fieldClassification.groupBy({ by: ["rule"], where: base, _count: { _all: true }, orderBy: { rule: "asc" } }),
  ]);
  return { items: rows.map(toDto), total, rules: rules.map((r) => ({ rule: r.rule, count: r._count._all })) };
}

/**
 * Confirms or rejects suggestions in bulk. A confirmed field takes the level (the suggested one unless another is
 * given); a rejected one loses any classification. One audit event per interface lists the fields decided, and the
 * flows of those interfaces are re-evaluated in the same transaction.
 */
export async function decideSuggestions(ctx: Ctx, input: DecideSuggestionsInput) {
  requirePermission(ctx, "compliance.manage");
  const fieldIds = [...new Set(input.fieldIds)];
  return db().$transaction(async (tx) => {
    const rows = await tx.fieldClassification.findMany({ where: { fieldId: { in: fieldIds } }, include });
    const found = new Set(rows.map((r) => r.fieldId));
    const missing = input.fieldIds.flatMap((id, i) => (found.has(id) ? [] : [{ pointer: `/fieldIds/${i}`, message: "No suggestion for this field" }]));
    if (missing.length) throw new AppError("VALIDATION", "Some fields have no classification suggestion", { errors: missing });

    const status = input.decision === "CONFIRM" ? "CONFIRMED" : "REJECTED";
    const now = new Date();
    const byInterface = new Map<string, Row[]>();
    for (const row of rows) byInterface.set(row.interfaceId, [...(byInterface.get(row.interfaceId) ?? []), row]);
    for (const [interfaceId, group] of byInterface) {
      const ids = group.map((r) => r.fieldId);
      const levelChange = status === "CONFIRMED" && input.level ? { level: input.level } : {};
      await tx.fieldClassification.updateMany({
        where: { fieldId: { in: ids } },
        data: { status, decidedById: ctx.actor?.id ?? null, decidedAt: now, decisionNote: input.note ?? null, ...levelChange },
      });
      if (status === "CONFIRMED" && input.level) {
        await tx.interfaceField.updateMany({ where: { id: { in: ids } }, data: { classification: input.level } });
      } else if (status === "CONFIRMED") {
        await tx.$executeRaw`UPDATE interface_field f SET classification = fc.level FROM field_classification fc WHERE fc.field_id = f.id AND f.id = ANY(${ids}::uuid[])`;
      } else {
        await tx.interfaceField.updateMany({ where: { id: { in: ids } }, data: { classification: null } });
      }
      await recordAudit(tx, ctx, {
        action: status === "CONFIRMED" ? "classification.confirm" : "classification.reject",
        entityType: "interface",
        entityId: interfaceId,
        before: { fields: group.map((r) => ({ fieldId: r.fieldId, path: r.field.path, status: r.status, level: r.level })) },
        after: { fields: group.map((r) => ({ fieldId: r.fieldId, path: r.field.path, status, level: input.level ?? r.level })), note: input.note ?? null },
      });
    }
    const { flows } = await recomputeViolations(tx, { interfaceIds: [...byInterface.keys()] });
    return { decided: rows.length, flowsReevaluated: flows };
  });
}

/** Re-runs the engine on demand: open suggestions are replaced, decisions are kept. */
export async function runSuggestions(ctx: Ctx, input: { interfaceId?: string }): Promise<SuggestResult> {
  requirePermission(ctx, "compliance.manage");
  return db().$transaction(
    async (tx) => {
      await tx.fieldClassification.deleteMany({ where: { status: "SUGGESTED", ...(input.interfaceId ? { interfaceId: input.interfaceId } : {}) } });
      const result = await suggestForInterfaces(tx, input.interfaceId ? [input.interfaceId] : undefined);
      await recordAudit(tx, ctx, { action: "classification.suggest", entityType: input.interfaceId ? "interface" : "estate", entityId: input.interfaceId ?? null, after: result });
      return result;
    },
    { maxWait: 30_000, timeout: 300_000 },
  );
}

/**
 * The import hook, inside the import's transaction: suggestions for the interfaces a file created or changed, and
 * the policies re-evaluated for every flow of the interfaces it touched (new flows included).
 */
export async function afterCatalogImport(tx: Prisma.TransactionClient, changedInterfaceIds: string[], touchedInterfaceIds: string[], writtenFields: readonly FieldRow[] = []): Promise<void> {
  // The fields of the versions the import wrote come from the import; only other changed interfaces are read.
  const written = new Set(writtenFields.map((f) => f.interface_id));
  await suggestForFields(tx, writtenFields);
  const others = changedInterfaceIds.filter((id) => !written.has(id));
  if (others.length) await suggestForInterfaces(tx, others);
  const scope = [...new Set([...changedInterfaceIds, ...touchedInterfaceIds])];
  if (scope.length) await recomputeViolations(tx, { interfaceIds: scope });
}
