import { route } from "@/lib/api/route";
import { healthEventStream } from "@/lib/health/stream";

export const dynamic = "force-dynamic";

export const GET = route({}, ({ ctx, request }) => healthEventStream(ctx, request.signal));
