import { AppError } from "@/lib/api/errors";
import { can, type Ctx, type Resource } from "./can";
import type { Permission } from "./permissions";

/** Throws UNAUTHENTICATED without an actor and FORBIDDEN when `can` says no. */
export function requirePermission(ctx: Ctx, permission: Permission, resource?: Resource): void {
  if (!ctx.actor && !ctx.agent && ctx.via !== "system") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  if (!can(ctx, permission, resource)) throw new AppError("FORBIDDEN", `You lack the permission ${permission}`);
}

export const systemCtx = (requestId = "system"): Ctx => ({ actor: null, requestId, via: "system" });

/**
 * Throws unless the caller holds `permission` somewhere: through their role, or on a resource one of their teams
 * owns. Checked before a large body is read, so a caller with no such right is refused at once.
 */
export function requirePermissionSomewhere(ctx: Ctx, permission: Permission): void {
  if (ctx.via === "system" || can(ctx, permission)) return;
  if (!ctx.actor) throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  if (ctx.actor.teamIds.some((ownerTeamId) => can(ctx, permission, { ownerTeamId }))) return;
  throw new AppError("FORBIDDEN", `You lack the permission ${permission} on every team; ask a team you belong to, or an admin`);
}
