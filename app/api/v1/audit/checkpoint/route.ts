import { route } from "@/lib/api/route";
import { auditCheckpoint } from "@/lib/audit/data";

export const GET = route({}, ({ ctx }) => auditCheckpoint(ctx));
