import { route } from "@/lib/api/route";
import { exportDora, fileResponse } from "@/lib/compliance/exports/data";
import { DoraQuery } from "@/lib/compliance/exports/schemas";

export const GET = route({ query: DoraQuery }, async ({ ctx, query }) => fileResponse(await exportDora(ctx, query.refDate)));
