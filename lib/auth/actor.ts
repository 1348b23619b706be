import "server-only";
import { database } from "@/lib/db/client";
import type { Role } from "@/lib/db/generated/client";
import type { Actor } from "./can";
import { isUuid } from "@/lib/utils/uuid";

/** The columns of `"user" u` an Actor is built from, with its memberships as [teamId, role] pairs: one statement. */
export const ACTOR_COLUMNS = `u.id::text AS user_id, u.email, u.name, u.role::text AS role, u.active, u.session_version,
  (SELECT json_agg(json_build_array(m.team_id, m.role) ORDER BY m.team_id) FROM membership m WHERE m.user_id = u.id) AS memberships`;

export type ActorRow = {
  user_id: string;
  email: string;
  name: string;
  role: Role;
  active: boolean;
  session_version: number;
  memberships: [string, "LEAD" | "MEMBER"][] | null;
};

export function actorOf(row: ActorRow): Actor {
  const memberships = row.memberships ?? [];
  return {
    id: row.user_id,
    email: row.email,
    name: row.name,
    role: row.role,
    teamIds: memberships.map(([teamId]) => teamId),
    leadTeamIds: memberships.filter(([, role]) => role === "LEAD").map(([teamId]) => teamId),
  };
}

/**
 * The signed-in user as access checks see them, read fresh so role and team changes apply at once. With
 * `sessionVersion` (browser sessions), a session issued before the account's last sign-out, password reset, role
 * change or deactivation is no longer valid. One statement: it runs on every request.
 */
export async function loadActor(userId: string, sessionVersion?: number): Promise<Actor | null> {
  if (!isUuid(userId)) return null;
  const [row] = await database().driver.query<ActorRow>(`SELECT ${ACTOR_COLUMNS} FROM "user" u WHERE u.id = $1::uuid`, [userId]);
  if (!row || !row.active) return null;
  if (sessionVersion !== undefined && row.session_version !== sessionVersion) return null;
  return actorOf(row);
}
