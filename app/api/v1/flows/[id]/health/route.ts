import { route } from "@/lib/api/route";
import { getFlowHealth } from "@/lib/health/read";
import { IdParams } from "@/lib/users/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getFlowHealth(ctx, params.id));
