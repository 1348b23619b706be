import { route } from "@/lib/api/route";
import { createToken, listOwnTokens } from "@/lib/tokens/data";
import { CreateTokenInput } from "@/lib/tokens/schemas";

export const GET = route({}, async ({ ctx }) => ({ items: await listOwnTokens(ctx) }));
export const POST = route({ body: CreateTokenInput, status: 201 }, ({ ctx, body }) => createToken(ctx, body));
