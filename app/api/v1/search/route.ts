import { route } from "@/lib/api/route";
import { globalSearch } from "@/lib/search/data";
import { GlobalSearchQuery } from "@/lib/search/schemas";

export const GET = route({ query: GlobalSearchQuery }, ({ ctx, query }) => globalSearch(ctx, query));
