import { route } from "@/lib/api/route";
import { listExportHistory } from "@/lib/compliance/exports/data";

export const GET = route({}, async ({ ctx }) => ({ items: await listExportHistory(ctx) }));
