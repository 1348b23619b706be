import { route } from "@/lib/api/route";
import { getContract } from "@/lib/contracts/data";
import { IdParams, TransitionInput } from "@/lib/contracts/schemas";
import { transitionContract } from "@/lib/contracts/workflow";

export const POST = route({ params: IdParams, body: TransitionInput }, async ({ ctx, params, body }) => {
  await transitionContract(ctx, params.id, body);
  return getContract(ctx, params.id);
});
