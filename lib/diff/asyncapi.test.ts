// AsyncAPI rules: removed channels, operations and messages; payloads judged as JSON Schema under the mode.
import { describe, expect, it } from "vitest";
import { levelOf, outcome, run } from "./test-helpers";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const v3 = (): Doc => ({
  asyncapi: "3.0.0",
  info: { title: "Orders", version: "1.0.0" },
  channels: {
    orderPlaced: { address: "orders.placed", messages: { OrderPlaced: { $ref: "#/components/messages/OrderPlaced" } } },
    orderCancelled: { address: "orders.cancelled", messages: { OrderCancelled: { payload: { type: "object", properties: { id: { type: "string" } } } } } },
  },
  operations: {
    publishPlaced: { action: "send", channel: { $ref: "#/channels/orderPlaced" }, messages: [{ $ref: "#/channels/orderPlaced/messages/OrderPlaced" }] },
  },
  components: {
    messages: { OrderPlaced: { payload: { $ref: "#/components/schemas/Order" } } },
    schemas: { Order: { type: "object", required: ["id"], properties: { id: { type: "string" }, total: { type: "number" }, status: { type: "string", enum: ["NEW", "PAID"] } } } },
  },
});

function mutate(change: (d: Doc) => void): Doc {
  const d = v3();
  change(d);
  return d;
}

describe("AsyncAPI rules", () => {
  it.each([
    { name: "channel removed", rule: "asyncapi.channel.removed", level: "ERR", change: (d: Doc) => delete d.channels.orderCancelled },
    { name: "channel address changed", rule: "asyncapi.channel.address-changed", level: "ERR", change: (d: Doc) => (d.channels.orderCancelled.address = "orders.voided") },
    { name: "operation removed", rule: "asyncapi.operation.removed", level: "ERR", change: (d: Doc) => delete d.operations.publishPlaced },
    { name: "message removed", rule: "asyncapi.message.removed", level: "ERR", change: (d: Doc) => delete d.channels.orderCancelled.messages.OrderCancelled },
    { name: "channel added", rule: "asyncapi.channel.added", level: "INFO", change: (d: Doc) => (d.channels.orderPaid = { address: "orders.paid" }) },
    { name: "payload field newly required (new schema cannot read old events)", rule: "jsonschema.required.added", level: "ERR", change: (d: Doc) => d.components.schemas.Order.required.push("total") },
    { name: "payload type narrowed", rule: "jsonschema.type.changed", level: "ERR", change: (d: Doc) => (d.components.schemas.Order.properties.total.type = "integer") },
    { name: "payload enum value added (BACKWARD: compatible)", rule: "jsonschema.enum.widened", level: "INFO", change: (d: Doc) => d.components.schemas.Order.properties.status.enum.push("VOID") },
    { name: "payload optional field added", rule: "jsonschema.property.added", level: "INFO", change: (d: Doc) => (d.components.schemas.Order.properties.note = { type: "string" }) },
  ])("$name", ({ rule, level, change }) => {
    expect(levelOf(run("ASYNCAPI", v3(), mutate(change)), rule)).toBe(level);
  });

  it("payloads follow the mode: an added enum value breaks FORWARD (old consumers read new events)", () => {
    const next = mutate((d) => d.components.schemas.Order.properties.status.enum.push("VOID"));
    expect(levelOf(run("ASYNCAPI", v3(), next, "FORWARD"), "jsonschema.enum.widened")).toBe("WARN");
    const widened = mutate((d) => (d.components.schemas.Order.properties.total.type = ["number", "string"]));
    expect(levelOf(run("ASYNCAPI", v3(), widened, "FORWARD"), "jsonschema.type.changed")).toBe("ERR");
    expect(levelOf(run("ASYNCAPI", v3(), widened, "BACKWARD"), "jsonschema.type.changed")).toBe("INFO");
  });

  it("AsyncAPI 2: publish/subscribe operations and their messages", () => {
    const v2 = (type: string, withCancel = true): Doc => ({
      asyncapi: "2.6.0",
      info: { title: "Orders", version: "1" },
      channels: {
        "orders.placed": { subscribe: { message: { messageId: "OrderPlaced", payload: { type: "object", properties: { total: { type } } } } } },
        ...(withCancel ? { "orders.cancelled": { subscribe: { message: { oneOf: [{ $ref: "#/components/messages/Cancelled" }] } } } } : {}),
      },
      components: { messages: { Cancelled: { payload: { type: "object" } } } },
    });
    expect(outcome(run("ASYNCAPI", v2("number"), v2("integer")))).toEqual(["jsonschema.type.changed=ERR"]);
    expect(outcome(run("ASYNCAPI", v2("number"), v2("number", false)))).toEqual(["asyncapi.channel.removed=ERR", "asyncapi.operation.removed=ERR"]);
  });

  it("Avro payloads are judged by the Avro rules", () => {
    const avroDoc = (fields: unknown[]) => ({
      asyncapi: "2.6.0",
      info: { title: "t", version: "1" },
      channels: { pay: { subscribe: { message: { schemaFormat: "application/vnd.apache.avro;version=1.9.0", payload: { type: "record", name: "P", fields } } } } },
    });
    const result = run("ASYNCAPI", avroDoc([{ name: "a", type: "int" }]), avroDoc([{ name: "a", type: "int" }, { name: "b", type: "string" }]));
    expect(outcome(result)).toEqual(["avro.field.added-without-default=ERR"]);
  });
});
