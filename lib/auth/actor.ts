import "server-only";
import { db } from "@/lib/db/client";
import type { Actor } from "./can";

/** The signed-in user as access checks see them, read fresh so role and team changes apply at once. */
export async function loadActor(userId: string): Promise<Actor | null> {
  const user = await db().user.findUnique({
    where: { id: userId },
    select: { id: true, email: true, name: true, role: true, active: true, memberships: { select: { teamId: true } } },
  });
  if (!user || !user.active) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, teamIds: user.memberships.map((m) => m.teamId) };
}
