import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import { systemCtx } from "./require";

type Tx = Prisma.TransactionClient;

export async function sessionVersionOf(userId: string | undefined): Promise<number> {
  if (!userId) return 0;
  return (await db().user.findUnique({ where: { id: userId }, select: { sessionVersion: true } }))?.sessionVersion ?? 0;
}

/**
 * Ends a user's browser sessions (raising the version their session cookies carry) and, unless told otherwise,
 * revokes their API tokens, inside the caller's transaction so the change and its consequences land together.
 */
export async function endSessionsIn(tx: Tx, userId: string, options: { revokeTokens: boolean }): Promise<{ tokensRevoked: number }> {
  await tx.user.update({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  if (!options.revokeTokens) return { tokensRevoked: 0 };
  const { count } = await tx.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: new Date() } });
  return { tokensRevoked: count };
}

/** endSessionsIn in its own transaction, audited (sign-out). */
export async function endSessions(userId: string, options: { revokeTokens: boolean; reason: string }): Promise<void> {
  await db().$transaction(async (tx) => {
    const { tokensRevoked } = await endSessionsIn(tx, userId, options);
    await recordAudit(tx, systemCtx(options.reason), { action: "auth.sessions_ended", entityType: "user", entityId: userId, after: { reason: options.reason, tokensRevoked } });
  });
}
