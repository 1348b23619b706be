import { route } from "@/lib/api/route";
import { listFlows } from "@/lib/catalog/browse";
import { FlowsQuery } from "@/lib/catalog/schemas";

export const GET = route({ query: FlowsQuery }, ({ ctx, query }) => listFlows(ctx, query));
