import "server-only";
import { dictionary } from "@zxcvbn-ts/language-common";
import { AppError } from "@/lib/api/errors";
import { MIN_PASSWORD_LENGTH } from "./password-policy";

// NIST SP 800-63B 3.1.1.2: length, no composition rules, and a check against commonly used or compromised values.
// The list is @zxcvbn-ts/language-common's (~49,000 common passwords), shipped with the package: no network.
let common: Set<string> | undefined;
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary["passwords-common"] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Why a password is refused, or null. `context` holds words tied to the account (email, name, product name). */
export function passwordProblem(password: string, context: string[] = []): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH) return `Use at least ${MIN_PASSWORD_LENGTH} characters`;
  const lower = password.toLowerCase();
  if (commonPasswords().has(lower)) return "This password is on a list of commonly used passwords; choose another";
  if (/^(.)\1*$/u.test(password)) return "A password of one repeated character is easy to guess; choose another";
  const withoutDigits = lower.replace(/[\d\W_]+$/u, "");
  if (withoutDigits.length >= 4 && commonPasswords().has(withoutDigits)) return "This password is a common password with a few characters added; choose another";
  for (const word of ["interchange", ...context].map((w) => w.toLowerCase()).filter((w) => w.length >= 4)) {
    if (lower.includes(word)) return `A password containing "${word}" is easy to guess for this account; choose another`;
  }
  return null;
}

/** Throws a 422 naming /password when the password fails the policy. */
export function requireAcceptablePassword(password: string, context: { email?: string; name?: string } = {}): void {
  const words = [context.email?.split("@")[0] ?? "", ...(context.name?.split(/\s+/) ?? [])];
  const problem = passwordProblem(password, words);
  if (problem) throw new AppError("VALIDATION", `/password: ${problem}`, { errors: [{ pointer: "/password", message: problem }] });
}
