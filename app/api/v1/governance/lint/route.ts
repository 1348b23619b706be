import { route } from "@/lib/api/route";
import { lintText } from "@/lib/governance/data";
import { LINT_MAX_BODY_BYTES, LintRequest } from "@/lib/governance/schemas";

export const POST = route({ body: LintRequest, maxBodyBytes: LINT_MAX_BODY_BYTES }, ({ ctx, body }) => lintText(ctx, body));
