import { route } from "@/lib/api/route";
import { revokeToken } from "@/lib/tokens/data";
import { IdParams } from "@/lib/users/schemas";

export const DELETE = route({ params: IdParams }, ({ ctx, params }) => revokeToken(ctx, params.id));
