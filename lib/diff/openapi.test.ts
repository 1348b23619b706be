// OpenAPI rules. Consumers write requests and read responses: tightening a request or loosening a
// response breaks them, the opposite does not. Each rule has a breaking and a compatible variant.
import { describe, expect, it } from "vitest";
import { levelOf, outcome, run } from "./test-helpers";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

function base(): Doc {
  return {
    openapi: "3.0.3",
    info: { title: "Payments", version: "1.0.0" },
    security: [{ oauth: ["payments:read"] }],
    paths: {
      "/payments": {
        get: {
          parameters: [
            { name: "limit", in: "query", schema: { type: "integer", minimum: 1, maximum: 100 } },
            { name: "status", in: "query", schema: { type: "string", enum: ["NEW", "PAID"] } },
          ],
          responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Payment" } } } } } },
        },
        post: {
          requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewPayment" } } } },
          responses: {
            "201": { description: "created", headers: { Location: { required: true, schema: { type: "string" } } }, content: { "application/json": { schema: { $ref: "#/components/schemas/Payment" } } } },
            "400": { description: "bad" },
          },
        },
      },
      "/payments/{id}": {
        get: { parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "200": { description: "ok" } } },
        delete: { deprecated: true, parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], responses: { "204": { description: "gone" } } },
      },
      "/legacy": { get: { deprecated: true, responses: { "200": { description: "ok" } } } },
    },
    components: {
      securitySchemes: { oauth: { type: "oauth2", flows: { clientCredentials: { tokenUrl: "https://auth.example.com/token", scopes: {} } } } },
      schemas: {
        NewPayment: { type: "object", required: ["amount"], properties: { amount: { type: "integer", format: "int64" }, currency: { type: "string", maxLength: 3 }, note: { type: "string" } } },
        Payment: { type: "object", required: ["id", "amount", "status"], properties: { id: { type: "string" }, amount: { type: "integer" }, status: { type: "string", enum: ["NEW", "PAID"] }, memo: { type: "string" } } },
      },
    },
  };
}

function mutate(change: (d: Doc) => void): Doc {
  const d = base();
  change(d);
  return d;
}

const S = (d: Doc) => d.components.schemas;
const listParams = (d: Doc) => d.paths["/payments"].get.parameters;

const cases: { name: string; rule: string; level: string; change: (d: Doc) => void }[] = [
  { name: "path removed", rule: "openapi.path.removed", level: "ERR", change: (d) => delete d.paths["/payments/{id}"] },
  { name: "path removed after its operations were deprecated", rule: "openapi.path.removed-after-deprecation", level: "WARN", change: (d) => delete d.paths["/legacy"] },
  { name: "path added", rule: "openapi.path.added", level: "INFO", change: (d) => (d.paths["/refunds"] = { get: { responses: { "200": { description: "ok" } } } }) },
  { name: "operation removed", rule: "openapi.operation.removed", level: "ERR", change: (d) => delete d.paths["/payments"].post },
  { name: "operation removed after deprecation", rule: "openapi.operation.removed-after-deprecation", level: "WARN", change: (d) => delete d.paths["/payments/{id}"].delete },
  { name: "operation deprecated", rule: "openapi.operation.deprecated", level: "INFO", change: (d) => (d.paths["/payments"].get.deprecated = true) },
  { name: "path parameter renamed (same operation)", rule: "", level: "", change: (d) => { d.paths["/payments/{paymentId}"] = d.paths["/payments/{id}"]; delete d.paths["/payments/{id}"]; d.paths["/payments/{paymentId}"].get.parameters[0].name = "paymentId"; d.paths["/payments/{paymentId}"].delete.parameters[0].name = "paymentId"; } },
  { name: "query parameter removed", rule: "openapi.parameter.removed", level: "WARN", change: (d) => listParams(d).splice(1, 1) },
  { name: "required parameter added", rule: "openapi.parameter.required-added", level: "ERR", change: (d) => listParams(d).push({ name: "account", in: "query", required: true, schema: { type: "string" } }) },
  { name: "optional parameter added", rule: "openapi.parameter.added", level: "INFO", change: (d) => listParams(d).push({ name: "account", in: "query", schema: { type: "string" } }) },
  { name: "parameter made required", rule: "openapi.parameter.now-required", level: "ERR", change: (d) => (listParams(d)[0].required = true) },
  { name: "parameter maximum tightened", rule: "jsonschema.maximum.tightened", level: "ERR", change: (d) => (listParams(d)[0].schema.maximum = 50) },
  { name: "parameter maximum relaxed", rule: "jsonschema.maximum.relaxed", level: "INFO", change: (d) => (listParams(d)[0].schema.maximum = 500) },
  { name: "parameter enum narrowed", rule: "jsonschema.enum.narrowed", level: "ERR", change: (d) => (listParams(d)[1].schema.enum = ["NEW"]) },
  { name: "parameter enum widened", rule: "jsonschema.enum.widened", level: "INFO", change: (d) => listParams(d)[1].schema.enum.push("VOID") },
  { name: "parameter type changed", rule: "jsonschema.type.changed", level: "ERR", change: (d) => (listParams(d)[0].schema = { type: "string" }) },
  { name: "request property newly required", rule: "jsonschema.required.added", level: "ERR", change: (d) => S(d).NewPayment.required.push("currency") },
  { name: "request property made optional", rule: "jsonschema.required.removed", level: "INFO", change: (d) => (S(d).NewPayment.required = []) },
  { name: "request property added (optional)", rule: "jsonschema.property.added", level: "INFO", change: (d) => (S(d).NewPayment.properties.reference = { type: "string" }) },
  { name: "request property removed (provider ignores it)", rule: "jsonschema.property.removed", level: "WARN", change: (d) => delete S(d).NewPayment.properties.note },
  { name: "request constraint tightened", rule: "jsonschema.maxLength.tightened", level: "ERR", change: (d) => (S(d).NewPayment.properties.currency.maxLength = 2) },
  { name: "request format changed int64 -> int32", rule: "jsonschema.format.changed", level: "ERR", change: (d) => (S(d).NewPayment.properties.amount.format = "int32") },
  { name: "request body made required... already; request body removed", rule: "openapi.request-body.removed", level: "WARN", change: (d) => delete d.paths["/payments"].post.requestBody },
  { name: "request media type removed", rule: "openapi.request-body.media-type.removed", level: "ERR", change: (d) => { const c = d.paths["/payments"].post.requestBody.content; c["application/xml"] = c["application/json"]; delete c["application/json"]; } },
  { name: "response removed (success)", rule: "openapi.response.removed", level: "ERR", change: (d) => { const r = d.paths["/payments"].post.responses; r["200"] = r["201"]; delete r["201"]; } },
  { name: "response removed (error status)", rule: "openapi.response.removed", level: "INFO", change: (d) => delete d.paths["/payments"].post.responses["400"] },
  { name: "response added", rule: "openapi.response.added", level: "INFO", change: (d) => (d.paths["/payments"].post.responses["409"] = { description: "conflict" }) },
  { name: "response property removed (required)", rule: "jsonschema.property.removed", level: "ERR", change: (d) => { delete S(d).Payment.properties.status; S(d).Payment.required = ["id", "amount"]; } },
  { name: "response property removed (optional)", rule: "jsonschema.property.removed", level: "WARN", change: (d) => delete S(d).Payment.properties.memo },
  { name: "response property made optional", rule: "jsonschema.required.removed", level: "ERR", change: (d) => (S(d).Payment.required = ["id", "amount"]) },
  { name: "response property newly required", rule: "jsonschema.required.added", level: "INFO", change: (d) => S(d).Payment.required.push("memo") },
  { name: "response property added", rule: "jsonschema.property.added", level: "INFO", change: (d) => (S(d).Payment.properties.fee = { type: "integer" }) },
  { name: "response enum value added", rule: "jsonschema.enum.widened", level: "WARN", change: (d) => S(d).Payment.properties.status.enum.push("VOID") },
  { name: "response enum value removed", rule: "jsonschema.enum.narrowed", level: "INFO", change: (d) => (S(d).Payment.properties.status.enum = ["NEW"]) },
  { name: "response type changed", rule: "jsonschema.type.changed", level: "ERR", change: (d) => (S(d).Payment.properties.amount.type = "string") },
  { name: "response constraint tightened (compatible for readers)", rule: "jsonschema.maxLength.tightened", level: "INFO", change: (d) => (S(d).Payment.properties.memo.maxLength = 140) },
  { name: "response header removed (required)", rule: "openapi.response.header.removed", level: "ERR", change: (d) => delete d.paths["/payments"].post.responses["201"].headers },
  { name: "response media type removed", rule: "openapi.response.media-type.removed", level: "ERR", change: (d) => delete d.paths["/payments"].post.responses["201"].content },
  { name: "security scope added", rule: "openapi.security.scopes.added", level: "ERR", change: (d) => d.security[0].oauth.push("payments:admin") },
  { name: "security requirement replaced", rule: "openapi.security.requirement.removed", level: "ERR", change: (d) => { d.security = [{ apiKey: [] }]; d.components.securitySchemes.apiKey = { type: "apiKey", in: "header", name: "X-Key" }; } },
  { name: "security alternative added", rule: "openapi.security.requirement.added", level: "INFO", change: (d) => { d.security.push({ apiKey: [] }); d.components.securitySchemes.apiKey = { type: "apiKey", in: "header", name: "X-Key" }; } },
  { name: "security scheme changed", rule: "openapi.security.scheme.changed", level: "ERR", change: (d) => (d.components.securitySchemes.oauth = { type: "http", scheme: "bearer" }) },
];

describe("OpenAPI rules", () => {
  it.each(cases.filter((c) => c.rule))("$name -> $rule $level", ({ rule, level, change }) => {
    expect(levelOf(run("OPENAPI", base(), mutate(change)), rule)).toBe(level);
  });

  it("a renamed path parameter is the same operation", () => {
    expect(run("OPENAPI", base(), mutate(cases.find((c) => c.name.startsWith("path parameter renamed"))!.change)).changes).toEqual([]);
  });

  it("the public /legacy operation has no security to compare before the change", () => {
    // base(): /legacy inherits the root security; make it explicitly public first.
    const old = mutate((d) => (d.paths["/legacy"].get.security = []));
    expect(levelOf(run("OPENAPI", old, mutate((d) => (d.paths["/legacy"].get.security = [{ oauth: [] }]))), "openapi.security.added")).toBe("ERR");
  });

  it("an identical document has no changes; ids are stable rule plus location", () => {
    expect(run("OPENAPI", base(), base()).changes).toEqual([]);
    const result = run("OPENAPI", base(), mutate((d) => delete d.paths["/payments"].post));
    expect(result.changes[0].id).toBe("openapi.operation.removed:POST /payments");
  });

  it("a component used in a request and a response is judged both ways", () => {
    const result = run("OPENAPI", base(), mutate((d) => (S(d).NewPayment = { $ref: "#/components/schemas/Payment" })));
    expect(result.breaking).toBe(true);
    const both = mutate((d) => (d.paths["/payments"].post.requestBody.content["application/json"].schema = { $ref: "#/components/schemas/Payment" }));
    const r2 = run("OPENAPI", both, mutate((d) => { d.paths["/payments"].post.requestBody.content["application/json"].schema = { $ref: "#/components/schemas/Payment" }; S(d).Payment.properties.status.enum.push("VOID"); }));
    expect(outcome(r2)).toEqual(["jsonschema.enum.widened=INFO", "jsonschema.enum.widened=WARN"]);
  });

  it("FORWARD mode reverses the roles (old providers serving new consumers)", () => {
    expect(levelOf(run("OPENAPI", base(), mutate((d) => (listParams(d)[0].schema.maximum = 500)), "FORWARD"), "jsonschema.maximum.relaxed")).toBe("ERR");
    expect(run("OPENAPI", base(), mutate((d) => delete d.paths["/payments"].post), "NONE").breaking).toBe(false);
  });

  it("Swagger 2.0: body parameters, response schemas and basePath", () => {
    const v2 = (amountType: string, basePath = "/v1") => ({
      swagger: "2.0",
      info: { title: "t", version: "1" },
      basePath,
      paths: { "/pay": { post: { parameters: [{ name: "body", in: "body", required: true, schema: { $ref: "#/definitions/P" } }, { name: "dry", in: "query", type: "boolean" }], responses: { "200": { description: "ok", schema: { $ref: "#/definitions/P" } } } } } },
      definitions: { P: { type: "object", properties: { amount: { type: amountType } } } },
    });
    expect(outcome(run("OPENAPI", v2("number"), v2("integer")))).toEqual(["jsonschema.type.changed=ERR", "jsonschema.type.changed=INFO"]);
    expect(levelOf(run("OPENAPI", v2("number"), v2("number", "/v2")), "openapi.base-path.changed")).toBe("ERR");
  });

  it("survives recursive components", () => {
    const tree = (t: string) => mutate((d) => (S(d).Payment.properties.children = { type: "array", items: { $ref: "#/components/schemas/Payment" } }, S(d).Payment.properties.id.type = t));
    expect(outcome(run("OPENAPI", tree("string"), tree("integer")))).toEqual(["jsonschema.type.changed=ERR"]);
  });
});

describe("OpenAPI readOnly and writeOnly", () => {
  it("a readOnly property newly required does not break requests, but does reach responses", () => {
    const doc = (required: string[]) =>
      mutate((d) => {
        S(d).NewPayment = { $ref: "#/components/schemas/Payment" };
        S(d).Payment.properties.createdAt = { type: "string", readOnly: true };
        S(d).Payment.required = required;
      });
    const result = run("OPENAPI", doc(["id", "amount", "status"]), doc(["id", "amount", "status", "createdAt"]));
    expect(outcome(result)).toEqual(["jsonschema.required.added=INFO", "jsonschema.required.added=INFO"]);
    const dropped = run("OPENAPI", doc(["id", "amount", "status", "createdAt"]), doc(["id", "amount", "status"]));
    expect(outcome(dropped)).toEqual(["jsonschema.required.removed=ERR", "jsonschema.required.removed=INFO"]);
  });
});
