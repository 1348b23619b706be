import { route } from "@/lib/api/route";
import { decideSuggestions } from "@/lib/compliance/classification";
import { DecideSuggestionsInput } from "@/lib/compliance/schemas";

export const POST = route({ body: DecideSuggestionsInput }, ({ ctx, body }) => decideSuggestions(ctx, body));
