import { route } from "@/lib/api/route";
import { getInterface, updateInterfaceMetadata } from "@/lib/catalog/interfaces";
import { IdParams, UpdateInterfaceMetadataInput } from "@/lib/catalog/schemas";

export const GET = route({ params: IdParams }, ({ ctx, params }) => getInterface(ctx, params.id));
export const PATCH = route({ params: IdParams, body: UpdateInterfaceMetadataInput }, ({ ctx, params, body }) => updateInterfaceMetadata(ctx, params.id, body));
