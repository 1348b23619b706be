import { route } from "@/lib/api/route";
import { listDomains } from "@/lib/catalog/browse";

export const GET = route({}, async ({ ctx }) => ({ items: await listDomains(ctx) }));
