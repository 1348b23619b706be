import "server-only";
import { randomUUID } from "node:crypto";
import type { NextRequest } from "next/server";
import type { z } from "zod";
import { authenticateAgent } from "@/lib/agents/data";
import { AGENT_TOKEN_PREFIX } from "@/lib/agents/secret";
import { currentActor } from "@/lib/auth/session";
import type { Ctx } from "@/lib/auth/can";
import { logger } from "@/lib/log";
import { authenticateBearer } from "@/lib/tokens/data";
import { decodeText, parseQuery, readBodyBytes, refuseDeepJson, refuseNul } from "./body";
import { clientAddressFrom } from "./client-address";
import { AppError } from "./errors";
import { problemResponse, toAppError, zodToAppError } from "./problem";

type Schema = z.ZodType;
type Out<S> = S extends Schema ? z.infer<S> : undefined;

export type RouteSpec<B, Q, P> = {
  body?: B;
  query?: Q;
  params?: P;
  /**
   * "public" routes run without an actor (ctx.actor is null); "agent" routes take only a connector agent's token
   * (ctx.agent); everything else requires a user, and refuses agent tokens.
   */
  auth?: "required" | "public" | "agent";
  status?: number;
  maxBodyBytes?: number;
  /**
   * Runs after authentication and before the body is read or parsed: a caller who may not use the route at all
   * is refused in milliseconds, however large the body they send.
   */
  authorize?: (ctx: Ctx) => void;
};

export type RouteArgs<B, Q, P> = { ctx: Ctx; body: Out<B>; query: Out<Q>; params: Out<P>; request: NextRequest };

const DEFAULT_MAX_BODY = 1024 * 1024;

function requestIdOf(request: NextRequest): string {
  const given = request.headers.get("x-request-id");
  return given && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

export type Caller = Pick<Ctx, "actor" | "via" | "agent" | "tokenExpiresAt">;

async function authenticate(request: NextRequest): Promise<Caller> {
  const authorization = request.headers.get("authorization");
  if (authorization) {
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw new AppError("UNAUTHENTICATED", "The Authorization header must be 'Bearer <token>'");
    if (match[1].startsWith(AGENT_TOKEN_PREFIX)) return { actor: null, via: "agent", agent: await authenticateAgent(match[1]) };
    const { actor, expiresAt } = await authenticateBearer(match[1]);
    return { actor, via: "token", tokenExpiresAt: expiresAt };
  }
  return { actor: await currentActor(), via: "session" };
}

function requireCaller(auth: RouteSpec<unknown, unknown, unknown>["auth"], caller: Caller): void {
  if (auth === "agent") {
    if (!caller.agent) throw new AppError("UNAUTHENTICATED", "Send an agent token: 'Authorization: Bearer ica_...'");
  } else if (caller.agent) {
    throw new AppError("FORBIDDEN", "Agent tokens may only call the telemetry endpoints");
  } else if (!caller.actor) {
    throw new AppError("UNAUTHENTICATED", "Sign in or send 'Authorization: Bearer <token>'");
  }
}

async function readJsonBody(request: NextRequest, maxBytes: number): Promise<unknown> {
  const type = request.headers.get("content-type") ?? "";
  if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
    await request.body?.cancel().catch(() => undefined);
    throw new AppError("UNSUPPORTED_MEDIA_TYPE", "Send the body as JSON with Content-Type: application/json");
  }
  const text = decodeText(await readBodyBytes(request.body, request.headers.get("content-length"), maxBytes), "body");
  refuseDeepJson(text, "body");
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppError("BAD_REQUEST", `The body is not valid JSON: ${(error as Error).message}`);
  }
  // JSON can spell U+0000 only as the escape \u0000 (a raw NUL byte was refused above): without one there is no
  // NUL to find, and a large body is not walked for nothing.
  if (text.includes("\\u0000")) refuseNul(value, "", "The body at");
  return value;
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

function hasBody(request: NextRequest): boolean {
  const length = request.headers.get("content-length");
  return request.headers.has("transfer-encoding") || (length !== null && length !== "0") || (length === null && request.body !== null);
}

/**
 * CSRF: a state change authenticated by the session cookie must come from this site. Browsers send
 * Sec-Fetch-Site (and Origin on POST); a request with neither is not from a browser, so no cookie was ridden.
 */
export function refuseCrossSite(request: NextRequest, caller: Caller): void {
  if (caller.via !== "session" || !caller.actor || SAFE_METHODS.has(request.method)) return;
  const site = request.headers.get("sec-fetch-site");
  if (site && site !== "same-origin" && site !== "none") {
    throw new AppError("FORBIDDEN", `Cross-site request refused (Sec-Fetch-Site: ${site}); use an API token for calls from other sites`);
  }
  const origin = request.headers.get("origin");
  if (origin && origin !== request.nextUrl.origin && origin !== expectedOrigin(request)) {
    throw new AppError("FORBIDDEN", `Cross-site request refused (Origin: ${origin}); use an API token for calls from other sites`);
  }
}

/** The origin the browser used (behind a proxy the Host header, not the server's own address, names it). */
function expectedOrigin(request: NextRequest): string | undefined {
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  const proto = request.headers.get("x-forwarded-proto") ?? request.nextUrl.protocol.replace(/:$/, "");
  return host ? `${proto}://${host}` : undefined;
}

function parse<S extends Schema | undefined>(schema: S, value: unknown, prefix: string): Out<S> {
  if (!schema) return undefined as Out<S>;
  const result = schema.safeParse(value);
  if (!result.success) throw zodToAppError(result.error, prefix);
  return result.data as Out<S>;
}

/**
 * Wraps a /api/v1 handler: request id, authentication (session or bearer token), zod parsing of params, query and
 * body, and RFC 9457 problem+json for every error. Handlers return a value (sent as JSON) or a Response.
 */
export function route<B extends Schema | undefined = undefined, Q extends Schema | undefined = undefined, P extends Schema | undefined = undefined>(
  spec: RouteSpec<B, Q, P>,
  handler: (args: RouteArgs<B, Q, P>) => Promise<unknown> | unknown,
) {
  return async (request: NextRequest, context: { params?: Promise<Record<string, string | string[]>> }): Promise<Response> => {
    const started = performance.now();
    const requestId = requestIdOf(request);
    const path = request.nextUrl.pathname;
    let response: Response;
    let actorEmail: string | undefined;
    let bodyRead = false;
    try {
      const caller: Caller = spec.auth === "public" ? { actor: null, via: "session" } : await authenticate(request);
      if (spec.auth !== "public") requireCaller(spec.auth, caller);
      refuseCrossSite(request, caller);
      actorEmail = caller.actor?.email ?? (caller.agent ? `agent:${caller.agent.name}` : undefined);
      const ctx: Ctx = { ...caller, requestId };
      const rawQuery = parseQuery(request.nextUrl.search);
      const rawParams = (await context.params) ?? {};
      refuseNul(rawParams, "/params", "The path parameter");
      spec.authorize?.(ctx);
      const params = parse(spec.params as P, rawParams, "/params");
      const query = parse(spec.query as Q, rawQuery, "/query");
      const rawBody = spec.body ? await readJsonBody(request, spec.maxBodyBytes ?? DEFAULT_MAX_BODY) : undefined;
      bodyRead = true;
      const body = spec.body ? parse(spec.body as B, rawBody, "") : (undefined as Out<B>);
      const result = await handler({ ctx, body, query, params, request });
      response =
        result instanceof Response
          ? result
          : result === undefined
            ? new Response(null, { status: 204 })
            : Response.json(result, { status: spec.status ?? 200 });
      response.headers.set("x-request-id", requestId);
    } catch (error) {
      const known = toAppError(error);
      if (!known) logger.error({ err: error, requestId, method: request.method, path }, "unhandled error in API route");
      response = problemResponse(known ?? new AppError("INTERNAL", `An unexpected error occurred; quote request id ${requestId} when reporting it`), requestId, path);
      // Refused before its body was read whole (401, 403, bad path, 413 mid-stream): close the connection after the
      // answer, so the server does not drain a large upload to keep the connection alive for a refused caller.
      if (!bodyRead && hasBody(request)) response.headers.set("connection", "close");
    }
    // API answers carry personal data, tokens and estate details: never kept by browsers or shared caches.
    if (!response.headers.has("cache-control")) response.headers.set("cache-control", "no-store");
    logger.info(
      { requestId, method: request.method, path, status: response.status, ms: Math.round(performance.now() - started), actor: actorEmail },
      "api request",
    );
    return response;
  };
}

/** The client address for rate limiting: the socket peer, or behind TRUSTED_PROXIES the address they forwarded for. */
export function clientAddress(request: NextRequest): string {
  return clientAddressFrom(request.headers);
}
