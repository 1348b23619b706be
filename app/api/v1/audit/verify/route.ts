import { route } from "@/lib/api/route";
import { verifyAuditChain } from "@/lib/audit/data";

export const GET = route({}, ({ ctx }) => verifyAuditChain(ctx));
