import { route } from "@/lib/api/route";
import { getFlowCompliance } from "@/lib/compliance/flows";
import { IdParams } from "@/lib/compliance/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getFlowCompliance(ctx, params.id));
