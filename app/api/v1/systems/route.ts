import { route } from "@/lib/api/route";
import { listSystems } from "@/lib/catalog/browse";

export const GET = route({}, async ({ ctx }) => ({ items: await listSystems(ctx) }));
