import { route } from "@/lib/api/route";
import { ingestOtlpMetrics } from "@/lib/health/ingest-otlp";
import { OtlpMetricsRequest } from "@/lib/health/otlp";
import { TELEMETRY_MAX_BODY_BYTES } from "@/lib/health/schemas";

// OTLP/HTTP JSON, so any OpenTelemetry Collector (otlphttp exporter, encoding: json) can act as an agent.
export const POST = route({ auth: "agent", body: OtlpMetricsRequest, maxBodyBytes: TELEMETRY_MAX_BODY_BYTES }, ({ ctx, body }) => ingestOtlpMetrics(ctx, body));
