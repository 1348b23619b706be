import { route } from "@/lib/api/route";
import { diffDocuments } from "@/lib/diff";
import { DIFF_MAX_BODY_BYTES, DiffRequest } from "@/lib/diff/schemas";

// Any signed-in user or token may diff: nothing is read from or written to the estate.
export const POST = route({ body: DiffRequest, maxBodyBytes: DIFF_MAX_BODY_BYTES }, ({ body }) => diffDocuments(body));
