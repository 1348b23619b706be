import { route } from "@/lib/api/route";
import { ingestTelemetry } from "@/lib/health/ingest";
import { TELEMETRY_MAX_BODY_BYTES, TelemetryBatchInput } from "@/lib/health/schemas";

export const POST = route({ auth: "agent", body: TelemetryBatchInput, maxBodyBytes: TELEMETRY_MAX_BODY_BYTES }, ({ ctx, body }) => ingestTelemetry(ctx, body));
