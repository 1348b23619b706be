import { describe, expect, it } from "vitest";
import { parseEntityRef } from "./backstage";
import { ImportError } from "./model";
import { parseDocument } from "./parse";
import { element, parseFixture, testLimits } from "./test-helpers";

describe("Backstage catalog-info.yaml (multi-document)", async () => {
  const doc = await parseFixture("catalog-info.yaml");
  const plain = <T extends object>(xs: T[]) => xs.map((x) => Object.fromEntries(Object.entries(x).filter(([k]) => k !== "origin" && k !== "declared")));
  const api = (name: string) => doc.interfaces.find((i) => i.sourceKey === `backstage:api:default/${name}`)!;

  it("reads domains and systems with owners (group:default/x -> x)", () => {
    expect(plain(doc.domains)).toEqual([{ slug: "payments", name: "Payments", description: "Everything that moves money.", ownerTeamSlug: "payments-team" }]);
    expect(plain(doc.systems)).toEqual([
      { slug: "billing", name: "billing", description: "Invoices and payment runs.", domainSlug: "payments", ownerTeamSlug: "payments-team" },
      // a component outside any system stands for its own system
      { slug: "reporting-job", name: "reporting-job", ownerTeamSlug: "analytics" },
    ]);
  });

  it("gives a provided API the providing component's system", () => {
    expect(api("billing-api")).toMatchObject({ name: "Billing API", systemSlug: "billing", ownerTeamSlug: "payments-team", version: "4.1.0", specFormat: "OPENAPI", protocol: "HTTP", tags: ["billing"] });
    expect(element(api("billing-api"), "OPERATION", "GET /invoices/{id}").details).toMatchObject({ parameters: [{ name: "id", in: "path" }] });
  });

  it("parses an inline AsyncAPI definition and honours spec.lifecycle deprecated", () => {
    expect(api("billing-events")).toMatchObject({ kind: "EVENT", protocol: "KAFKA", lifecycle: "DEPRECATED", description: "Billing events on Kafka.", systemSlug: "billing" });
    expect(api("billing-events").elements.map((e) => `${e.kind} ${e.name}`)).toEqual(["CHANNEL billing.invoice-issued", "OPERATION publishInvoiceIssued", "MESSAGE InvoiceIssued"]);
    expect(api("billing-events").spec).toMatch(/^asyncapi: 3.0.0/);
  });

  it("keeps a grpc API without elements", () => {
    expect(api("ledger-grpc")).toMatchObject({ protocol: "GRPC", specFormat: "PROTOBUF", systemSlug: "billing", ownerTeamSlug: "ledger", elements: [] });
  });

  it("turns consumesApis into flows from the consuming component's system", () => {
    expect(plain(doc.flows)).toEqual([
      { interfaceSourceKey: "backstage:api:default/customer-api", consumerSystemSlug: "billing" },
      { interfaceSourceKey: "backstage:api:default/billing-events", consumerSystemSlug: "reporting-job" },
    ]);
  });
});

const apiEntity = (definition: string) => `apiVersion: backstage.io/v1alpha1\nkind: API\nmetadata:\n  name: x\nspec:\n  type: openapi\n  owner: team\n  definition:${definition}`;

async function problems(text: string) {
  try {
    await parseDocument("catalog-info.yaml", text, { limits: testLimits });
  } catch (error) {
    if (error instanceof ImportError) return error.problems;
    throw error;
  }
  throw new Error("expected an ImportError");
}

describe("Backstage bad input", () => {
  it.each(["$text: ./openapi.yaml", "$openapi: https://example.com/api.yaml"])("a %s placeholder is refused with its pointer, nothing fetched", async (placeholder) => {
    const [problem] = await problems(apiEntity(`\n    ${placeholder}\n`));
    expect(problem).toMatchObject({ pointer: `/spec/definition/${placeholder.split(":")[0]}`, line: 9 });
    expect(problem.message).toMatch(/never fetch/);
  });

  it("a problem inside an inline definition names the outer line and pointer", async () => {
    const definition = ` |\n    openapi: 3.0.3\n    info: { title: T, version: "1" }\n    paths:\n      /a:\n        get:\n          responses:\n            "200": {}\n`;
    const [problem] = await problems(apiEntity(definition));
    expect(problem).toMatchObject({ pointer: "/spec/definition/paths/~1a/get/responses/200", line: 15, message: "spec.definition: invalid spec: must have required property 'description'" });
  });

  it("an entity without a name is named by document and line", async () => {
    const [problem] = await problems("apiVersion: backstage.io/v1alpha1\nkind: System\nmetadata:\n  title: Nameless\n");
    expect(problem).toMatchObject({ pointer: "/metadata", line: 3, message: "entity has no metadata.name" });
  });
});

describe("parseEntityRef", () => {
  it.each([
    ["group:default/payments", { kind: "group", namespace: "default", name: "payments" }],
    ["api:billing-api", { kind: "api", namespace: "default", name: "billing-api" }],
    ["ops/ledger", { kind: undefined, namespace: "ops", name: "ledger" }],
    ["ledger", { kind: undefined, namespace: "default", name: "ledger" }],
  ])("%s", (ref, expected) => expect(parseEntityRef(ref)).toEqual(expected));
});
