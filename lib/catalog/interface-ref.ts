import "server-only";
import { AppError } from "@/lib/api/errors";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { isUuid } from "@/lib/utils/uuid";

/**
 * The interface a person or pipeline names: its id, its slug, or its exact name (case-insensitive). A name two
 * interfaces share is refused with their slugs, rather than guessed.
 */
export async function resolveInterfaceRef(ctx: Ctx, ref: string): Promise<{ id: string; name: string; slug: string }> {
  requirePermission(ctx, "catalog.read");
  const select = { id: true, name: true, slug: true } as const;
  const wanted = ref.trim();
  const exact = isUuid(wanted)
    ? await db().interface.findUnique({ where: { id: wanted }, select })
    : await db().interface.findUnique({ where: { slug: wanted }, select });
  if (exact) return exact;
  const named = await db().interface.findMany({ where: { name: { equals: wanted, mode: "insensitive" } }, select, take: 5 });
  if (named.length === 1) return named[0];
  if (named.length > 1) throw new AppError("CONFLICT", `Several interfaces are named "${wanted}"; use a slug: ${named.map((n) => n.slug).join(", ")}`);
  throw new AppError("NOT_FOUND", `Interface "${wanted}" not found (give its id, slug or name)`);
}
