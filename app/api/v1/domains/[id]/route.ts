import { route } from "@/lib/api/route";
import { getDomain } from "@/lib/catalog/browse";
import { IdParams } from "@/lib/catalog/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getDomain(ctx, params.id));
