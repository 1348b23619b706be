import { route } from "@/lib/api/route";
import { listComments } from "@/lib/contracts/data";
import { CommentInput, IdParams } from "@/lib/contracts/schemas";
import { addComment } from "@/lib/contracts/workflow";

export const GET = route({ params: IdParams }, ({ ctx, params }) => listComments(ctx, params.id));
export const POST = route({ params: IdParams, body: CommentInput, status: 201 }, async ({ ctx, params, body }) => {
  await addComment(ctx, params.id, body);
  return listComments(ctx, params.id);
});
