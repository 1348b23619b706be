import { route } from "@/lib/api/route";
import { getIncident } from "@/lib/health/read";
import { IdParams } from "@/lib/users/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getIncident(ctx, params.id));
