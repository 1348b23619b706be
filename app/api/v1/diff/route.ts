import { route } from "@/lib/api/route";
import { DIFF_MAX_BODY_BYTES, DiffRequest } from "@/lib/diff/schemas";
import { diffDocumentsOffThread } from "@/lib/workers/offload";

// Any signed-in user or token may diff: nothing is read from or written to the estate.
export const POST = route({ body: DiffRequest, maxBodyBytes: DIFF_MAX_BODY_BYTES }, ({ ctx, body }) => diffDocumentsOffThread(ctx, body));
