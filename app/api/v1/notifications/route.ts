import { route } from "@/lib/api/route";
import { listNotifications } from "@/lib/contracts/notifications";
import { NotificationQuery } from "@/lib/contracts/schemas";

export const GET = route({ query: NotificationQuery }, ({ ctx, query }) => listNotifications(ctx, { unreadOnly: query.unread === "true" }));
