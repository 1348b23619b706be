import { createAgent, listAgents } from "@/lib/agents/data";
import { CreateAgentInput } from "@/lib/agents/schemas";
import { route } from "@/lib/api/route";

export const GET = route({}, async ({ ctx }) => ({ items: await listAgents(ctx) }));
export const POST = route({ body: CreateAgentInput, status: 201 }, ({ ctx, body }) => createAgent(ctx, body));
