import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/users";

/** A generic OpenID Connect provider (Keycloak, Entra ID, Okta...) is offered when these three are set. */
export function isOidcConfigured(env = process.env): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}

export function oidcDisplayName(env = process.env): string {
  return env.OIDC_NAME || "single sign-on";
}

export function isDemoMode(env = process.env): boolean {
  if (env.DEMO !== undefined) return env.DEMO === "1" || env.DEMO === "true";
  return !env.DATABASE_URL;
}

/** The demo accounts shown on the sign-in page, only in demo mode. */
export function demoSignInHint(): { accounts: { email: string; role: string }[]; password: string } | null {
  return isDemoMode() ? { accounts: DEMO_USERS.map(({ email, role }) => ({ email, role })), password: DEMO_PASSWORD } : null;
}
