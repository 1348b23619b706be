import { route } from "@/lib/api/route";
import { lineage } from "@/lib/lineage/graph";
import { LineageQuery } from "@/lib/lineage/schemas";

export const GET = route({ query: LineageQuery }, ({ ctx, query }) => lineage(ctx, query));
