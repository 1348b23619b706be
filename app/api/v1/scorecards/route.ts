import { route } from "@/lib/api/route";
import { listScorecards } from "@/lib/scorecards/data";
import { ScorecardsQuery } from "@/lib/scorecards/schemas";

export const GET = route({ query: ScorecardsQuery }, async ({ ctx, query }) => ({ items: await listScorecards(ctx, query) }));
