import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "./can";

/**
 * The signed-in user as access checks see them, read fresh so role and team changes apply at once. With
 * `sessionVersion` (browser sessions), a session issued before the account's last sign-out, password reset, role
 * change or deactivation is no longer valid.
 */
export async function loadActor(userId: string, sessionVersion?: number): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, active: true, sessionVersion: true, memberships: { select: { teamId: true, role: true } } },
  });
  if (!user || !user.active) return null;
  if (sessionVersion !== undefined && user.sessionVersion !== sessionVersion) return null;
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    teamIds: user.memberships.map((m) => m.teamId),
    leadTeamIds: user.memberships.filter((m) => m.role === "LEAD").map((m) => m.teamId),
  };
}
