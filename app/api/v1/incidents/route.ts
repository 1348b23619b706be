import { route } from "@/lib/api/route";
import { listIncidents } from "@/lib/health/read";
import { IncidentQuery } from "@/lib/health/schemas";

export const GET = route({ query: IncidentQuery }, async ({ ctx, query }) => ({ items: await listIncidents(ctx, query) }));
