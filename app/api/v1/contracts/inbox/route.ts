import { route } from "@/lib/api/route";
import { getInbox } from "@/lib/contracts/data";

export const GET = route({}, ({ ctx }) => getInbox(ctx));
