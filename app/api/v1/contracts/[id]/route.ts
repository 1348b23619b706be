import { route } from "@/lib/api/route";
import { getContract } from "@/lib/contracts/data";
import { IdParams, MAX_SCHEMA_BYTES, UpdateDraftInput } from "@/lib/contracts/schemas";
import { updateDraft } from "@/lib/contracts/workflow";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getContract(ctx, params.id));
export const PATCH = route({ params: IdParams, body: UpdateDraftInput, maxBodyBytes: MAX_SCHEMA_BYTES * 2 }, async ({ ctx, params, body }) => {
  await updateDraft(ctx, params.id, body);
  return getContract(ctx, params.id);
});
