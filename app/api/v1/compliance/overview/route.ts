import { route } from "@/lib/api/route";
import { complianceOverview } from "@/lib/compliance/overview";

export const GET = route({}, ({ ctx }) => complianceOverview(ctx));
