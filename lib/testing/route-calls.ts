import { NextRequest } from "next/server";
import { openApiDocument } from "@/lib/api/openapi";

type Handler = (request: NextRequest, context: { params: Promise<Record<string, string>> }) => Promise<Response>;

// Vitest resolves this at transform time: every route module under app/api/v1, loaded on first use.
const routeModules = import.meta.glob<Record<string, Handler>>("/app/api/v1/**/route.ts");

export type Operation = { method: string; path: string };

/** Every operation /api/v1/openapi.json documents, as method + templated path. */
export function documentedOperations(): Operation[] {
  return Object.entries(openApiDocument().paths ?? {}).flatMap(([p, item]) =>
    Object.keys(item ?? {})
      .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map((m) => ({ method: m.toUpperCase(), path: p })),
  );
}

/** The exported handler serving an operation, from its app/api/v1 route module. */
export async function handlerFor(op: Operation): Promise<Handler> {
  const load = routeModules[`/app${op.path.replace(/\{([^}]+)\}/g, "[$1]")}/route.ts`];
  if (!load) throw new Error(`no route module for ${op.path}`);
  const handler = (await load())[op.method];
  if (!handler) throw new Error(`no ${op.method} handler for ${op.path}`);
  return handler;
}

type CallOptions = { bearer?: string; params?: Record<string, string>; search?: string; body?: BodyInit; headers?: Record<string, string> };

/** Calls an operation's real route handler as Next would, path parameters filled from `params` (unknown ids by default). */
export async function respond(op: Operation, options: CallOptions = {}): Promise<Response> {
  const params: Record<string, string> = {};
  const url = op.path.replace(/\{([^}]+)\}/g, (_, name: string) => (params[name] = options.params?.[name] ?? crypto.randomUUID()));
  const headers: Record<string, string> = { "content-type": "application/json", ...options.headers };
  if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
  const body = options.body ?? (["GET", "DELETE"].includes(op.method) ? undefined : "{}");
  const request = new NextRequest(`http://localhost${url}${options.search ?? ""}`, { method: op.method, headers, body });
  return (await handlerFor(op))(request, { params: Promise.resolve(params) });
}

/** The status an operation answers; the body is dropped unread, as streams (server-sent events) never end. */
export async function callOperation(op: Operation, options: CallOptions = {}): Promise<number> {
  const response = await respond(op, options);
  await response.body?.cancel().catch(() => undefined);
  return response.status;
}
