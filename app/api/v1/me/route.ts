import { route } from "@/lib/api/route";

export const GET = route({}, ({ ctx }) => ctx.actor);
