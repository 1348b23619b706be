import { route } from "@/lib/api/route";
import { getSystem } from "@/lib/catalog/browse";
import { IdParams } from "@/lib/catalog/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getSystem(ctx, params.id));
