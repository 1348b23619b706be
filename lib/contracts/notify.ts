import "server-only";
import type { Prisma } from "@/lib/db/generated/client";

type Tx = Prisma.TransactionClient;

export type Audience = { teamIds?: readonly string[]; compliance?: boolean; userIds?: readonly string[]; exceptUserId?: string | null };
export type Message = { kind: string; title: string; body?: string; link: string; contractId?: string };

/**
 * In-app notifications for everyone in the audience (team members, compliance officers, named users), written
 * in the caller's transaction, and one webhook delivery per audience team that has an active webhook.
 * Returns the delivery ids, to be sent once the transaction has committed.
 */
export async function notify(tx: Tx, audience: Audience, message: Message, payload: Record<string, unknown>): Promise<string[]> {
  const teamIds = [...new Set(audience.teamIds ?? [])];
  const users = await tx.user.findMany({
    where: {
      active: true,
      OR: [
        ...(teamIds.length ? [{ memberships: { some: { teamId: { in: teamIds } } } }] : []),
        ...(audience.compliance ? [{ role: "COMPLIANCE" as const }] : []),
        ...(audience.userIds?.length ? [{ id: { in: [...audience.userIds] } }] : []),
      ],
    },
    select: { id: true },
  });
  const recipients = users.map((u) => u.id).filter((id) => id !== audience.exceptUserId);
  if (recipients.length) {
    await tx.notification.createMany({
      data: recipients.map((userId) => ({ userId, kind: message.kind, title: message.title, body: message.body ?? null, link: message.link, contractId: message.contractId ?? null })),
    });
  }
  if (!teamIds.length) return [];
  const hooks = await tx.teamWebhook.findMany({ where: { teamId: { in: teamIds }, active: true }, select: { id: true, teamId: true } });
  const ids: string[] = [];
  for (const hook of hooks) {
    const delivery = await tx.webhookDelivery.create({
      data: {
        webhookId: hook.id,
        event: message.kind,
        payload: { event: message.kind, title: message.title, body: message.body ?? null, link: message.link, teamId: hook.teamId, ...payload } as Prisma.InputJsonObject,
        nextAttemptAt: new Date(),
      },
      select: { id: true },
    });
    ids.push(delivery.id);
  }
  return ids;
}
