import { route } from "@/lib/api/route";
import { getContract } from "@/lib/contracts/data";
import { IdParams, SubscribeInput } from "@/lib/contracts/schemas";
import { subscribeFlow } from "@/lib/contracts/workflow";

export const POST = route({ params: IdParams, body: SubscribeInput, status: 201 }, async ({ ctx, params, body }) => {
  await subscribeFlow(ctx, params.id, body);
  return getContract(ctx, params.id);
});
