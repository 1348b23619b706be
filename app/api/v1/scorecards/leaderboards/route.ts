import { route } from "@/lib/api/route";
import { domainLeaderboards } from "@/lib/scorecards/data";

export const GET = route({}, async ({ ctx }) => ({ items: await domainLeaderboards(ctx) }));
