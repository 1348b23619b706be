import { route } from "@/lib/api/route";
import { exportRopa, fileResponse } from "@/lib/compliance/exports/data";
import { CsvQuery } from "@/lib/compliance/exports/schemas";

export const GET = route({ query: CsvQuery }, async ({ ctx, query }) => fileResponse(await exportRopa(ctx, "csv", new Date(), query)));
