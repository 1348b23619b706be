import { route } from "@/lib/api/route";
import { exportPciInventory, fileResponse } from "@/lib/compliance/exports/data";
import { CsvQuery } from "@/lib/compliance/exports/schemas";

export const GET = route({ query: CsvQuery }, async ({ ctx, query }) => fileResponse(await exportPciInventory(ctx, "components", new Date(), query)));
