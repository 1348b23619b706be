import { route } from "@/lib/api/route";
import { importOdcs } from "@/lib/contracts/data";
import { MAX_SCHEMA_BYTES, OdcsText } from "@/lib/contracts/schemas";

export const POST = route({ body: OdcsText, maxBodyBytes: MAX_SCHEMA_BYTES * 3 }, ({ ctx, body }) => importOdcs(ctx, body.yaml));
