import "server-only";
// Contract work in progress for the demo estate, made through the real workflow (lib/contracts/workflow.ts) as the
// demo people would, so every step has its audit rows, approval requests, comments and notifications:
//   - a compatible version in review, waiting in the consumers' inboxes (Order Management's among them);
//   - a breaking version rejected by a consumer, with the discussion that followed;
//   - a version replaced by a newer one and deprecated with a sunset date.
// The Payments API is left alone: it is the producer@ demo user's own story (e2e/ui/contracts.spec.ts).
import type { Actor, Ctx } from "@/lib/auth/can";
import { addComment, decide, proposeContract, transitionContract } from "@/lib/contracts/workflow";
import type { PrismaClient } from "@/lib/db/generated/client";
import { logger } from "@/lib/log";

type Candidate = { contractId: string; interfaceName: string; ownerTeamId: string; consumerTeamIds: string[] };

const ORDER_MANAGEMENT = "order-management";
const LEFT_ALONE_TEAMS = ["payments-platform"];

async function actorOf(prisma: PrismaClient, userId: string): Promise<Ctx> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: userId }, include: { memberships: { select: { teamId: true } } } });
  const actor: Actor = { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.memberships.map((m) => m.teamId) };
  return { actor, requestId: "demo-seed", via: "session" };
}

/** The lead of a team (or any member), as the person who acts for it in the demo. */
async function personOf(prisma: PrismaClient, teamId: string, exceptUserIds: string[] = []): Promise<string | null> {
  const members = await prisma.membership.findMany({ where: { teamId, userId: { notIn: exceptUserIds } }, orderBy: { userId: "asc" }, select: { userId: true, role: true } });
  return (members.find((m) => m.role === "LEAD") ?? members[0])?.userId ?? null;
}

function editSchema(schema: string, edit: (doc: { properties?: Record<string, unknown>; required?: string[] }) => void): string {
  const doc = JSON.parse(schema) as { properties?: Record<string, unknown>; required?: string[] };
  edit(doc);
  return `${JSON.stringify(doc, null, 2)}\n`;
}

async function candidates(prisma: PrismaClient): Promise<Candidate[]> {
  const contracts = await prisma.dataContract.findMany({
    where: { status: "ACTIVE", schemaFormat: "JSON_SCHEMA", ownerTeam: { slug: { notIn: LEFT_ALONE_TEAMS } } },
    select: { id: true, ownerTeamId: true, interface: { select: { name: true, flows: { select: { consumerSystem: { select: { ownerTeamId: true } } } } } } },
    orderBy: { interface: { name: "asc" } },
  });
  return contracts.flatMap((c) => {
    const consumerTeamIds = [...new Set(c.interface.flows.map((f) => f.consumerSystem.ownerTeamId).filter((t): t is string => !!t && t !== c.ownerTeamId))];
    return c.ownerTeamId && consumerTeamIds.length ? [{ contractId: c.id, interfaceName: c.interface.name, ownerTeamId: c.ownerTeamId, consumerTeamIds }] : [];
  });
}

async function propose(prisma: PrismaClient, candidate: Candidate, version: string, changeNote: string, edit: Parameters<typeof editSchema>[1]) {
  const base = await prisma.dataContract.findUniqueOrThrow({ where: { id: candidate.contractId } });
  const producerId = await personOf(prisma, candidate.ownerTeamId);
  if (!producerId) return null;
  const producer = await actorOf(prisma, producerId);
  const { id } = await proposeContract(producer, {
    interfaceId: base.interfaceId,
    version,
    compatibilityMode: base.compatibilityMode,
    schemaFormat: base.schemaFormat,
    schema: editSchema(base.schema, edit),
    sla: base.sla as Record<string, never>,
    errorHandling: base.errorHandling as Record<string, never>,
    classification: base.classification,
    personalData: base.personalData,
    crossBorderTransfer: base.crossBorderTransfer,
    description: base.description ?? undefined,
    changeNote,
    submit: true,
  });
  return { id, producer, producerId };
}

/** Decides every pending request on the version as the person acting for it; the proposer never decides. */
async function approveAll(prisma: PrismaClient, contractId: string, proposerId: string) {
  const pending = await prisma.approvalRequest.findMany({ where: { contractId, decision: "PENDING" } });
  for (const request of pending) {
    const userId = request.teamId
      ? await personOf(prisma, request.teamId, [proposerId])
      : (await prisma.user.findFirst({ where: { role: "COMPLIANCE" }, orderBy: { email: "asc" }, select: { id: true } }))?.id;
    if (!userId) return false;
    await decide(await actorOf(prisma, userId), contractId, { decision: "APPROVE", approvalId: request.id });
  }
  return true;
}

export async function seedDemoContractWork(prisma: PrismaClient, now = new Date()): Promise<Record<string, number>> {
  const all = await candidates(prisma);
  const orders = await prisma.team.findUnique({ where: { slug: ORDER_MANAGEMENT }, select: { id: true } });
  const forOrders = all.filter((c) => orders && c.consumerTeamIds.includes(orders.id));
  const used = new Set<string>();
  const pick = (list: Candidate[]) => {
    const found = list.find((c) => !used.has(c.contractId));
    if (found) used.add(found.contractId);
    return found;
  };
  const counts = { inReview: 0, rejected: 0, deprecated: 0 };

  // In review, in Order Management's inbox (and every other consuming team's).
  for (const candidate of [pick(forOrders), pick(forOrders)]) {
    if (!candidate) continue;
    const made = await propose(prisma, candidate, "1.1.0", "Adds an optional sales channel so consumers can split reporting by channel.", (doc) => {
      doc.properties = { ...doc.properties, salesChannel: { type: "string", description: "Where the business event started (web, app, store)", enum: ["web", "app", "store"] } };
    });
    if (made) counts.inReview += 1;
  }

  // Rejected with a discussion: a breaking change (a required field removed) under a backward-compatible mode.
  const rejected = pick(all);
  if (rejected) {
    const base = await prisma.dataContract.findUniqueOrThrow({ where: { id: rejected.contractId }, select: { schema: true } });
    const dropped = (JSON.parse(base.schema) as { required?: string[] }).required?.find((f) => f !== "eventId" && f !== "occurredAt");
    const made = dropped
      ? await propose(prisma, rejected, "2.0.0", `Removes ${dropped}: it is derived from other fields.`, (doc) => {
          doc.required = doc.required?.filter((f) => f !== dropped);
          if (doc.properties) delete doc.properties[dropped];
        })
      : null;
    const reviewerId = made && (await personOf(prisma, rejected.consumerTeamIds[0], [made.producerId]));
    if (made && reviewerId) {
      const reviewer = await actorOf(prisma, reviewerId);
      await decide(reviewer, made.id, { decision: "REJECT", comment: `Our reconciliation job reads ${dropped} on every event; removing it breaks us.` });
      await addComment(made.producer, made.id, { body: `Understood. We will keep ${dropped} and mark it deprecated in 1.2.0, then remove it no earlier than next quarter.` });
      await addComment(reviewer, made.id, { body: "That works for us; please give us a sunset date in the 1.2.0 notes." });
      counts.rejected += 1;
    }
  }

  // Deprecated with a sunset date: 1.1.0 approved and activated, 1.0.0 deprecated.
  const replaced = pick(all);
  if (replaced) {
    const made = await propose(prisma, replaced, "1.1.0", "Adds an optional correlation id for tracing across systems.", (doc) => {
      doc.properties = { ...doc.properties, correlationId: { type: "string", description: "Trace correlation id (W3C traceparent trace-id)" } };
    });
    if (made && (await approveAll(prisma, made.id, made.producerId))) {
      await transitionContract(made.producer, made.id, { action: "activate" });
      const sunset = new Date(now.getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
      await transitionContract(made.producer, replaced.contractId, { action: "deprecate", sunsetDate: sunset });
      counts.deprecated += 1;
    }
  }
  logger.info({ contractWork: counts }, "demo contract work in progress");
  return counts;
}
