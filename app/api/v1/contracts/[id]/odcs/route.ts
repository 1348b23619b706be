import { route } from "@/lib/api/route";
import { exportOdcs } from "@/lib/contracts/data";
import { IdParams } from "@/lib/contracts/schemas";

export const GET = route({ params: IdParams }, async ({ ctx, params }) => {
  const { fileName, yaml } = await exportOdcs(ctx, params.id);
  return new Response(yaml, { headers: { "content-type": "application/yaml; charset=utf-8", "content-disposition": `attachment; filename="${fileName}"` } });
});
