import "server-only";
import { AppError } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { recordSignInFailure, recordSignInSuccess, signInWait } from "./rate-limit";
import { systemCtx } from "./require";

export type SignInChannel = "browser" | "token";
export type CheckedUser = { id: string; email: string; name: string; sessionVersion: number };

async function auditSignIn(action: string, requestId: string, userId: string | null, after: Record<string, unknown>): Promise<void> {
  await db().$transaction((tx) => recordAudit(tx, systemCtx(requestId), { action, entityType: "user", entityId: userId, after }));
}

/**
 * Checks an email and password for both the sign-in page and the token exchange. Failures slow down the account
 * from that address progressively (lib/auth/rate-limit.ts); an unknown email and a wrong password get the same
 * answer, so accounts cannot be enumerated. Successes, failures and throttling are audit events.
 */
export async function checkCredentials(email: string, password: string, clientAddress: string, channel: SignInChannel = "browser", requestId = "sign-in"): Promise<CheckedUser> {
  const normalized = email.trim().toLowerCase();
  const wait = await signInWait(normalized, clientAddress);
  if (wait > 0) {
    await auditSignIn("auth.sign_in_throttled", requestId, null, { email: normalized, address: clientAddress, channel, retryAfterSeconds: wait });
    throw new AppError("RATE_LIMITED", `Too many failed sign-in attempts; try again in ${wait} s`, { headers: { "Retry-After": String(wait) } });
  }
  const user = await db().user.findUnique({ where: { email: normalized } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !ok || !user.active) {
    const delaySeconds = await recordSignInFailure(normalized, clientAddress);
    await auditSignIn("auth.sign_in_failed", requestId, user?.id ?? null, { email: normalized, address: clientAddress, channel, delaySeconds });
    throw new AppError("UNAUTHENTICATED", "Wrong email or password");
  }
  await recordSignInSuccess(normalized, clientAddress);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await auditSignIn("auth.sign_in", requestId, user.id, { email: normalized, address: clientAddress, channel });
  return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
}
