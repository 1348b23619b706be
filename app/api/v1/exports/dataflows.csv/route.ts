import { route } from "@/lib/api/route";
import { exportDataflows, fileResponse } from "@/lib/compliance/exports/data";

export const GET = route({}, async ({ ctx }) => fileResponse(await exportDataflows(ctx)));
