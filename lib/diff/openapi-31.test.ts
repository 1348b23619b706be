// OpenAPI 3.1 and the cases oasdiff's checker tests taught us: webhooks (payloads are data the consumer
// reads), responses becoming nullable, security removed, request bodies wrapped in oneOf, and the
// promise that "No changes" means nothing but prose differs.
import { describe, expect, it } from "vitest";
import { outcome, run } from "./test-helpers";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const pet = { type: "object", required: ["name"], properties: { name: { type: "string" }, age: { type: "integer" } } };

function doc(change: (d: Doc) => void = () => {}): Doc {
  const d: Doc = {
    openapi: "3.1.0",
    info: { title: "Pets", version: "1" },
    security: [{ key: [] }],
    paths: {
      "/pets": {
        post: {
          requestBody: { required: true, content: { "application/json": { schema: structuredClone(pet) } } },
          responses: { "200": { description: "ok", content: { "application/json": { schema: structuredClone(pet) } } } },
        },
      },
    },
    webhooks: {
      petAdopted: { post: { requestBody: { content: { "application/json": { schema: { type: "object", properties: { id: { type: "string" }, status: { enum: ["adopted"] } } } } } }, responses: { "200": { description: "ok" } } } },
    },
    components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Key" }, basic: { type: "http", scheme: "basic" } } },
  };
  change(d);
  return d;
}

const hook = (d: Doc) => d.webhooks.petAdopted.post.requestBody.content["application/json"].schema;
const response = (d: Doc) => d.paths["/pets"].post.responses["200"].content["application/json"].schema;
const request = (d: Doc) => d.paths["/pets"].post.requestBody.content["application/json"];

describe("OpenAPI 3.1 webhooks", () => {
  it("a removed webhook breaks the consumers that subscribed to it", () => {
    expect(outcome(run("OPENAPI", doc(), doc((d) => delete d.webhooks.petAdopted)))).toEqual(["openapi.webhook.removed=ERR"]);
    expect(outcome(run("OPENAPI", doc((d) => delete d.webhooks.petAdopted), doc()))).toEqual(["openapi.webhook.added=INFO"]);
  });

  it("a webhook payload is data the consumer reads: widening it breaks, narrowing it does not", () => {
    const widened = run("OPENAPI", doc(), doc((d) => (hook(d).properties.status.enum = ["adopted", "returned"])));
    expect(widened.changes.map((c) => [c.rule, c.level, c.path])).toEqual([["jsonschema.enum.widened", "WARN", "/webhooks/petAdopted/post/requestBody/content/application~1json/schema/properties/status"]]);
    expect(run("OPENAPI", doc(), doc((d) => (hook(d).properties.id.type = ["string", "null"]))).breaking).toBe(true);
    expect(run("OPENAPI", doc(), doc((d) => (hook(d).properties.id.maxLength = 10))).breaking).toBe(false);
  });
});

describe("OpenAPI responses and requests", () => {
  it("a response property becoming nullable breaks readers; a request property becoming nullable does not", () => {
    expect(outcome(run("OPENAPI", doc(), doc((d) => (response(d).properties.name.type = ["string", "null"]))))).toEqual(["jsonschema.nullable.changed=ERR"]);
    expect(outcome(run("OPENAPI", doc(), doc((d) => (request(d).schema.properties.name.type = ["string", "null"]))))).toEqual(["jsonschema.nullable.changed=INFO"]);
  });

  it("a request body wrapped in oneOf of overlapping alternatives rejects what matched both", () => {
    const wrapped = doc((d) => (request(d).schema = { oneOf: [{ ...pet, required: ["name"] }, { ...pet, required: ["age"] }] }));
    expect(run("OPENAPI", doc(), wrapped).breaking).toBe(true);
    const single = doc((d) => (request(d).schema = { oneOf: [structuredClone(pet)] }));
    expect(run("OPENAPI", doc(), single).changes).toEqual([]);
  });
});

describe("OpenAPI security", () => {
  it("removing security entirely lets everyone in: compatible", () => {
    expect(outcome(run("OPENAPI", doc(), doc((d) => delete d.security)))).toEqual(["openapi.security.removed=INFO"]);
  });

  it("removing a scheme nothing requires breaks no one; removing one still required does", () => {
    expect(outcome(run("OPENAPI", doc(), doc((d) => delete d.components.securitySchemes.basic)))).toEqual(["openapi.security.scheme.removed=INFO"]);
    expect(run("OPENAPI", doc(), doc((d) => delete d.components.securitySchemes.key)).breaking).toBe(true);
  });
});

describe("'No changes' is true", () => {
  it("a change no rule judges is a WARN with its pointer, not silence", () => {
    const result = run("OPENAPI", doc(), doc((d) => (d.components.securitySchemes.key["x-rotation"] = "daily")));
    expect(result.changes.map((c) => [c.rule, c.level, c.path])).toEqual([["document.changed.not-judged", "WARN", "/components/securitySchemes/key/x-rotation"]]);
  });

  it("prose and renamed path parameters are no change", () => {
    expect(run("OPENAPI", doc(), doc((d) => (d.info.description = "Now documented"))).changes).toEqual([]);
  });
});
