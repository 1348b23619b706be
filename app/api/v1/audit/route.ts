import { route } from "@/lib/api/route";
import { listAuditEvents } from "@/lib/audit/data";
import { AuditQuery } from "@/lib/audit/schemas";

export const GET = route({ query: AuditQuery }, ({ ctx, query }) => listAuditEvents(ctx, query));
