import { recordHeartbeat } from "@/lib/agents/data";
import { HeartbeatInput } from "@/lib/agents/schemas";
import { route } from "@/lib/api/route";

export const POST = route({ auth: "agent", body: HeartbeatInput }, ({ ctx, body }) => recordHeartbeat(ctx, body));
