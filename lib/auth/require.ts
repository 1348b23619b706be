import { AppError } from "@/lib/api/errors";
import { can, type Ctx, type Resource } from "./can";
import type { Permission } from "./permissions";

/** Throws UNAUTHENTICATED without an actor and FORBIDDEN when `can` says no. */
export function requirePermission(ctx: Ctx, permission: Permission, resource?: Resource): void {
  if (!ctx.actor && !ctx.agent && ctx.via !== "system") throw new AppError("UNAUTHENTICATED", "Sign in or send an API token");
  if (!can(ctx, permission, resource)) throw new AppError("FORBIDDEN", `You lack the permission ${permission}`);
}

export const systemCtx = (requestId = "system"): Ctx => ({ actor: null, requestId, via: "system" });
