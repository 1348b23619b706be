import { entityExample } from "./examples";
import { entitySchema, type JsonObject } from "./json-schema";
import type { EntitySeed, InterfaceSeed, SystemSeed } from "./types";

export type SpecInput = {
  iface: InterfaceSeed;
  slug: string;
  entity: EntitySeed;
  system: SystemSeed;
  team: { name: string; email: string };
};

const PROBLEM = { content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } } };

/** A small OpenAPI 3.1 document: collection and item paths for the entity, plus one path per action. */
export function openApiDocument({ iface, slug, entity, system, team }: SpecInput): JsonObject {
  const title = entity.title;
  const ref = { $ref: `#/components/schemas/${title}` };
  const idField = Object.keys(entity.fields)[0];
  const base = iface.resource ?? `/${slug}`;
  const item = `${base}/{${idField}}`;
  const idParam = { name: idField, in: "path", required: true, schema: { type: "string" } };
  const json = (schema: JsonObject) => ({ content: { "application/json": { schema } } });
  const errors = { "401": { $ref: "#/components/responses/Unauthorized" }, "404": { $ref: "#/components/responses/NotFound" } };

  const collection: JsonObject = {
    get: {
      operationId: `list${title}s`,
      summary: `List ${title} records`,
      tags: [iface.name],
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 200, default: 50 } },
        { name: "cursor", in: "query", schema: { type: "string" } },
      ],
      responses: { "200": { description: "One page", ...json({ $ref: `#/components/schemas/${title}Page` }) }, "401": errors["401"] },
    },
  };
  if (!iface.readOnly) {
    collection.post = {
      operationId: `create${title}`,
      summary: `Create a ${title}`,
      tags: [iface.name],
      parameters: [{ name: "Idempotency-Key", in: "header", required: true, schema: { type: "string", maxLength: 64 } }],
      requestBody: { required: true, ...json(ref) },
      responses: {
        "201": { description: "Created", ...json(ref) },
        "401": errors["401"],
        "422": { $ref: "#/components/responses/ValidationFailed" },
      },
    };
  }
  const paths: JsonObject = {
    [base]: collection,
    [item]: {
      get: { operationId: `get${title}`, summary: `Read one ${title}`, tags: [iface.name], parameters: [idParam], responses: { "200": { description: "Found", ...json(ref) }, ...errors } },
    },
  };
  for (const action of iface.actions ?? []) {
    paths[`${item}/${action}`] = {
      post: {
        operationId: `${camel(action)}${title}`,
        summary: `${capitalise(action.replace(/-/g, " "))} for a ${title}`,
        tags: [iface.name],
        parameters: [idParam],
        responses: { "200": { description: "Done", ...json(ref) }, ...errors, "409": { description: "Not allowed in the current state", ...PROBLEM } },
      },
    };
  }

  const vendor = system.kind === "SAAS" || system.kind === "THIRD_PARTY";
  return {
    openapi: "3.1.0",
    info: { title: iface.name, version: "1.0.0", description: iface.description, contact: { name: team.name, email: team.email } },
    // Vendor APIs are reached through the egress gateway, which holds the vendor credentials.
    servers: [{ url: vendor ? `https://egress.interchange.local/${system.slug}` : `https://api.interchange.local/${system.slug}` }],
    security: [{ oauth2: [] }],
    tags: [{ name: iface.name, description: iface.description }],
    paths,
    components: {
      schemas: {
        [title]: { ...entitySchema(entity), examples: [entityExample(entity, slug)] },
        [`${title}Page`]: {
          type: "object",
          properties: { items: { type: "array", items: ref }, nextCursor: { type: ["string", "null"] } },
          required: ["items", "nextCursor"],
        },
        Problem: {
          type: "object",
          description: "RFC 9457 problem details",
          properties: { type: { type: "string", format: "uri" }, title: { type: "string" }, status: { type: "integer" }, detail: { type: "string" }, instance: { type: "string" } },
          required: ["type", "title", "status"],
        },
      },
      responses: {
        Unauthorized: { description: "Missing or invalid access token", ...PROBLEM },
        NotFound: { description: "No such record, or not visible to the caller", ...PROBLEM },
        ValidationFailed: { description: "The request body failed validation", ...PROBLEM },
      },
      securitySchemes: {
        oauth2: {
          type: "oauth2",
          flows: { clientCredentials: { tokenUrl: "https://auth.interchange.local/oauth2/token", scopes: { [`${system.slug}:read`]: "Read", [`${system.slug}:write`]: "Write" } } },
        },
      },
    },
  };
}

export function camel(text: string): string {
  const words = text.split(/[^A-Za-z0-9]+/).filter(Boolean);
  return words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : capitalise(w))).join("");
}

export function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
