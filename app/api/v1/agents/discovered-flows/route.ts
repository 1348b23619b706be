import { route } from "@/lib/api/route";
import { listDiscoveredFlows } from "@/lib/health/discovered";
import { DiscoveredFlowQuery } from "@/lib/health/schemas";

export const GET = route({ query: DiscoveredFlowQuery }, async ({ ctx, query }) => ({ items: await listDiscoveredFlows(ctx, query) }));
