import "server-only";
import { gunzipSync } from "node:zlib";
import { AppError } from "@/lib/api/errors";
import { zodToAppError } from "@/lib/api/problem";
import { OtlpMetricsRequest } from "./otlp";
import { decodeMetricsRequest, encodeMetricsResponse } from "./otlp-proto";
import type { OtlpResponse } from "./ingest-otlp";

export type OtlpBody = { request: OtlpMetricsRequest; protobuf: boolean };

/**
 * Reads an OTLP/HTTP metrics body as collectors and SDKs send it: application/x-protobuf or application/json,
 * optionally Content-Encoding: gzip. Both the compressed and the decompressed size are limited to `maxBytes`.
 */
export async function readOtlpBody(request: Request, maxBytes: number): Promise<OtlpBody> {
  const type = (request.headers.get("content-type") ?? "").split(";")[0].trim().toLowerCase();
  const protobuf = type === "application/x-protobuf" || type === "application/protobuf";
  if (!protobuf && type !== "application/json") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send OTLP metrics as application/x-protobuf or application/json");
  }
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes`);
  let bytes: Buffer = Buffer.from(await request.arrayBuffer());
  if (bytes.length > maxBytes) throw new AppError("PAYLOAD_TOO_LARGE", `The body is larger than ${maxBytes} bytes`);
  const encoding = (request.headers.get("content-encoding") ?? "identity").trim().toLowerCase();
  if (encoding === "gzip") {
    try {
      bytes = gunzipSync(bytes, { maxOutputLength: maxBytes });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ERR_BUFFER_TOO_LARGE") throw new AppError("PAYLOAD_TOO_LARGE", `The body inflates to more than ${maxBytes} bytes`);
      throw new AppError("BAD_REQUEST", `The gzip body could not be inflated: ${(error as Error).message}`);
    }
  } else if (encoding !== "identity") {
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", `Content-Encoding ${encoding} is not supported (send gzip or none)`);
  }
  let raw: unknown;
  try {
    raw = protobuf ? decodeMetricsRequest(bytes) : JSON.parse(bytes.toString("utf8"));
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The body is not a valid ${protobuf ? "protobuf ExportMetricsServiceRequest" : "JSON document"}: ${(error as Error).message}`);
  }
  const parsed = OtlpMetricsRequest.safeParse(raw);
  if (!parsed.success) throw zodToAppError(parsed.error, "");
  return { request: parsed.data, protobuf };
}

/** The ExportMetricsServiceResponse in the encoding the request came in. */
export function otlpResponse(result: OtlpResponse, protobuf: boolean): Response {
  if (!protobuf) return Response.json(result);
  return new Response(Buffer.from(encodeMetricsResponse(result.partialSuccess)), { headers: { "content-type": "application/x-protobuf" } });
}
