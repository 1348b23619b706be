import { route } from "@/lib/api/route";
import { updateInterfaceSecurity } from "@/lib/compliance/residency";
import { IdParams, UpdateInterfaceSecurityInput } from "@/lib/compliance/schemas";

export const PATCH = route({ params: IdParams, body: UpdateInterfaceSecurityInput }, ({ ctx, params, body }) => updateInterfaceSecurity(ctx, params.id, body));
