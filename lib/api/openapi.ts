import { createHash } from "node:crypto";
import { OpenAPIRegistry, OpenApiGeneratorV31, type RouteConfig } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";
import { AuditCheckpoint, AuditPage, AuditQuery, AuditVerification, VerifyWithCheckpoints } from "@/lib/audit/schemas";
import { catalogEndpoints } from "@/lib/catalog/openapi-endpoints";
import { complianceEndpoints } from "@/lib/compliance/openapi-endpoints";
import { ImportRequest, ImportResponse } from "@/lib/catalog/import/schemas";
import { healthEndpoints } from "@/lib/health/openapi-endpoints";
import { lineageEndpoints } from "@/lib/lineage/openapi-endpoints";
import { diffEndpoints } from "@/lib/diff/openapi-endpoints";
import { governanceEndpoints } from "@/lib/governance/openapi-endpoints";
import { contractEndpoints } from "@/lib/contracts/openapi-endpoints";
import { exportEndpoints } from "@/lib/compliance/exports/openapi-endpoints";
import { recordEndpoints } from "@/lib/compliance/records/openapi-endpoints";
import { searchEndpoints } from "@/lib/search/openapi-endpoints";
import { PublicServiceStatusSchema } from "@/lib/db/status-schema";
import { TeamDto, TeamList, TeamMemberParams, CreateTeamInput, SetMembershipInput, UpdateTeamInput } from "@/lib/teams/schemas";
import { ApiTokenDto, CreateTokenInput, ExchangeTokenInput, IssuedToken } from "@/lib/tokens/schemas";
import { CreateUserInput, IdParams, UpdateUserInput, UserDto, UserList } from "@/lib/users/schemas";

const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string().optional(),
    code: z.string().describe("VALIDATION, UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, CONFLICT, RATE_LIMITED, ..."),
    requestId: z.string(),
    errors: z.array(z.object({ pointer: z.string().describe("JSON pointer into the request"), message: z.string() })).optional(),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details" });

const Actor = z
  .object({ id: z.string().uuid(), email: z.string(), name: z.string(), role: z.string(), teamIds: z.array(z.string().uuid()) })
  .meta({ id: "Actor" });

const json = (schema: z.ZodType, description: string) => ({ description, content: { "application/json": { schema } } });
const problem = (description: string) => ({ description, content: { "application/problem+json": { schema: Problem } } });

/** A documented route: `body` is its JSON request body's schema, `ok` its success answer, `errors` its problem statuses. */
export type Endpoint = Omit<RouteConfig, "responses"> & { body?: z.ZodType; ok: { status: number; schema?: z.ZodType; description: string }; errors?: number[] };

const STANDARD_ERRORS: Record<number, string> = {
  400: "Malformed request (e.g. invalid JSON)",
  401: "Not signed in, or the token is unknown, expired or revoked",
  403: "Signed in but not allowed",
  404: "Not found, or not visible to you",
  409: "Conflicts with existing data",
  413: "Body too large",
  415: "Body is not JSON",
  422: "Validation failed; `errors` lists each problem with a JSON pointer",
  429: "Rate limited; see Retry-After",
};

const endpoints: Endpoint[] = [
  { method: "get", path: "/api/v1/health", tags: ["System"], summary: "Database reachable and migrations current (the verdict only; details go to the server log)", security: [], ok: { status: 200, schema: PublicServiceStatusSchema, description: "Healthy" }, errors: [] },
  { method: "get", path: "/api/v1/openapi.json", tags: ["System"], summary: "This document", security: [], ok: { status: 200, description: "OpenAPI 3.1 document" }, errors: [] },
  { method: "post", path: "/api/v1/auth/token", tags: ["Authentication"], summary: "Exchange email and password for an API token (shown once)", security: [], body: ExchangeTokenInput, ok: { status: 201, schema: IssuedToken, description: "The new token; its secret is never shown again" }, errors: [400, 401, 415, 422, 429] },
  { method: "get", path: "/api/v1/me", tags: ["Authentication"], summary: "Who the request is authenticated as", ok: { status: 200, schema: Actor, description: "The caller" }, errors: [401] },
  { method: "get", path: "/api/v1/tokens", tags: ["Authentication"], summary: "Your API tokens", ok: { status: 200, schema: z.object({ items: z.array(ApiTokenDto) }), description: "Tokens, newest first" }, errors: [401] },
  { method: "post", path: "/api/v1/tokens", tags: ["Authentication"], summary: "Create an API token for yourself (shown once)", body: CreateTokenInput, ok: { status: 201, schema: IssuedToken, description: "The new token" }, errors: [400, 401, 415, 422] },
  { method: "delete", path: "/api/v1/tokens/{id}", tags: ["Authentication"], summary: "Revoke a token", request: { params: IdParams }, ok: { status: 200, schema: ApiTokenDto, description: "The revoked token" }, errors: [401, 404, 422] },
  { method: "get", path: "/api/v1/users", tags: ["Users and teams"], summary: "List users", ok: { status: 200, schema: UserList, description: "Users" }, errors: [401, 403] },
  { method: "post", path: "/api/v1/users", tags: ["Users and teams"], summary: "Create a user (admin)", body: CreateUserInput, ok: { status: 201, schema: UserDto, description: "Created" }, errors: [400, 401, 403, 409, 415, 422] },
  { method: "get", path: "/api/v1/users/{id}", tags: ["Users and teams"], summary: "One user", request: { params: IdParams }, ok: { status: 200, schema: UserDto, description: "The user" }, errors: [401, 403, 404] },
  { method: "patch", path: "/api/v1/users/{id}", tags: ["Users and teams"], summary: "Change a user's name, role, password or active flag (admin)", request: { params: IdParams }, body: UpdateUserInput, ok: { status: 200, schema: UserDto, description: "Updated" }, errors: [400, 401, 403, 404, 409, 415, 422] },
  { method: "get", path: "/api/v1/teams", tags: ["Users and teams"], summary: "List teams with members and what they own", ok: { status: 200, schema: TeamList, description: "Teams" }, errors: [401] },
  { method: "post", path: "/api/v1/teams", tags: ["Users and teams"], summary: "Create a team (admin)", body: CreateTeamInput, ok: { status: 201, schema: TeamDto, description: "Created" }, errors: [400, 401, 403, 409, 415, 422] },
  { method: "get", path: "/api/v1/teams/{id}", tags: ["Users and teams"], summary: "One team", request: { params: IdParams }, ok: { status: 200, schema: TeamDto, description: "The team" }, errors: [401, 404] },
  { method: "patch", path: "/api/v1/teams/{id}", tags: ["Users and teams"], summary: "Change a team (admin)", request: { params: IdParams }, body: UpdateTeamInput, ok: { status: 200, schema: TeamDto, description: "Updated" }, errors: [400, 401, 403, 404, 415, 422] },
  { method: "put", path: "/api/v1/teams/{id}/members/{userId}", tags: ["Users and teams"], summary: "Add a member or change their team role (admin)", request: { params: TeamMemberParams }, body: SetMembershipInput, ok: { status: 200, schema: TeamDto, description: "The team" }, errors: [400, 401, 403, 404, 415, 422] },
  { method: "delete", path: "/api/v1/teams/{id}/members/{userId}", tags: ["Users and teams"], summary: "Remove a member (admin)", request: { params: TeamMemberParams }, ok: { status: 200, schema: TeamDto, description: "The team" }, errors: [401, 403, 404] },
  { method: "get", path: "/api/v1/audit", tags: ["Audit"], summary: "Audit events, newest first, filtered", request: { query: AuditQuery }, ok: { status: 200, schema: AuditPage, description: "A page of events; pass nextCursor as cursor for the next" }, errors: [401, 403, 422] },
  { method: "get", path: "/api/v1/audit/verify", tags: ["Audit"], summary: "Recompute the hash chain and name the first broken link", ok: { status: 200, schema: AuditVerification, description: "Verification result" }, errors: [401, 403] },
  { method: "post", path: "/api/v1/audit/verify", tags: ["Audit"], summary: "Recompute the chain and check signed checkpoints kept outside the portal (detects tail deletion and recomputation)", body: VerifyWithCheckpoints, ok: { status: 200, schema: AuditVerification, description: "Verification result" }, errors: [401, 403, 422] },
  { method: "get", path: "/api/v1/audit/checkpoint", tags: ["Audit"], summary: "The signed head of the audit chain (sequence, hash), for an auditor to keep", ok: { status: 200, schema: AuditCheckpoint, description: "A signed checkpoint" }, errors: [401, 403, 503] },
  { method: "post", path: "/api/v1/imports", tags: ["Catalog"], summary: "Import OpenAPI, AsyncAPI, Backstage and ODCS files (each in its own transaction; bad files are reported per file, nothing from them is written)", body: ImportRequest, ok: { status: 200, schema: ImportResponse, description: "One result per file, in order; a re-imported unchanged document reports status unchanged" }, errors: [400, 401, 413, 415, 422] },
];

/** Other features add their endpoints here, next to the schemas that validate them. */
export function registerEndpoints(registry: OpenAPIRegistry, list: Endpoint[]) {
  for (const { body, ok, errors = [401, 403, 422], ...config } of list) {
    const responses: RouteConfig["responses"] = {
      [ok.status]: ok.schema ? json(ok.schema, ok.description) : { description: ok.description },
    };
    for (const status of errors) responses[status] = problem(STANDARD_ERRORS[status]);
    responses[500] = problem("Unexpected error; quote the requestId");
    const request = body ? { ...config.request, body: { content: { "application/json": { schema: body } } } } : config.request;
    registry.registerPath({ ...config, request, responses });
  }
}

export function openApiDocument() {
  const registry = new OpenAPIRegistry();
  registry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", description: "An API token from POST /api/v1/auth/token" });
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The portal's browser session" });
  registerEndpoints(registry, endpoints);
  registerEndpoints(registry, [...catalogEndpoints, ...searchEndpoints]);
  registerEndpoints(registry, lineageEndpoints);
  registerEndpoints(registry, diffEndpoints);
  registerEndpoints(registry, contractEndpoints);
  registerEndpoints(registry, healthEndpoints);
  registerEndpoints(registry, [...exportEndpoints, ...recordEndpoints]);
  registerEndpoints(registry, complianceEndpoints);
  registerEndpoints(registry, governanceEndpoints);
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: "3.1.0",
    info: {
      title: "Interchange API",
      version: "1.0.0",
      description: "Everything the Interchange portal does, over HTTP. Errors are RFC 9457 problem+json with a requestId.",
    },
    servers: [{ url: "/" }],
    security: [{ bearer: [] }, { session: [] }],
  });
}

let served: { document: ReturnType<typeof openApiDocument>; body: string; etag: string } | undefined;

/** The document only changes with the code, so it is generated once per process and revalidated by its ETag. */
export function openApiJson(): { body: string; etag: string } {
  if (!served) {
    const document = openApiDocument();
    const body = JSON.stringify(document);
    served = { document, body, etag: `"${createHash("sha256").update(body).digest("base64url")}"` };
  }
  return served;
}

export type OperationGroup = { tag: string; operations: { method: string; path: string; summary: string }[] };

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** Every operation by tag, in the document's order: the index the API reference shows before its renderer is in. */
export function operationIndex(): OperationGroup[] {
  openApiJson();
  const groups = new Map<string, OperationGroup>();
  for (const [path, item] of Object.entries(served!.document.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method];
      if (!operation) continue;
      const tag = operation.tags?.[0] ?? "Other";
      const group = groups.get(tag) ?? { tag, operations: [] };
      group.operations.push({ method: method.toUpperCase(), path, summary: operation.summary ?? "" });
      groups.set(tag, group);
    }
  }
  return [...groups.values()];
}
/** GET /api/v1/openapi.json: 304 when the caller already holds this version (If-None-Match). */
export function openApiResponse(request: Request): Response {
  const { body, etag } = openApiJson();
  // Browsers may keep it, but must ask again (a cheap 304) so a new deployment shows at once.
  const headers = { etag, "cache-control": "public, no-cache", "content-type": "application/json; charset=utf-8" };
  const held = request.headers.get("if-none-match")?.split(",").map((t) => t.trim().replace(/^W\//, ""));
  if (held?.includes(etag) || held?.includes("*")) return new Response(null, { status: 304, headers });
  return new Response(body, { headers });
}
