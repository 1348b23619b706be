import { route } from "@/lib/api/route";
import { healthBoard } from "@/lib/health/read";

export const GET = route({}, ({ ctx }) => healthBoard(ctx));
