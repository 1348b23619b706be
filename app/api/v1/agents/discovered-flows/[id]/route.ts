import { route } from "@/lib/api/route";
import { resolveDiscoveredFlow } from "@/lib/health/discovered";
import { ResolveDiscoveredFlowInput } from "@/lib/health/schemas";
import { IdParams } from "@/lib/users/schemas";

export const POST = route({ params: IdParams, body: ResolveDiscoveredFlowInput }, ({ ctx, params, body }) => resolveDiscoveredFlow(ctx, params.id, body));
