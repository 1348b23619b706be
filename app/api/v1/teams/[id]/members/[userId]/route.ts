import { route } from "@/lib/api/route";
import { removeMembership, setMembership } from "@/lib/teams/data";
import { SetMembershipInput, TeamMemberParams } from "@/lib/teams/schemas";

export const PUT = route({ params: TeamMemberParams, body: SetMembershipInput }, ({ ctx, params, body }) =>
  setMembership(ctx, params.id, params.userId, body),
);
export const DELETE = route({ params: TeamMemberParams }, ({ ctx, params }) => removeMembership(ctx, params.id, params.userId));
