import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { clientAddressFrom } from "@/lib/api/client-address";
import { AppError } from "@/lib/api/errors";
import { logger } from "@/lib/log";
import { checkCredentials } from "./credentials";
import { endSessions, sessionVersionOf } from "./sessions";
import { isOidcConfigured, oidcDisplayName } from "./oidc";
import { linkOidcUser, userIdForOidcSubject } from "./oidc-users";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

function oidcProvider(env = process.env): OAuthConfig<OidcProfile> {
  const issuer = env.OIDC_ISSUER!.replace(/\/$/, "");
  return {
    id: "oidc",
    name: oidcDisplayName(env),
    type: "oauth",
    wellKnown: `${issuer}/.well-known/openid-configuration`,
    issuer,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: env.OIDC_SCOPE || "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile: (profile) => ({
      id: profile.sub,
      email: profile.email ?? null,
      name: profile.name ?? profile.preferred_username ?? profile.email ?? profile.sub,
    }),
  };
}

function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  return clientAddressFrom({
    get: (name) => {
      const value = headers?.[name];
      return (Array.isArray(value) ? value.join(",") : value) ?? null;
    },
  });
}

export function authOptions(): NextAuthOptions {
  return {
    secret: process.env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 8 * 60 * 60 },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          if (!credentials?.email || !credentials.password) return null;
          try {
            return await checkCredentials(credentials.email, credentials.password, clientAddress(req?.headers));
          } catch (error) {
            // next-auth hands a thrown message back to the sign-in form as its `error`.
            if (error instanceof AppError && error.code === "RATE_LIMITED") throw new Error("RATE_LIMITED");
            if (error instanceof AppError && error.code === "UNAUTHENTICATED") return null;
            // Anything else (say, the database is down) must not reach the browser with its internals.
            logger.error({ err: error }, "sign-in failed");
            throw new Error("UNAVAILABLE");
          }
        },
      }),
      ...(isOidcConfigured() ? [oidcProvider()] : []),
    ],
    callbacks: {
      async signIn({ account, profile }) {
        if (account?.provider !== "oidc") return true;
        const linked = await linkOidcUser(profile as OidcProfile | undefined);
        if (!linked) logger.warn({ sub: (profile as OidcProfile | undefined)?.sub }, "OIDC sign-in refused");
        return Boolean(linked);
      },
      async jwt({ token, user, account }) {
        // On sign-in only: for OIDC `user.id` is the subject, linked to a portal user by signIn above.
        if (user) {
          token.uid = account?.provider === "oidc" ? await userIdForOidcSubject(user.id) : user.id;
          token.sv = await sessionVersionOf(token.uid as string | undefined);
        }
        return token;
      },
      session({ session, token }) {
        return { ...session, uid: token.uid, sv: token.sv };
      },
    },
    events: {
      // Signing out ends the session on the server too: a copied session cookie stops working at once.
      async signOut({ token }) {
        if (typeof token?.uid === "string") await endSessions(token.uid, { revokeTokens: false, reason: "sign-out" });
      },
    },
  };
}
