import { route } from "@/lib/api/route";
import { fillFromCatalog } from "@/lib/compliance/records/fill";

export const POST = route({}, ({ ctx }) => fillFromCatalog(ctx));
