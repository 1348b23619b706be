import { route } from "@/lib/api/route";
import { flowSeries } from "@/lib/health/read";
import { SeriesQuery } from "@/lib/health/schemas";
import { IdParams } from "@/lib/users/schemas";

export const GET = route({ params: IdParams, query: SeriesQuery }, ({ ctx, params, query }) => flowSeries(ctx, params.id, query.hours));
