import { route } from "@/lib/api/route";
import { TeamParams } from "@/lib/contracts/schemas";
import { pingWebhook } from "@/lib/contracts/webhooks";

export const POST = route({ params: TeamParams, status: 202 }, ({ ctx, params }) => pingWebhook(ctx, params.teamId));
