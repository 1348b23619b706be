import { route } from "@/lib/api/route";
import { compareContracts } from "@/lib/contracts/data";
import { CompareQuery } from "@/lib/contracts/schemas";

export const GET = route({ query: CompareQuery }, ({ ctx, query }) => compareContracts(ctx, query.from, query.to));
