import { route } from "@/lib/api/route";
import { TeamParams, WebhookInput } from "@/lib/contracts/schemas";
import { getWebhook, putWebhook } from "@/lib/contracts/webhooks";

export const GET = route({ params: TeamParams }, ({ ctx, params }) => getWebhook(ctx, params.teamId));
export const PUT = route({ params: TeamParams, body: WebhookInput }, ({ ctx, params, body }) => putWebhook(ctx, params.teamId, body));
