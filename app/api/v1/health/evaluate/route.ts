import { route } from "@/lib/api/route";
import { evaluateHealth } from "@/lib/health/evaluate";

export const POST = route({}, ({ ctx }) => evaluateHealth(ctx));
