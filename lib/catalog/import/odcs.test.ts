import { describe, expect, it } from "vitest";
import { ImportError } from "./model";
import { parseDocument } from "./parse";
import { element, fieldTable, parseFixture, testLimits } from "./test-helpers";

describe("ODCS v3 (contract.odcs.yaml)", async () => {
  const doc = await parseFixture("contract.odcs.yaml");
  const contract = doc.interfaces[0];

  it("describes the contract as a DATABASE interface for a postgres server", () => {
    expect(contract).toMatchObject({
      sourceKey: "odcs:6b1f5c2e-orders-contract", name: "Orders", version: "1.3.0", kind: "DATABASE", protocol: "JDBC", style: "BATCH",
      specFormat: "ODCS", systemSlug: "order-management", ownerTeamSlug: "order-team", domainSlug: "sales", tags: ["orders", "finance"],
      description: "Orders placed in the web shop, for finance and fulfilment.",
    });
    expect(doc.domains).toEqual([{ slug: "sales", name: "Sales" }]);
  });

  it("keeps SLA properties, team and servers in the interface details", () => {
    expect(contract.details).toMatchObject({ status: "active", team: [{ username: "jdoe", role: "owner" }] });
    expect(contract.details?.slaProperties).toHaveLength(2);
  });

  it("has a SCHEMA per schema object with nested properties flattened and classifications kept", () => {
    const orders = element(contract, "SCHEMA", "orders");
    expect(fieldTable(orders)).toEqual([
      "orders.order_id string required", "orders.customer_email string required", "orders.total number",
      "orders.shipping_address object", "orders.shipping_address.country string", "orders.line_skus array<string>",
    ]);
    expect(orders.fields[1]).toMatchObject({ format: "varchar(320)", classification: "restricted", example: "jane@example.com" });
    expect(orders.details).toMatchObject({ physicalName: "orders_v3", classifications: { "orders.customer_email": "restricted" }, slaProperties: [{ property: "latency" }] });
  });
});

const contract = (servers: string) => `apiVersion: v3.0.2\nkind: DataContract\nid: c1\nversion: 1.0.0\nstatus: draft\n${servers}`;

describe("ODCS interface shape", () => {
  it.each([
    ["servers:\n  - server: k\n    type: kafka\n", { kind: "EVENT", protocol: "KAFKA", style: "EVENT" }],
    ["servers:\n  - server: f\n    type: sftp\n", { kind: "FILE", protocol: "SFTP", style: "BATCH" }],
    ["servers:\n  - server: b\n    type: s3\n", { kind: "FILE", protocol: "OTHER", style: "BATCH" }],
    ["servers:\n  - server: w\n    type: snowflake\n", { kind: "DATABASE", protocol: "JDBC", style: "BATCH" }],
    ["", { kind: "DATABASE", protocol: "OTHER", style: "BATCH" }],
  ])("%j", async (servers, shape) => {
    const [doc] = await parseDocument("c.yaml", contract(servers), { limits: testLimits });
    expect(doc.interfaces[0]).toMatchObject(shape);
  });

  it("a contract without id names the missing key; a nameless property names its pointer and line", async () => {
    const text = "apiVersion: v3.0.2\nkind: DataContract\nversion: 1.0.0\nstatus: draft\nschema:\n  - name: t\n    properties:\n      - logicalType: string\n";
    const error = await parseDocument("c.yaml", text, { limits: testLimits }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportError);
    expect((error as ImportError).problems).toEqual([
      { message: "invalid contract: 'id' is required and must be a string", pointer: "/", line: 1, column: 1 },
      { message: "invalid contract: property has no name", pointer: "/schema/0/properties/0", line: 8, column: 9 },
    ]);
  });
});
