import { route } from "@/lib/api/route";
import { createUser, listUsers } from "@/lib/users/data";
import { CreateUserInput } from "@/lib/users/schemas";

export const GET = route({}, async ({ ctx }) => ({ items: await listUsers(ctx) }));
export const POST = route({ body: CreateUserInput, status: 201 }, ({ ctx, body }) => createUser(ctx, body));
