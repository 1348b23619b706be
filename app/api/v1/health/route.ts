import { route } from "@/lib/api/route";
import { serviceStatus } from "@/lib/db/status";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async () => {
  const status = await serviceStatus();
  return Response.json(status, { status: status.status === "ok" ? 200 : 503 });
});
