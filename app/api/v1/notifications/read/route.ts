import { route } from "@/lib/api/route";
import { markNotificationsRead } from "@/lib/contracts/notifications";
import { MarkReadInput } from "@/lib/contracts/schemas";

export const POST = route({ body: MarkReadInput }, ({ ctx, body }) => markNotificationsRead(ctx, body.ids));
