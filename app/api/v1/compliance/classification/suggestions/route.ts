import { route } from "@/lib/api/route";
import { listSuggestions } from "@/lib/compliance/classification";
import { SuggestionsQuery } from "@/lib/compliance/schemas";

export const GET = route({ query: SuggestionsQuery }, ({ ctx, query }) => listSuggestions(ctx, query));
