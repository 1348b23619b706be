import { route } from "@/lib/api/route";
import { getInbox } from "@/lib/contracts/data";
import { InboxQuery } from "@/lib/contracts/schemas";

export const GET = route({ query: InboxQuery }, ({ ctx, query }) => getInbox(ctx, { cursor: query.cursor }));
