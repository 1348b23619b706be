import "server-only";
import { AppError } from "@/lib/api/errors";
import { db } from "@/lib/db/client";
import { verifyAgainstDecoy, verifyPassword } from "./password";
import { loginLimiter } from "./rate-limit";

/**
 * Checks an email and password for both the sign-in page and the token exchange. Rate limited per email and per
 * client address; the same error for an unknown email and a wrong password, so accounts cannot be enumerated.
 */
export async function checkCredentials(email: string, password: string, clientAddress: string): Promise<{ id: string; email: string; name: string }> {
  const normalized = email.trim().toLowerCase();
  const limiter = loginLimiter();
  const wait = Math.max(limiter.hit(`email:${normalized}`), limiter.hit(`ip:${clientAddress}`));
  if (wait > 0) {
    throw new AppError("RATE_LIMITED", `Too many sign-in attempts; try again in ${wait} s`, { headers: { "Retry-After": String(wait) } });
  }
  const user = await db().user.findUnique({ where: { email: normalized } });
  const ok = user ? await verifyPassword(user.passwordHash, password) : await verifyAgainstDecoy(password);
  if (!user || !ok || !user.active) throw new AppError("UNAUTHENTICATED", "Wrong email or password");
  limiter.reset(`email:${normalized}`);
  await db().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { id: user.id, email: user.email, name: user.name };
}
