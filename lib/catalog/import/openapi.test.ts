import { describe, expect, it } from "vitest";
import { element, fieldTable, parseFixture } from "./test-helpers";

describe("OpenAPI 3.0 (petstore.yaml)", async () => {
  const doc = await parseFixture("petstore.yaml");
  const api = doc.interfaces[0];

  it("describes the interface from info, tags and x-interchange extensions", () => {
    expect(api).toMatchObject({
      sourceKey: "openapi:petstore-api", name: "Petstore API", version: "1.2.0", description: "Pets for sale.",
      kind: "API", protocol: "HTTP", style: "REQUEST_RESPONSE", specFormat: "OPENAPI", tags: ["pets"],
      systemSlug: "petstore-api", ownerTeamSlug: "pets-team",
    });
    expect(api.lifecycle).toBeUndefined();
    expect(api.spec).toContain("openapi: 3.0.3");
  });

  it("has one OPERATION per path and method, then one SCHEMA per component schema", () => {
    expect(api.elements.map((e) => `${e.kind} ${e.name}`)).toEqual([
      "OPERATION GET /pets", "OPERATION POST /pets", "OPERATION GET /pets/{id}", "OPERATION DELETE /pets/{id}",
      "SCHEMA NewPet", "SCHEMA Pet", "SCHEMA Owner",
    ]);
  });

  it("keeps parameters (path-level $ref included), responses, security and deprecation", () => {
    const get = element(api, "OPERATION", "GET /pets/{id}");
    expect(get).toMatchObject({ method: "GET", path: "/pets/{id}", summary: "Get a pet" });
    expect(get.details).toMatchObject({
      parameters: [{ name: "id", in: "path", required: true, type: "string" }],
      responses: [{ code: "200", description: "The pet" }, { code: "404", description: "No such pet" }],
      security: ["apiKey"],
    });
    const del = element(api, "OPERATION", "DELETE /pets/{id}");
    expect(del.deprecated).toBe(true);
    expect(del.details?.security).toEqual([]);
  });

  it("flattens the request body into fields under the operation", () => {
    const post = element(api, "OPERATION", "POST /pets");
    expect(post.details?.requestBody).toEqual({ contentTypes: ["application/json"], schema: "NewPet" });
    // A named schema is referenced by name, not expanded again: its fields live on its own SCHEMA element.
    expect(fieldTable(post)).toEqual(["body.name string required", "body.tags array<string>", "body.owner Owner"]);
  });

  it("flattens schemas through $ref and allOf, with format, description and example", () => {
    const pet = element(api, "SCHEMA", "Pet");
    expect(fieldTable(pet)).toEqual(["Pet.name string required", "Pet.tags array<string>", "Pet.owner Owner", "Pet.id string required"]);
    const owner = element(api, "SCHEMA", "Owner");
    expect(fieldTable(owner)).toEqual(["Owner.email string required", "Owner.name string"]);
    expect(owner.fields.find((f) => f.path === "Owner.email")).toMatchObject({ format: "email" });
    expect(pet.fields.find((f) => f.path === "Pet.name")?.example).toBe("Rex");
  });
});

describe("Swagger 2.0 (swagger2.json)", async () => {
  const api = (await parseFixture("swagger2.json")).interfaces[0];

  it("takes the system from x-interchange-system and reads definitions", () => {
    expect(api).toMatchObject({ name: "Orders Service", version: "2.0.1", systemSlug: "order-management" });
    expect(fieldTable(element(api, "SCHEMA", "Order"))).toEqual(["Order.id string required", "Order.lines array<Line> required", "Order.total number"]);
    expect(element(api, "SCHEMA", "Order").fields.at(-1)).toMatchObject({ format: "double", example: "12.5" });
  });

  it("reads the body parameter as the request body, with consumes as content types", () => {
    const post = element(api, "OPERATION", "POST /orders");
    expect(post.details?.requestBody).toEqual({ contentTypes: ["application/json"], schema: "Order" });
    expect(post.fields.find((f) => f.path === "body.lines")).toMatchObject({ type: "array<Line>" });
    expect(fieldTable(element(api, "SCHEMA", "Line"))).toEqual(["Line.sku string", "Line.quantity integer"]);
    expect(post.details?.parameters).toContainEqual({ name: "X-Request-Id", in: "header", required: false, type: "string" });
  });
});

describe("OpenAPI 3.1 with recursive schemas (recursive-3.1.yaml)", async () => {
  const api = (await parseFixture("recursive-3.1.yaml")).interfaces[0];

  it("stops at a repeated $ref and records it as ref:Name", () => {
    expect(fieldTable(element(api, "SCHEMA", "Node"))).toEqual([
      "Node.name string", "Node.parent ref:Node", "Node.children array<Node>", "Node.manager Person",
    ]);
    expect(fieldTable(element(api, "SCHEMA", "Person"))).toEqual(["Person.reports array<Node>", "Person.assistant ref:Person"]);
  });

  it("is DEPRECATED when every operation is deprecated", () => {
    expect(api.lifecycle).toBe("DEPRECATED");
  });
});
