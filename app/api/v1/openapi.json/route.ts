import { route } from "@/lib/api/route";
import { openApiResponse } from "@/lib/api/openapi";

export const GET = route({ auth: "public" }, ({ request }) => openApiResponse(request));
