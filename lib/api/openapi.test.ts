import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument, openApiResponse, operationIndex } from "./openapi";

const API_ROOT = path.join(process.cwd(), "app", "api", "v1");

/** Every exported handler under app/api/v1, as "METHOD /api/v1/path/{param}". */
function implementedEndpoints(dir = API_ROOT): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...implementedEndpoints(full));
    else if (entry.name === "route.ts") {
      const urlPath = "/api/v1" + path.relative(API_ROOT, dir).split(path.sep).map((s) => "/" + s.replace(/^\[(.+)\]$/, "{$1}")).join("");
      for (const [, method] of readFileSync(full, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE)\b/g)) {
        found.push(`${method} ${urlPath.replace(/\/$/, "")}`);
      }
    }
  }
  return found.sort();
}

describe("openapi.json", () => {
  const document = openApiDocument();
  const documented = Object.entries(document.paths ?? {})
    .flatMap(([p, item]) => Object.keys(item ?? {}).map((m) => `${m.toUpperCase()} ${p}`))
    .sort();

  it("documents exactly the endpoints that exist", () => {
    expect(documented).toEqual(implementedEndpoints());
  });

  it("describes request bodies from the validating schemas, and errors as problem+json", () => {
    const createUser = document.paths!["/api/v1/users"]!.post!;
    const body = (createUser.requestBody as { content: Record<string, { schema: { required?: string[]; properties?: Record<string, unknown> } }> }).content["application/json"].schema;
    expect(body.required).toEqual(expect.arrayContaining(["email", "name"]));
    expect(Object.keys(body.properties ?? {})).toEqual(expect.arrayContaining(["email", "name", "role", "password"]));
    expect(Object.keys((createUser.responses as Record<string, { content?: object }>)["422"].content ?? {})).toEqual(["application/problem+json"]);
  });
});

describe("serving openapi.json", () => {
  const get = (headers: Record<string, string> = {}) => openApiResponse(new Request("http://localhost/api/v1/openapi.json", { headers }));

  it("sends the document with an ETag that stays the same between requests", async () => {
    const first = get();
    expect(first.status).toBe(200);
    expect(first.headers.get("content-type")).toMatch(/^application\/json/);
    const document = (await first.json()) as { openapi: string; paths: object };
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths).length).toBeGreaterThan(50);
    expect(first.headers.get("etag")).toMatch(/^"[\w-]{20,}"$/);
    expect(get().headers.get("etag")).toBe(first.headers.get("etag"));
  });

  it("answers 304 without a body to a browser that holds this version, and 200 to one holding another", async () => {
    const etag = get().headers.get("etag")!;
    const revalidated = get({ "if-none-match": `W/"old", ${etag}` });
    expect(revalidated.status).toBe(304);
    expect(await revalidated.text()).toBe("");
    expect(get({ "if-none-match": '"old"' }).status).toBe(200);
  });
});

describe("operationIndex", () => {
  it("lists every documented operation once, under its first tag, with method, path and summary", () => {
    const groups = operationIndex();
    const all = groups.flatMap((g) => g.operations.map((o) => `${o.method} ${o.path}`)).sort();
    expect(all).toEqual(implementedEndpoints());
    const users = groups.find((g) => g.tag === "Users and teams")!;
    expect(users.operations).toContainEqual({ method: "POST", path: "/api/v1/users", summary: "Create a user (admin)" });
  });
});
