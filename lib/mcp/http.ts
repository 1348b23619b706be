import "server-only";
import { randomUUID } from "node:crypto";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { AppError } from "@/lib/api/errors";
import { problemResponse, toAppError } from "@/lib/api/problem";
import { AGENT_TOKEN_PREFIX } from "@/lib/agents/secret";
import type { Ctx } from "@/lib/auth/can";
import { logger } from "@/lib/log";
import { authenticateToken } from "@/lib/tokens/data";
import { createMcpServer } from "./server";

// Room for the 20 MB documents diff, check and lint accept, plus JSON escaping.
const MAX_BODY_BYTES = 48 * 1024 * 1024;

/** The caller of an MCP request: the owner of an API token, exactly as /api/v1 authenticates bearer tokens. */
async function callerOf(request: Request, requestId: string): Promise<Ctx> {
  const match = /^Bearer\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) throw new AppError("UNAUTHENTICATED", "Send an API token: 'Authorization: Bearer <token>' (POST /api/v1/auth/token issues one)", { headers: { "www-authenticate": "Bearer" } });
  if (match[1].startsWith(AGENT_TOKEN_PREFIX)) throw new AppError("FORBIDDEN", "Agent tokens may only call the telemetry endpoints");
  return { actor: await authenticateToken(match[1]), via: "token", requestId };
}

/**
 * Streamable HTTP, stateless: each request authenticates, gets its own server bound to the caller, and is answered
 * as JSON. No session state, so any server instance behind the load balancer can answer any request.
 */
export async function handleMcpRequest(request: Request): Promise<Response> {
  const given = request.headers.get("x-request-id");
  const requestId = given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
  const path = new URL(request.url).pathname;
  const started = performance.now();
  let ctx: Ctx | undefined;
  let response: Response;
  try {
    ctx = await callerOf(request, requestId);
    const server = createMcpServer(ctx);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true, maxRequestBodySize: MAX_BODY_BYTES });
    await server.connect(transport);
    try {
      response = await transport.handleRequest(request);
    } finally {
      await server.close();
    }
  } catch (error) {
    const known = toAppError(error);
    if (!known) logger.error({ err: error, requestId, path }, "unhandled error in MCP endpoint");
    response = problemResponse(known ?? new AppError("INTERNAL", `An unexpected error occurred; quote request id ${requestId} when reporting it`), requestId, path);
  }
  response.headers.set("x-request-id", requestId);
  logger.info({ requestId, method: request.method, path, status: response.status, ms: Math.round(performance.now() - started), actor: ctx?.actor?.email }, "mcp request");
  return response;
}
