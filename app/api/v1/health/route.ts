import { route } from "@/lib/api/route";
import { publicServiceStatus } from "@/lib/db/status";

export const dynamic = "force-dynamic";

export const GET = route({ auth: "public" }, async () => {
  const status = await publicServiceStatus();
  return Response.json(status, { status: status.status === "ok" ? 200 : 503 });
});
