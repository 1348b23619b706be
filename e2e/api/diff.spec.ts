import { expect, test } from "@playwright/test";
import { bearer, expectProblem, tokenFor } from "./helpers";

const openapi = (required: string[]) =>
  JSON.stringify({
    openapi: "3.0.3",
    info: { title: "Payments", version: "1.0.0" },
    paths: {
      "/payments": {
        post: {
          requestBody: { content: { "application/json": { schema: { type: "object", required, properties: { amount: { type: "integer" }, currency: { type: "string" } } } } } },
          responses: { "201": { description: "created" } },
        },
      },
    },
  });

test.describe("diff API", () => {
  test("a consumer's token diffs two versions: a newly required request property is an ERR", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const response = await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: openapi(["amount"]), next: openapi(["amount", "currency"]) } });
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body.breaking).toBe(true);
    expect(body.changes).toEqual([
      expect.objectContaining({ level: "ERR", rule: "jsonschema.required.added", path: "/paths/~1payments/post/requestBody/content/application~1json/schema/properties/currency", message: expect.stringContaining("currency") }),
    ]);
  });

  test("the mode decides: NONE lists the change without blocking; a compatible change is INFO", async ({ request }) => {
    const token = await tokenFor(request, "producer");
    const none = await (await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: openapi(["amount"]), next: openapi(["amount", "currency"]), mode: "NONE" } })).json();
    expect(none.breaking).toBe(false);
    expect(none.changes.map((c: { level: string }) => c.level)).toEqual(["WARN"]);
    const relaxed = await (await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: openapi(["amount", "currency"]), next: openapi(["amount"]) } })).json();
    expect(relaxed).toMatchObject({ breaking: false, changes: [{ level: "INFO", rule: "jsonschema.required.removed" }] });
  });

  test("Avro and Protobuf are detected from the text", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const avro = (fields: unknown[]) => JSON.stringify({ type: "record", name: "Payment", fields });
    const avroDiff = await (await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: avro([{ name: "id", type: "string" }]), next: avro([{ name: "id", type: "string" }, { name: "amount", type: "long" }]), mode: "FULL" } })).json();
    expect(avroDiff.changes).toEqual([expect.objectContaining({ id: "avro.field.added-without-default:Payment.amount", level: "ERR" })]);
    const proto = await (await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: 'syntax = "proto3";\nmessage P { string id = 1; string note = 2; }', next: 'syntax = "proto3";\nmessage P { string id = 1; }' } })).json();
    expect(proto.changes).toEqual([expect.objectContaining({ rule: "protobuf.field.removed-unreserved", level: "ERR" })]);
  });

  test("bad input gets a problem answer naming the side and line; no sign-in gets 401", async ({ request }) => {
    const token = await tokenFor(request, "consumer");
    const broken = await expectProblem(await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: openapi([]), next: "openapi: 3.0.0\npaths:\n  /a: [\n", format: "OPENAPI" } }), 422);
    expect(broken.errors?.[0]).toMatchObject({ pointer: "/next", message: expect.stringMatching(/^next line \d+: malformed YAML/) });
    const invalid = await expectProblem(await request.post("/api/v1/diff", { headers: bearer(token), data: { previous: "", next: "{}", mode: "SIDEWAYS" } }), 422);
    expect(invalid.errors?.map((e) => e.pointer).sort()).toEqual(["/mode", "/previous"]);
    await expectProblem(await request.post("/api/v1/diff", { data: { previous: "{}", next: "{}" } }), 401);
  });
});
