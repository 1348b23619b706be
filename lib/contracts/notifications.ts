import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { db } from "@/lib/db/client";
import type { NotificationList } from "./schemas";

/** The caller's own notifications, newest first, with the unread count for the bell. */
export async function listNotifications(ctx: Ctx, options: { unreadOnly?: boolean } = {}): Promise<NotificationList> {
  const userId = ctx.actor?.id;
  if (!userId) throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  const [rows, unread] = await Promise.all([
    db().notification.findMany({ where: { userId, ...(options.unreadOnly ? { readAt: null } : {}) }, orderBy: { createdAt: "desc" }, take: 50 }),
    db().notification.count({ where: { userId, readAt: null } }),
  ]);
  return {
    items: rows.map((n) => ({ id: n.id, kind: n.kind, title: n.title, body: n.body, link: n.link, readAt: n.readAt?.toISOString() ?? null, createdAt: n.createdAt.toISOString() })),
    unread,
  };
}

/** Marks the given notifications (or all) read. Only ever the caller's own, so it needs no audit row. */
export async function markNotificationsRead(ctx: Ctx, ids?: string[]): Promise<{ updated: number }> {
  const userId = ctx.actor?.id;
  if (!userId) throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  const { count } = await db().notification.updateMany({ where: { userId, readAt: null, ...(ids ? { id: { in: ids } } : {}) }, data: { readAt: new Date() } });
  return { updated: count };
}
