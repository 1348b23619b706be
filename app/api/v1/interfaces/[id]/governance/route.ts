import { route } from "@/lib/api/route";
import { IdParams } from "@/lib/catalog/schemas";
import { getVersionGovernance } from "@/lib/governance/data";
import { VersionGovernanceQuery } from "@/lib/governance/schemas";

export const GET = route({ params: IdParams, query: VersionGovernanceQuery }, ({ ctx, params, query }) => getVersionGovernance(ctx, params.id, query.version));
