import { route } from "@/lib/api/route";
import { getUser, updateUser } from "@/lib/users/data";
import { IdParams, UpdateUserInput } from "@/lib/users/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getUser(ctx, params.id));
export const PATCH = route({ params: IdParams, body: UpdateUserInput }, ({ ctx, params, body }) => updateUser(ctx, params.id, body));
