import { route } from "@/lib/api/route";
import { SearchInterfacesQuery } from "@/lib/catalog/schemas";
import { searchInterfaces } from "@/lib/catalog/search";

export const GET = route({ query: SearchInterfacesQuery }, ({ ctx, query }) => searchInterfaces(ctx, query));
