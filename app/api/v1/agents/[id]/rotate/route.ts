import { rotateAgentToken } from "@/lib/agents/data";
import { route } from "@/lib/api/route";
import { IdParams } from "@/lib/users/schemas";

export const POST = route({ params: IdParams }, ({ ctx, params }) => rotateAgentToken(ctx, params.id));
