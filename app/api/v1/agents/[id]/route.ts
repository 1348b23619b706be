import { getAgent, revokeAgent, updateAgent } from "@/lib/agents/data";
import { UpdateAgentInput } from "@/lib/agents/schemas";
import { route } from "@/lib/api/route";
import { IdParams } from "@/lib/users/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getAgent(ctx, params.id));
export const PATCH = route({ params: IdParams, body: UpdateAgentInput }, ({ ctx, params, body }) => updateAgent(ctx, params.id, body));
export const DELETE = route({ params: IdParams }, ({ ctx, params }) => revokeAgent(ctx, params.id));
