import { route } from "@/lib/api/route";
import { contractAudit } from "@/lib/contracts/data";
import { AuditQuery, IdParams } from "@/lib/contracts/schemas";

export const GET = route({ params: IdParams, query: AuditQuery }, ({ ctx, params, query }) => contractAudit(ctx, params.id, { allVersions: query.allVersions === "true", cursor: query.cursor }));
