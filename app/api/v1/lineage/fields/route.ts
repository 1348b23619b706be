import { route } from "@/lib/api/route";
import { fieldTrace } from "@/lib/lineage/fields";
import { FieldTraceQuery } from "@/lib/lineage/schemas";

export const GET = route({ query: FieldTraceQuery }, ({ ctx, query }) => fieldTrace(ctx, query));
