import { route } from "@/lib/api/route";
import { ViolationsQuery } from "@/lib/compliance/schemas";
import { listViolations } from "@/lib/compliance/violations";

export const GET = route({ query: ViolationsQuery }, ({ ctx, query }) => listViolations(ctx, query));
