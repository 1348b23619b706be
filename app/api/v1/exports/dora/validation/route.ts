import { route } from "@/lib/api/route";
import { doraValidation } from "@/lib/compliance/exports/data";
import { DoraQuery } from "@/lib/compliance/exports/schemas";

export const GET = route({ query: DoraQuery }, ({ ctx, query }) => doraValidation(ctx, query.refDate));
