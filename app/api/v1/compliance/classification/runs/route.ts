import { route } from "@/lib/api/route";
import { runSuggestions } from "@/lib/compliance/classification";
import { RunSuggestionsInput } from "@/lib/compliance/schemas";

export const POST = route({ body: RunSuggestionsInput }, ({ ctx, body }) => runSuggestions(ctx, body));
