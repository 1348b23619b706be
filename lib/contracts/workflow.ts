import "server-only";
import protobuf from "protobufjs";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { ImportError, importLimitsFromEnv } from "@/lib/catalog/import/model";
import { loadSource } from "@/lib/catalog/import/source";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { dispatch } from "./delivery";
import { transition, type LifecycleEvent } from "./lifecycle";
import { contractInclude, consumerTeams, diffProposal, earlierPublished, gateOf, interfaceSelect, producerTeam, siblingsOf, type ContractRow } from "./load";
import { notify } from "./notify";
import { compareVersions, complianceReasons, decisionRefusal, ownRequest, requiredApprovers, selfRefusal, type May, type Refusal } from "./rules";
import type { CommentInput, ContractContent, ContractStatus, DecisionInput, ProposeContractInput, SubscribeInput, TransitionInput, UpdateDraftInput } from "./schemas";

type Tx = Prisma.TransactionClient;
type Outcome = { id: string; deliveries: string[] };

const link = (id: string) => `/contracts/${id}`;
const TX = { maxWait: 10_000, timeout: 30_000 };

/** Runs a workflow step in one transaction, then sends its webhooks once it has committed. */
async function run(step: (tx: Tx) => Promise<Outcome>): Promise<{ id: string }> {
  const outcome = await db().$transaction(step, TX);
  dispatch(outcome.deliveries);
  return { id: outcome.id };
}

function auditView(row: { version: string; status: string; compatibilityMode: string; schemaFormat: string; classification: string; personalData: boolean; crossBorderTransfer: boolean; sla: unknown; errorHandling: unknown }) {
  const { version, status, compatibilityMode, schemaFormat, classification, personalData, crossBorderTransfer, sla, errorHandling } = row;
  return { version, status, compatibilityMode, schemaFormat, classification, personalData, crossBorderTransfer, sla, errorHandling };
}

/** The schema must at least parse in its format; lib/diff judges compatibility at submission. */
export function checkSchema(format: string, text: string): void {
  try {
    if (format === "PROTOBUF") protobuf.parse(text, { keepCase: true });
    else {
      // The importer's parser and limits: size, nesting (scanned before parsing), aliases, one document.
      const { values } = loadSource("schema.yaml", text, importLimitsFromEnv());
      if (values.length !== 1) throw new Error("expected one document");
      if (values[0] === null || typeof values[0] !== "object") throw new Error("expected an object");
    }
  } catch (error) {
    if (error instanceof ImportError) {
      const [first] = error.problems;
      const where = first?.line ? ` (line ${first.line}${first.column ? `, column ${first.column}` : ""})` : "";
      throw new AppError("VALIDATION", `The schema is not valid ${format}: ${first?.message ?? error.message}${where}`, { errors: [{ pointer: "/schema", message: `${first?.message ?? error.message}${where}` }] });
    }
    throw new AppError("VALIDATION", `The schema is not valid ${format}: ${(error as Error).message}`, { errors: [{ pointer: "/schema", message: (error as Error).message }] });
  }
}

async function loadRow(tx: Tx, id: string): Promise<ContractRow> {
  const row = await tx.dataContract.findUnique({ where: { id }, include: contractInclude });
  if (!row) throw notFound("Contract");
  return row;
}

function step(from: ContractStatus, event: LifecycleEvent, options?: { sunsetDate?: Date | null }): ContractStatus {
  const result = transition(from, event, options);
  if (!result.ok) throw new AppError("CONFLICT", result.reason);
  return result.to;
}

function requireProducer(ctx: Ctx, row: Pick<ContractRow, "interface">): void {
  requirePermission(ctx, "contract.propose", { ownerTeamId: producerTeam(row.interface)?.id ?? null });
}

export async function proposeContract(ctx: Ctx, input: ProposeContractInput): Promise<{ id: string }> {
  const iface = await db().interface.findUnique({ where: { id: input.interfaceId }, select: interfaceSelect });
  if (!iface) throw new AppError("NOT_FOUND", "Interface not found", { errors: [{ pointer: "/interfaceId", message: "No such interface" }] });
  const owner = producerTeam(iface);
  requirePermission(ctx, "contract.propose", { ownerTeamId: owner?.id ?? null });
  checkSchema(input.schemaFormat, input.schema);
  return run(async (tx) => {
    const siblings = await siblingsOf(tx, iface.id);
    const newer = siblings.find((s) => compareVersions(s.version, input.version) >= 0);
    if (newer) {
      throw new AppError("CONFLICT", `Version ${input.version} must be higher than every existing version (${newer.version} exists)`, {
        errors: [{ pointer: "/version", message: `Must be higher than ${siblings[siblings.length - 1].version}` }],
      });
    }
    const open = siblings.find((s) => s.status === "DRAFT" || s.status === "IN_REVIEW");
    if (open) throw new AppError("CONFLICT", `Version ${open.version} is still ${open.status === "DRAFT" ? "a draft" : "in review"}; finish or revise it first`);
    const { submit: _submit, interfaceId: _interfaceId, ...content } = input;
    const created = await tx.dataContract.create({
      data: { ...content, interfaceId: iface.id, ownerTeamId: owner?.id ?? null, status: "DRAFT", proposedById: ctx.actor?.id ?? null },
      include: contractInclude,
    });
    await recordAudit(tx, ctx, { action: "contract.propose", entityType: "contract", entityId: created.id, after: { interface: iface.name, ...auditView(created) } });
    const deliveries = input.submit ? await submitRow(tx, ctx, created) : [];
    return { id: created.id, deliveries };
  });
}

export async function updateDraft(ctx: Ctx, id: string, input: UpdateDraftInput): Promise<{ id: string }> {
  return run(async (tx) => {
    const before = await loadRow(tx, id);
    requireProducer(ctx, before);
    if (before.status !== "DRAFT") throw new AppError("CONFLICT", `Only a draft can be edited; this version is ${before.status.toLowerCase().replace("_", " ")}`);
    if (input.schema !== undefined || input.schemaFormat !== undefined) checkSchema(input.schemaFormat ?? before.schemaFormat, input.schema ?? before.schema);
    if (input.version && input.version !== before.version) {
      const siblings = await siblingsOf(tx, before.interfaceId);
      const clash = siblings.find((s) => s.id !== id && compareVersions(s.version, input.version!) >= 0);
      if (clash) throw new AppError("CONFLICT", `Version ${input.version} must be higher than ${clash.version}`, { errors: [{ pointer: "/version", message: "Too low" }] });
    }
    const after = await tx.dataContract.update({ where: { id }, data: input satisfies Partial<ContractContent>, include: contractInclude });
    await recordAudit(tx, ctx, { action: "contract.update", entityType: "contract", entityId: id, before: auditView(before), after: auditView(after) });
    return { id, deliveries: [] };
  });
}

/**
 * DRAFT -> IN_REVIEW: diff against earlier published versions, one approval request per required approver
 * (replacing any from an earlier round), notifications and webhooks to each of them.
 */
async function submitRow(tx: Tx, ctx: Ctx, row: ContractRow): Promise<string[]> {
  const to = step(row.status, "submit");
  const siblings = await siblingsOf(tx, row.interfaceId);
  let diff;
  try {
    diff = diffProposal({ version: row.version, schema: row.schema, schemaFormat: row.schemaFormat, mode: row.compatibilityMode }, earlierPublished(siblings, row.version));
  } catch (error) {
    throw new AppError("VALIDATION", `The schema could not be compared with earlier versions: ${(error as Error).message}`, { errors: [{ pointer: "/schema", message: (error as Error).message }] });
  }
  const producer = producerTeam(row.interface);
  const reasons = complianceReasons(row);
  const approvers = requiredApprovers({ producerTeamId: producer?.id ?? null, consumerTeams: consumerTeams(row.interface), compliance: reasons.length > 0 });
  await tx.approvalRequest.deleteMany({ where: { contractId: row.id } });
  await tx.approvalRequest.createMany({ data: approvers.map((a) => ({ contractId: row.id, kind: a.kind, teamId: a.teamId, approverKey: a.key })) });
  // With nobody to ask (no consumers, no regulated data) the version is approved as it is submitted.
  const status = approvers.length === 0 ? step(to, "approve") : to;
  await tx.dataContract.update({
    where: { id: row.id },
    data: { status, submittedAt: new Date(), breaking: diff.breaking, changes: diff.changes as unknown as Prisma.InputJsonArray },
  });
  await recordAudit(tx, ctx, {
    action: "contract.submit",
    entityType: "contract",
    entityId: row.id,
    before: { status: row.status },
    after: { status, version: row.version, breaking: diff.breaking, changes: diff.changes.length, approvers: approvers.map((a) => a.label), complianceReasons: reasons },
  });
  const title = `${row.interface.name} ${row.version} needs your review`;
  const body = `${diff.breaking ? "Breaking: " : ""}${diff.changes.length} change(s) under ${row.compatibilityMode}.${row.changeNote ? ` ${row.changeNote}` : ""}`;
  const payload = { contract: { id: row.id, interface: row.interface.name, version: row.version, breaking: diff.breaking } };
  return notify(
    tx,
    { teamIds: approvers.flatMap((a) => (a.teamId ? [a.teamId] : [])), compliance: reasons.length > 0, exceptUserId: ctx.actor?.id },
    { kind: "contract.review_requested", title, body, link: link(row.id), contractId: row.id },
    payload,
  );
}

/** A refusal's code picks the status; its message is for people. */
function refusalError(refusal: Refusal): AppError {
  return new AppError(refusal.code === "NOT_IN_REVIEW" || refusal.code === "ALREADY_DECIDED" ? "CONFLICT" : "FORBIDDEN", refusal.message);
}

export async function decide(ctx: Ctx, id: string, input: DecisionInput): Promise<{ id: string }> {
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  return run(async (tx) => {
    const row = await loadRow(tx, id);
    const producer = producerTeam(row.interface);
    const proposal = { status: row.status, ownerTeamId: producer?.id ?? null, ownerTeamName: producer?.name, proposedById: row.proposedById };
    // Checked before the permission so the producer hears why, whatever rights their role or other teams give.
    const self = selfRefusal(actor, proposal);
    if (self) throw refusalError(self);
    const may: May = (permission, resource) => can(ctx, permission, resource);
    const breakGlass = input.breakGlassReason !== undefined;
    if (breakGlass) {
      requirePermission(ctx, "contract.break_glass");
      if (!input.approvalId) throw new AppError("VALIDATION", "Break-glass names the one request it overrides", { errors: [{ pointer: "/approvalId", message: "Required with breakGlassReason" }] });
    } else {
      requirePermission(ctx, "contract.approve", { consumerTeamIds: row.approvals.flatMap((a) => (a.teamId ? [a.teamId] : [])) });
    }
    const label = (a: ContractRow["approvals"][number]) => a.team?.name ?? "Compliance";
    const request = (a: ContractRow["approvals"][number]) => ({ kind: a.kind, teamId: a.teamId, decision: a.decision, label: label(a) });
    const chosen = input.approvalId
      ? row.approvals.filter((a) => a.id === input.approvalId)
      : row.approvals.filter((a) => a.decision === "PENDING" && ownRequest(may, request(a)));
    if (input.approvalId && chosen.length === 0) throw notFound("Approval request");
    if (chosen.length === 0) throw new AppError("FORBIDDEN", "No review on this version is waiting for you");
    for (const a of chosen) {
      const refusal = decisionRefusal(actor, may, request(a), proposal);
      // Break-glass overrides only "not your review": never the producer's own change, a decided request or a closed version.
      if (refusal && !(breakGlass && refusal.code === "NOT_YOUR_REVIEW")) throw refusalError(refusal);
    }
    const decision = input.decision === "APPROVE" ? "APPROVED" : input.decision === "REJECT" ? "REJECTED" : "CHANGES_REQUESTED";
    for (const a of chosen) {
      await tx.approvalRequest.update({ where: { id: a.id }, data: { decision, comment: input.comment ?? null, decidedById: actor.id, decidedAt: new Date() } });
      await recordAudit(tx, ctx, {
        action: breakGlass ? "contract.break_glass" : `contract.${input.decision.toLowerCase()}`,
        entityType: "contract",
        entityId: row.id,
        before: { approver: label(a), decision: a.decision },
        after: { approver: label(a), decision, comment: input.comment ?? null, version: row.version, ...(breakGlass ? { breakGlassReason: input.breakGlassReason } : {}) },
      });
    }
    if (input.comment) {
      await tx.contractComment.create({ data: { contractId: row.id, authorId: actor.id, body: `${decision === "REJECTED" ? "Rejected" : decision === "APPROVED" ? "Approved" : "Changes requested"}: ${input.comment}` } });
    }
    const decidedIds = new Set(chosen.map((a) => a.id));
    const allApproved = row.approvals.every((a) => decidedIds.has(a.id) ? decision === "APPROVED" : a.decision === "APPROVED");
    const event: LifecycleEvent | null = decision === "REJECTED" ? "reject" : decision === "CHANGES_REQUESTED" ? "request_changes" : allApproved ? "approve" : null;
    let status = row.status;
    if (event) {
      status = step(row.status, event);
      await tx.dataContract.update({ where: { id: row.id }, data: { status } });
      await recordAudit(tx, ctx, { action: "contract.status", entityType: "contract", entityId: row.id, before: { status: row.status }, after: { status, version: row.version } });
    }
    const who = chosen.map(label).join(", ");
    const verb = decision === "APPROVED" ? "approved" : decision === "REJECTED" ? "rejected" : "requested changes to";
    const deliveries = await notify(
      tx,
      {
        // A break-glass decision is also told to the team (or compliance) whose review was overridden.
        teamIds: [...(producer ? [producer.id] : []), ...(breakGlass ? chosen.flatMap((a) => (a.teamId ? [a.teamId] : [])) : [])],
        compliance: breakGlass && chosen.some((a) => a.kind === "COMPLIANCE"),
        userIds: row.proposedById ? [row.proposedById] : [],
        exceptUserId: actor.id,
      },
      {
        kind: "contract.decision",
        title: `${breakGlass ? `Break-glass by ${actor.name}: ` : ""}${who} ${verb} ${row.interface.name} ${row.version}`,
        body: breakGlass ? `Emergency override: ${input.breakGlassReason}` : (input.comment ?? (status === "APPROVED" ? "Every required approval is in; the version can be activated." : undefined)),
        link: link(row.id),
        contractId: row.id,
      },
      { contract: { id: row.id, interface: row.interface.name, version: row.version, status }, decision, approver: who },
    );
    return { id: row.id, deliveries };
  });
}

export async function transitionContract(ctx: Ctx, id: string, input: TransitionInput): Promise<{ id: string }> {
  return run(async (tx) => {
    const row = await loadRow(tx, id);
    requireProducer(ctx, row);
    if (input.action === "submit") return { id, deliveries: await submitRow(tx, ctx, row) };
    const sunsetDate = input.sunsetDate ? new Date(`${input.sunsetDate}T00:00:00Z`) : null;
    const to = step(row.status, input.action, { sunsetDate });
    if (input.action === "activate") {
      const blockers = gateOf(row, await siblingsOf(tx, row.interfaceId));
      if (blockers.length) throw new AppError("CONFLICT", `Version ${row.version} cannot activate: ${blockers.join("; ")}`);
    }
    await tx.dataContract.update({
      where: { id },
      data: { status: to, ...(input.action === "activate" ? { activatedAt: new Date() } : {}), ...(input.action === "deprecate" ? { sunsetDate } : {}) },
    });
    await recordAudit(tx, ctx, {
      action: `contract.${input.action}`,
      entityType: "contract",
      entityId: id,
      before: { status: row.status },
      after: { status: to, version: row.version, ...(sunsetDate ? { sunsetDate: input.sunsetDate } : {}) },
    });
    const consumers = consumerTeams(row.interface).map((t) => t.id);
    const deliveries = await notify(
      tx,
      { teamIds: consumers, exceptUserId: ctx.actor?.id },
      {
        kind: `contract.${input.action}`,
        title: `${row.interface.name} ${row.version} is now ${to.toLowerCase()}`,
        body: input.action === "deprecate" ? `Sunset on ${input.sunsetDate}: move your flows to a newer version.` : undefined,
        link: link(id),
        contractId: id,
      },
      { contract: { id, interface: row.interface.name, version: row.version, status: to } },
    );
    return { id, deliveries };
  });
}

export async function addComment(ctx: Ctx, contractId: string, input: CommentInput): Promise<{ id: string }> {
  requirePermission(ctx, "contract.read");
  const actor = ctx.actor;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in to take part in the discussion");
  return run(async (tx) => {
    const row = await loadRow(tx, contractId);
    if (input.parentId && !(await tx.contractComment.findFirst({ where: { id: input.parentId, contractId } }))) {
      throw new AppError("VALIDATION", "The comment you reply to is not on this contract", { errors: [{ pointer: "/parentId", message: "Unknown comment" }] });
    }
    const comment = await tx.contractComment.create({ data: { contractId, parentId: input.parentId ?? null, authorId: actor.id, body: input.body } });
    await recordAudit(tx, ctx, { action: "contract.comment", entityType: "contract", entityId: contractId, after: { commentId: comment.id, parentId: input.parentId ?? null, body: input.body } });
    const producer = producerTeam(row.interface);
    const teams = [...(producer ? [producer.id] : []), ...row.approvals.flatMap((a) => (a.teamId ? [a.teamId] : []))];
    await notify(
      tx,
      { teamIds: [], userIds: await memberIds(tx, teams), exceptUserId: actor.id },
      { kind: "contract.comment", title: `${actor.name} commented on ${row.interface.name} ${row.version}`, body: input.body.slice(0, 300), link: link(contractId), contractId },
      {},
    );
    return { id: comment.id, deliveries: [] };
  });
}

async function memberIds(tx: Tx, teamIds: string[]): Promise<string[]> {
  if (!teamIds.length) return [];
  return (await tx.membership.findMany({ where: { teamId: { in: teamIds } }, select: { userId: true } })).map((m) => m.userId);
}

/** A consumer team points one of its flows at this version (moving it off any other version of the contract). */
export async function subscribeFlow(ctx: Ctx, contractId: string, input: SubscribeInput): Promise<{ id: string }> {
  return run(async (tx) => {
    const row = await loadRow(tx, contractId);
    const flow = row.interface.flows.find((f) => f.id === input.flowId);
    if (!flow) throw new AppError("VALIDATION", "The flow does not consume this contract's interface", { errors: [{ pointer: "/flowId", message: "Not a consumer of this interface" }] });
    requirePermission(ctx, "contract.subscribe", { consumerTeamIds: flow.consumerSystem.ownerTeam ? [flow.consumerSystem.ownerTeam.id] : [] });
    if (!["APPROVED", "ACTIVE", "DEPRECATED"].includes(row.status)) throw new AppError("CONFLICT", `Flows subscribe to approved or active versions; this one is ${row.status.toLowerCase().replace("_", " ")}`);
    const previous = await tx.contractSubscription.findMany({ where: { flowId: flow.id, contract: { interfaceId: row.interfaceId } }, include: { contract: { select: { version: true } } } });
    await tx.contractSubscription.deleteMany({ where: { id: { in: previous.map((p) => p.id) } } });
    const created = await tx.contractSubscription.create({ data: { contractId, flowId: flow.id } });
    await recordAudit(tx, ctx, {
      action: "contract.subscribe",
      entityType: "contract",
      entityId: contractId,
      before: previous.length ? { flow: flow.name, versions: previous.map((p) => p.contract.version) } : null,
      after: { flow: flow.name, version: row.version },
    });
    return { id: created.id, deliveries: [] };
  });
}
