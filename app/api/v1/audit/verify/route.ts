import { route } from "@/lib/api/route";
import { verifyAuditChain } from "@/lib/audit/data";
import { VerifyWithCheckpoints } from "@/lib/audit/schemas";

export const GET = route({}, ({ ctx }) => verifyAuditChain(ctx));

// With checkpoints an auditor kept (GET /api/v1/audit/checkpoint): also detects tail deletion and recomputation.
export const POST = route({ body: VerifyWithCheckpoints }, ({ ctx, body }) => verifyAuditChain(ctx, body.checkpoints));
