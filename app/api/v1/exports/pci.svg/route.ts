import { route } from "@/lib/api/route";
import { exportPci, fileResponse } from "@/lib/compliance/exports/data";

export const GET = route({}, async ({ ctx }) => fileResponse(await exportPci(ctx, "svg")));
