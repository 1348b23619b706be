import { route } from "@/lib/api/route";
import { getFlow } from "@/lib/catalog/browse";
import { IdParams } from "@/lib/catalog/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getFlow(ctx, params.id));
