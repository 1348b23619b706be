import { route } from "@/lib/api/route";
import { createTeam, listTeams } from "@/lib/teams/data";
import { CreateTeamInput } from "@/lib/teams/schemas";

export const GET = route({}, async ({ ctx }) => ({ items: await listTeams(ctx) }));
export const POST = route({ body: CreateTeamInput, status: 201 }, ({ ctx, body }) => createTeam(ctx, body));
