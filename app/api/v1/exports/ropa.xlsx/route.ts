import { route } from "@/lib/api/route";
import { exportRopa, fileResponse } from "@/lib/compliance/exports/data";

export const GET = route({}, async ({ ctx }) => fileResponse(await exportRopa(ctx, "xlsx")));
