import { route } from "@/lib/api/route";
import { checkDeploy } from "@/lib/checks/data";
import { CHECK_MAX_BODY_BYTES, CheckRequest } from "@/lib/checks/schemas";

export const POST = route({ body: CheckRequest, maxBodyBytes: CHECK_MAX_BODY_BYTES }, ({ ctx, body }) => checkDeploy(ctx, body));
