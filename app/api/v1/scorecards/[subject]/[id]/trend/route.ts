import { route } from "@/lib/api/route";
import { scoreTrend } from "@/lib/scorecards/data";
import { TrendParams, TrendQuery } from "@/lib/scorecards/schemas";

export const GET = route({ params: TrendParams, query: TrendQuery }, async ({ ctx, params, query }) => ({
  items: await scoreTrend(ctx, params.subject.toUpperCase() as Uppercase<typeof params.subject>, params.id, query.days),
}));
