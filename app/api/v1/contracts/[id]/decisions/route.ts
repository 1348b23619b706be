import { route } from "@/lib/api/route";
import { getContract } from "@/lib/contracts/data";
import { DecisionInput, IdParams } from "@/lib/contracts/schemas";
import { decide } from "@/lib/contracts/workflow";

export const POST = route({ params: IdParams, body: DecisionInput }, async ({ ctx, params, body }) => {
  await decide(ctx, params.id, body);
  return getContract(ctx, params.id);
});
