import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openApiDocument } from "./openapi";

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
