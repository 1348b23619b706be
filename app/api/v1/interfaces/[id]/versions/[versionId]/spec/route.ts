import { route } from "@/lib/api/route";
import { getInterfaceSpec } from "@/lib/catalog/interfaces";
import { VersionParams } from "@/lib/catalog/schemas";
import { specDownload } from "@/lib/catalog/spec-download";

export const GET = route({ params: VersionParams }, async ({ ctx, params }) => specDownload(await getInterfaceSpec(ctx, params.id, params.versionId)));
