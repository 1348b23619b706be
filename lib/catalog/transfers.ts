import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { dispatch } from "@/lib/contracts/delivery";
import { notify } from "@/lib/contracts/notify";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { DecidedTransfer, DecideTransferInput, PendingTransfer } from "./schemas";

type Tx = Prisma.TransactionClient;
type Owned = { id: string; name: string; ownerTeamId: string | null; system: { ownerTeamId: string | null } };

/** The team whose members may edit an interface: its own owner, else its system's. */
export const effectiveOwner = (row: Pick<Owned, "ownerTeamId" | "system">) => row.ownerTeamId ?? row.system.ownerTeamId;

const link = (interfaceId: string) => `/catalog/interfaces/${interfaceId}`;
const teamName = async (tx: Tx, id: string | null) => (id ? ((await tx.team.findUnique({ where: { id }, select: { name: true } }))?.name ?? "a deleted team") : "no team");

/**
 * Moving an interface to another owner team, from a metadata edit. A producer cannot give an interface away
 * unasked: unless the caller may accept for the receiving team (its lead, or an admin), the move becomes a
 * pending request that the receiving team's leads are told about. Returns the owner to write now (undefined:
 * unchanged) and the webhook deliveries to send once committed.
 */
export async function moveOwner(tx: Tx, ctx: Ctx, row: Owned, toTeamId: string | null, note?: string): Promise<{ ownerTeamId?: string | null; deliveries: string[] }> {
  const from = effectiveOwner(row);
  // "The system's owner" (null) hands the interface to the system's team.
  const receiving = toTeamId ?? row.system.ownerTeamId;
  if (receiving === from) return { ownerTeamId: toTeamId, deliveries: [] };
  if (!receiving) {
    if (!can(ctx, "interface.transfer.accept")) throw new AppError("FORBIDDEN", "Only an admin leaves an interface without an owner team");
    return { ownerTeamId: null, deliveries: [] };
  }
  await tx.$queryRaw`SELECT id FROM interface WHERE id = ${row.id}::uuid FOR UPDATE`;
  const pending = await tx.interfaceTransfer.findFirst({ where: { interfaceId: row.id, status: "PENDING" }, select: { toTeam: { select: { name: true } } } });
  if (pending) {
    throw new AppError("CONFLICT", `A transfer of ${row.name} to ${pending.toTeam.name} is already waiting for a decision; cancel it first`, {
      errors: [{ pointer: "/ownerTeamId", message: "A transfer is already pending" }],
    });
  }
  const transfer = await tx.interfaceTransfer.create({ data: { interfaceId: row.id, fromTeamId: from, toTeamId: receiving, note: note ?? null, requestedById: ctx.actor?.id ?? null } });
  await recordAudit(tx, ctx, { action: "interface.transfer_request", entityType: "interface", entityId: row.id, after: { transferId: transfer.id, fromTeamId: from, toTeamId: receiving } });
  // The receiving team's lead (or an admin) asking is their consent: the request is accepted at once.
  if (can(ctx, "interface.transfer.accept", { ownerTeamId: receiving })) {
    const deliveries = await settle(tx, ctx, transfer.id, { decision: "ACCEPT" }, row);
    return { deliveries };
  }
  const leads = await tx.membership.findMany({ where: { teamId: receiving, role: "LEAD", user: { active: true } }, select: { userId: true } });
  const admins = leads.length ? [] : await tx.user.findMany({ where: { role: "ADMIN", active: true }, select: { id: true } });
  const deliveries = await notify(
    tx,
    { userIds: leads.length ? leads.map((l) => l.userId) : admins.map((a) => a.id), exceptUserId: ctx.actor?.id },
    {
      kind: "interface.transfer_requested",
      title: `${ctx.actor?.name ?? "Someone"} asks ${await teamName(tx, receiving)} to take over ${row.name}`,
      body: `From ${await teamName(tx, from)}.${note ? ` ${note}` : ""} Accept or decline it on the interface's page.`,
      link: link(row.id),
    },
    { interface: { id: row.id, name: row.name }, transferId: transfer.id },
  );
  return { deliveries };
}

/** The receiving team's lead or an admin accepts or declines a pending transfer; the requester's side may cancel it. */
export async function decideTransfer(ctx: Ctx, transferId: string, input: DecideTransferInput): Promise<DecidedTransfer> {
  requirePermission(ctx, "catalog.read");
  const { outcome, deliveries } = await db().$transaction(async (tx) => {
    const found = await tx.interfaceTransfer.findUnique({ where: { id: transferId }, select: { interfaceId: true } });
    if (!found) throw notFound("Transfer");
    await tx.$queryRaw`SELECT id FROM interface WHERE id = ${found.interfaceId}::uuid FOR UPDATE`;
    const row = await tx.interface.findUniqueOrThrow({ where: { id: found.interfaceId }, select: { id: true, name: true, ownerTeamId: true, system: { select: { ownerTeamId: true } } } });
    const deliveries = await settle(tx, ctx, transferId, input, row);
    const settled = await tx.interfaceTransfer.findUniqueOrThrow({ where: { id: transferId }, select: { status: true } });
    const team = { select: { id: true, name: true } };
    const owner = await tx.interface.findUniqueOrThrow({ where: { id: row.id }, select: { ownerTeam: team, system: { select: { ownerTeam: team } } } });
    return { outcome: { id: transferId, status: settled.status, interfaceId: row.id, ownerTeam: owner.ownerTeam ?? owner.system.ownerTeam }, deliveries };
  });
  dispatch(deliveries);
  return outcome;
}

async function settle(tx: Tx, ctx: Ctx, transferId: string, input: DecideTransferInput, row: Owned): Promise<string[]> {
  const transfer = await tx.interfaceTransfer.findUniqueOrThrow({ where: { id: transferId } });
  if (transfer.status !== "PENDING") throw new AppError("CONFLICT", `This transfer was already ${transfer.status.toLowerCase()}`);
  if (input.decision === "CANCEL") {
    const mayCancel = transfer.requestedById === ctx.actor?.id || can(ctx, "catalog.write", { ownerTeamId: effectiveOwner(row) });
    if (!mayCancel) throw new AppError("FORBIDDEN", "Only the requester or the interface's owners cancel a transfer");
  } else {
    requirePermission(ctx, "interface.transfer.accept", { ownerTeamId: transfer.toTeamId });
  }
  if (input.decision === "ACCEPT" && effectiveOwner(row) !== transfer.fromTeamId) {
    throw new AppError("CONFLICT", `${row.name} changed owner since the transfer was requested; ask for a new transfer`);
  }
  const status = input.decision === "ACCEPT" ? "ACCEPTED" : input.decision === "DECLINE" ? "DECLINED" : "CANCELLED";
  await tx.interfaceTransfer.update({ where: { id: transferId }, data: { status, decidedById: ctx.actor?.id ?? null, decidedAt: new Date(), decisionNote: input.note ?? null } });
  if (status === "ACCEPTED") await tx.interface.update({ where: { id: row.id }, data: { ownerTeamId: transfer.toTeamId } });
  await recordAudit(tx, ctx, {
    action: `interface.transfer_${input.decision.toLowerCase()}`,
    entityType: "interface",
    entityId: row.id,
    before: { transferId, status: "PENDING", ownerTeamId: effectiveOwner(row) },
    after: { transferId, status, ownerTeamId: status === "ACCEPTED" ? transfer.toTeamId : effectiveOwner(row), note: input.note ?? null },
  });
  const toName = await teamName(tx, transfer.toTeamId);
  return notify(
    tx,
    { teamIds: transfer.fromTeamId ? [transfer.fromTeamId] : [], userIds: transfer.requestedById ? [transfer.requestedById] : [], exceptUserId: ctx.actor?.id },
    {
      kind: `interface.transfer_${status.toLowerCase()}`,
      title: `${toName} ${status === "ACCEPTED" ? "took over" : status === "DECLINED" ? "declined to take over" : "will not take over (cancelled)"} ${row.name}`,
      body: input.note,
      link: link(row.id),
    },
    { interface: { id: row.id, name: row.name }, transferId, status },
  );
}

/** The interface's open transfer request, if any, with what the caller may do about it. */
export async function pendingTransfer(ctx: Ctx, interfaceId: string): Promise<PendingTransfer | null> {
  requirePermission(ctx, "catalog.read");
  const t = await db().interfaceTransfer.findFirst({
    where: { interfaceId, status: "PENDING" },
    include: { fromTeam: { select: { id: true, name: true } }, toTeam: { select: { id: true, name: true } }, requestedBy: { select: { id: true, name: true } } },
  });
  if (!t) return null;
  const owner = await db().interface.findUniqueOrThrow({ where: { id: interfaceId }, select: { ownerTeamId: true, system: { select: { ownerTeamId: true } } } });
  return {
    id: t.id,
    fromTeam: t.fromTeam,
    toTeam: t.toTeam,
    requestedBy: t.requestedBy?.name ?? null,
    note: t.note,
    createdAt: t.createdAt.toISOString(),
    canDecide: can(ctx, "interface.transfer.accept", { ownerTeamId: t.toTeamId }),
    canCancel: t.requestedBy?.id === ctx.actor?.id || can(ctx, "catalog.write", { ownerTeamId: effectiveOwner(owner) }),
  };
}
