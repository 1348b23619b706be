import { route } from "@/lib/api/route";
import { getTeam, updateTeam } from "@/lib/teams/data";
import { UpdateTeamInput } from "@/lib/teams/schemas";
import { IdParams } from "@/lib/users/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getTeam(ctx, params.id));
export const PATCH = route({ params: IdParams, body: UpdateTeamInput }, ({ ctx, params, body }) => updateTeam(ctx, params.id, body));
