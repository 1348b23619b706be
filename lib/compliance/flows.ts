import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { highestLevel, type Level } from "./classify";
import { loadFlowFacts, recomputeViolations } from "./evaluate";
import type { FlowCompliance, UpdateFlowComplianceInput } from "./schemas";
import { toViolation, violationInclude, visibleViolations } from "./violations";

type Tx = Prisma.TransactionClient;

const COMPLIANCE_KEYS = [
  "dataCategories", "dataSubjects", "specialCategories", "art9Condition", "pciElements", "classification", "sourceCountry", "destinationCountry",
  "transferTool", "transferDocument", "transferSccModule", "transferSignedOn", "transferDerogation", "transferTia", "transferDpfCertification", "purpose", "lawfulBasis", "encryptedInTransit",
] as const;

const flowInclude = {
  interface: { select: { id: true, name: true, ownerTeamId: true, system: { select: { id: true, name: true, ownerTeamId: true } } } },
  consumerSystem: { select: { id: true, name: true, ownerTeamId: true } },
} satisfies Prisma.FlowInclude;
type FlowRow = Prisma.FlowGetPayload<{ include: typeof flowInclude }>;

/**
 * Members of the producing team may edit a flow's compliance facts; so may compliance officers. Consuming teams
 * may not: they could otherwise close the producer's violations by restating its facts.
 */
function canEditFlow(ctx: Ctx, flow: FlowRow): boolean {
  const producerTeam = flow.interface.ownerTeamId ?? flow.interface.system.ownerTeamId;
  return can(ctx, "compliance.edit", { ownerTeamId: producerTeam });
}

const auditView = (f: FlowRow) => Object.fromEntries(COMPLIANCE_KEYS.map((k) => [k, f[k]]));

export async function getFlowCompliance(ctx: Ctx, id: string, tx: Tx = db()): Promise<FlowCompliance> {
  requirePermission(ctx, "catalog.read");
  const flow = await tx.flow.findUnique({ where: { id }, include: flowInclude });
  if (!flow) throw notFound("Flow");
  const [facts] = await loadFlowFacts(tx, { flowIds: [id] });
  const violations = await tx.policyViolation.findMany({ where: { flowId: id, ...visibleViolations(ctx) }, include: violationInclude, orderBy: { severity: "desc" } });
  return {
    id: flow.id,
    name: flow.name,
    interface: { id: flow.interface.id, name: flow.interface.name },
    producerSystem: { id: flow.interface.system.id, name: flow.interface.system.name },
    consumerSystem: { id: flow.consumerSystem.id, name: flow.consumerSystem.name },
    dataCategories: flow.dataCategories,
    dataSubjects: flow.dataSubjects,
    specialCategories: flow.specialCategories,
    art9Condition: flow.art9Condition,
    pciElements: flow.pciElements,
    classification: flow.classification,
    effectiveClassification: highestLevel([flow.classification, facts?.fieldLevel as Level | null]),
    sourceCountry: flow.sourceCountry,
    destinationCountry: flow.destinationCountry,
    transferTool: flow.transferTool,
    transferDocument: flow.transferDocument,
    transferSccModule: flow.transferSccModule,
    transferSignedOn: flow.transferSignedOn ? flow.transferSignedOn.toISOString().slice(0, 10) : null,
    transferDerogation: flow.transferDerogation,
    transferTia: flow.transferTia,
    transferDpfCertification: flow.transferDpfCertification,
    purpose: flow.purpose,
    lawfulBasis: flow.lawfulBasis,
    encryptedInTransit: flow.encryptedInTransit,
    // The ones the caller may see (listViolations' rule).
    violations: violations.map(toViolation),
    canEdit: canEditFlow(ctx, flow),
  };
}

/**
 * Changes a flow's compliance facts, writes the audit event and re-evaluates the policies for the flow in the same
 * transaction: the violations a change opens or closes commit with it.
 */
export async function updateFlowCompliance(ctx: Ctx, id: string, input: UpdateFlowComplianceInput): Promise<FlowCompliance> {
  requirePermission(ctx, "catalog.read");
  return db().$transaction(async (tx) => {
    const before = await tx.flow.findUnique({ where: { id }, include: flowInclude });
    if (!before) throw notFound("Flow");
    if (!canEditFlow(ctx, before)) throw new AppError("FORBIDDEN", "Only compliance officers and the producing or consuming team may change this flow's compliance facts");
    const data: Prisma.FlowUpdateInput = {};
    for (const key of COMPLIANCE_KEYS) if (input[key] !== undefined) (data as Record<string, unknown>)[key] = input[key];
    if (input.transferSignedOn) data.transferSignedOn = new Date(`${input.transferSignedOn}T00:00:00Z`);
    for (const key of ["dataCategories", "dataSubjects", "specialCategories", "pciElements"] as const) {
      if (input[key]) (data as Record<string, unknown>)[key] = [...new Set(input[key])];
    }
    const after = await tx.flow.update({ where: { id }, data, include: flowInclude });
    const [b, a] = [auditView(before), auditView(after)];
    const changed = COMPLIANCE_KEYS.filter((k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]));
    if (changed.length) {
      await recordAudit(tx, ctx, {
        action: "flow.compliance_update",
        entityType: "flow",
        entityId: id,
        before: Object.fromEntries(changed.map((k) => [k, b[k]])),
        after: Object.fromEntries(changed.map((k) => [k, a[k]])),
      });
      await recomputeViolations(tx, { flowIds: [id] });
    }
    return getFlowCompliance(ctx, id, tx);
  });
}
