import { route } from "@/lib/api/route";
import { getFlow } from "@/lib/catalog/browse";
import { IdParams } from "@/lib/catalog/schemas";
import { updateFlowCompliance } from "@/lib/compliance/flows";
import { UpdateFlowComplianceInput } from "@/lib/compliance/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getFlow(ctx, params.id));
export const PATCH = route({ params: IdParams, body: UpdateFlowComplianceInput }, ({ ctx, params, body }) => updateFlowCompliance(ctx, params.id, body));
