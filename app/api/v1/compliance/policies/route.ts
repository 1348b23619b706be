import { route } from "@/lib/api/route";
import { listPolicies } from "@/lib/compliance/policy-settings";

export const GET = route({}, async ({ ctx }) => ({ items: await listPolicies(ctx) }));
