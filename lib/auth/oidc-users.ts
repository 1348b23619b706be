import "server-only";
import { recordAudit } from "@/lib/audit/record";
import { db } from "@/lib/db/client";
import { systemCtx } from "./require";

type OidcProfile = { sub: string; email?: string; name?: string; preferred_username?: string };

/**
 * Finds the portal user for an OIDC identity: by subject, else by verified email (linking the subject), else
 * creates a MEMBER unless OIDC_AUTO_PROVISION=false. Admins grant roles and teams afterwards.
 */
export async function linkOidcUser(profile: OidcProfile | undefined): Promise<{ id: string } | null> {
  if (!profile?.sub) return null;
  const bySubject = await db().user.findUnique({ where: { oidcSubject: profile.sub } });
  if (bySubject) return bySubject.active ? { id: bySubject.id } : null;
  const email = profile.email?.trim().toLowerCase();
  if (!email) return null;
  const byEmail = await db().user.findUnique({ where: { email } });
  const ctx = systemCtx(`oidc:${profile.sub}`);
  if (byEmail) {
    if (!byEmail.active) return null;
    await db().$transaction(async (tx) => {
      await tx.user.update({ where: { id: byEmail.id }, data: { oidcSubject: profile.sub } });
      await recordAudit(tx, ctx, { action: "user.link_oidc", entityType: "user", entityId: byEmail.id, after: { oidcSubject: profile.sub } });
    });
    return { id: byEmail.id };
  }
  if (process.env.OIDC_AUTO_PROVISION === "false") return null;
  return db().$transaction(async (tx) => {
    const name = profile.name ?? profile.preferred_username ?? email;
    const user = await tx.user.create({ data: { email, name, oidcSubject: profile.sub, role: "MEMBER" } });
    await recordAudit(tx, ctx, { action: "user.create", entityType: "user", entityId: user.id, after: { email, name, role: "MEMBER", via: "oidc" } });
    return { id: user.id };
  });
}

export async function userIdForOidcSubject(sub: string): Promise<string | undefined> {
  return (await db().user.findUnique({ where: { oidcSubject: sub }, select: { id: true } }))?.id;
}
