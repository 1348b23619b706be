import { route } from "@/lib/api/route";
import { impact } from "@/lib/lineage/impact";
import { impactCsv } from "@/lib/lineage/impact-report";
import { ImpactQuery } from "@/lib/lineage/schemas";

export const GET = route({ query: ImpactQuery }, async ({ ctx, query }) => {
  if (query.format === "json") return impact(ctx, query);
  // A download lists everything downstream, however long.
  const report = await impact(ctx, { ...query, limit: undefined });
  return new Response(impactCsv(report), {
    headers: { "content-type": "text/csv; charset=utf-8", "content-disposition": `attachment; filename="impact-${(report.interface ?? report.system)?.id}.csv"` },
  });
});
