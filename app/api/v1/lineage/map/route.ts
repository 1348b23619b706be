import { route } from "@/lib/api/route";
import { lineageMap } from "@/lib/lineage/map";
import { MapQuery } from "@/lib/lineage/schemas";

export const GET = route({ query: MapQuery }, ({ ctx, query }) => lineageMap(ctx, query));
