import { route } from "@/lib/api/route";
import { updateSystemResidency } from "@/lib/compliance/residency";
import { IdParams, UpdateSystemResidencyInput } from "@/lib/compliance/schemas";

export const PATCH = route({ params: IdParams, body: UpdateSystemResidencyInput }, ({ ctx, params, body }) => updateSystemResidency(ctx, params.id, body));
