import { route } from "@/lib/api/route";
import { exportDataflows, fileResponse } from "@/lib/compliance/exports/data";
import { CsvQuery } from "@/lib/compliance/exports/schemas";

export const GET = route({ query: CsvQuery }, async ({ ctx, query }) => fileResponse(await exportDataflows(ctx, new Date(), { bom: query.bom })));
