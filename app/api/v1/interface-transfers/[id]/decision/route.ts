import { route } from "@/lib/api/route";
import { DecideTransferInput, IdParams } from "@/lib/catalog/schemas";
import { decideTransfer } from "@/lib/catalog/transfers";

export const POST = route({ params: IdParams, body: DecideTransferInput }, ({ ctx, params, body }) => decideTransfer(ctx, params.id, body));
