import "server-only";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { db } from "@/lib/db/client";
import { authorize } from "./persist-plan";
import { isUnderRoot, normalizeSourcePath } from "./persist-rules";

export type RetiredInterface = { id: string; name: string; sourcePath: string };

/**
 * Catalog-as-code sync: an interface imported from a file under `syncRoot` whose file is no longer present is
 * marked RETIRED (never deleted: flows, contracts and history still point at it). All or nothing: if the caller
 * may not retire one of them, none is retired.
 */
export async function retireMissing(ctx: Ctx, syncRoot: string, presentSourcePaths: Iterable<string>): Promise<RetiredInterface[]> {
  const root = normalizeSourcePath(syncRoot);
  const present = new Set([...presentSourcePaths].map(normalizeSourcePath));
  return db().$transaction(async (tx) => {
    const candidates = await tx.interface.findMany({
      where: { sourcePath: root ? { startsWith: root } : { not: null }, lifecycle: { not: "RETIRED" } },
      select: { id: true, name: true, sourcePath: true, ownerTeamId: true, lifecycle: true },
    });
    const missing = candidates.filter((c) => c.sourcePath !== null && isUnderRoot(c.sourcePath, root) && !present.has(c.sourcePath));
    for (const row of missing) authorize(ctx, row.ownerTeamId, `the interface "${row.name}" (${row.sourcePath} is gone)`, "retire");
    for (const row of missing) {
      await tx.interface.update({ where: { id: row.id }, data: { lifecycle: "RETIRED" } });
      await recordAudit(tx, ctx, {
        action: "interface.retire",
        entityType: "interface",
        entityId: row.id,
        before: { lifecycle: row.lifecycle },
        after: { lifecycle: "RETIRED", reason: `${row.sourcePath} is no longer in the synced folder ${root || "."}` },
      });
    }
    return missing.map((row) => ({ id: row.id, name: row.name, sourcePath: row.sourcePath! }));
  });
}
