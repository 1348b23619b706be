import { route } from "@/lib/api/route";
import { ingestOtlpMetrics } from "@/lib/health/ingest-otlp";
import { otlpResponse, readOtlpBody } from "@/lib/health/otlp-body";
import { TELEMETRY_MAX_BODY_BYTES } from "@/lib/health/schemas";

// OTLP/HTTP metrics as collectors and SDKs send them (protobuf or JSON, optionally gzip), so any OpenTelemetry
// Collector (otlphttp exporter) or SDK exporter can act as an agent.
export const POST = route({ auth: "agent" }, async ({ ctx, request }) => {
  const body = await readOtlpBody(request, TELEMETRY_MAX_BODY_BYTES);
  return otlpResponse(await ingestOtlpMetrics(ctx, body.request), body.protobuf);
});
