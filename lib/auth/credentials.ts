import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { loginLimits } from "./rate-limit";

/**
 * Checks an email and password for both the sign-in page and the token exchange. Failures are rate limited per
 * email and per client address; an unknown email and a wrong password get the same answer, so accounts cannot be
 * enumerated.
 */
export async function checkCredentials(email: string, password: string, clientAddress: string): Promise<{ id: string; email: string; name: string }> {
  const normalized = email.trim().toLowerCase();
  const limits = loginLimits();
  const emailKey = normalized;
  const wait = Math.max(limits.email.retryAfter(emailKey), limits.address.retryAfter(clientAddress));
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", `Too many failed sign-in attempts; try again in ${wait} s`, { headers: { "Retry-After": String(wait) } });
  }
  const user = await db().user.findUnique({ where: { email: normalized } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !ok || !user.active) {
    limits.email.recordFailure(emailKey);
    limits.address.recordFailure(clientAddress);
    throw new AppError("UNAUTHENTICATED", "Wrong email or password");
  }
  limits.email.reset(emailKey);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}
