import { route } from "@/lib/api/route";
import { updatePolicy } from "@/lib/compliance/policy-settings";
import { PolicyParams, UpdatePolicyInput } from "@/lib/compliance/schemas";

export const PATCH = route({ params: PolicyParams, body: UpdatePolicyInput }, ({ ctx, params, body }) => updatePolicy(ctx, params.key, body));
