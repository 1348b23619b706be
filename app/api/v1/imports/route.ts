import { route } from "@/lib/api/route";
import { requirePermissionSomewhere } from "@/lib/auth/require";
import { ImportRequest } from "@/lib/catalog/import/schemas";
import { importBodyLimit, importFiles } from "@/lib/catalog/import/service";

export const POST = route(
  { body: ImportRequest, maxBodyBytes: importBodyLimit(), authorize: (ctx) => requirePermissionSomewhere(ctx, "catalog.import") },
  ({ ctx, body }) => importFiles(ctx, body.files, { sync: body.sync, present: body.present, defaults: { teamSlug: body.team, systemSlug: body.system, domainSlug: body.domain } }),
);
