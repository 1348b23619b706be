import { describe, expect, it } from "vitest";
import { protocolOf } from "./asyncapi";
import { parseDocument } from "./parse";
import { element, fieldTable, parseFixture, testLimits } from "./test-helpers";

describe("AsyncAPI 2.6 (asyncapi-2.6.yaml)", async () => {
  const api = (await parseFixture("asyncapi-2.6.yaml")).interfaces[0];

  it("is an EVENT interface on the servers' protocol", () => {
    expect(api).toMatchObject({ sourceKey: "asyncapi:payments-events", name: "Payments Events", version: "2.3.0", kind: "EVENT", style: "EVENT", protocol: "KAFKA", specFormat: "ASYNCAPI", tags: ["payments"] });
  });

  it("has a CHANNEL per channel with servers, protocols and bindings", () => {
    expect(element(api, "CHANNEL", "payments.created").details).toEqual({
      messages: ["PaymentCreated"], servers: ["production"], protocols: ["kafka"], bindings: { kafka: { partitions: 12 } },
    });
  });

  it("maps 2.x verbs from the application's point of view: subscribe -> send, publish -> receive", () => {
    expect(element(api, "OPERATION", "onPaymentCreated")).toMatchObject({ action: "send", details: { channel: "payments.created", specVerb: "subscribe" } });
    expect(element(api, "OPERATION", "requestRefund")).toMatchObject({ action: "receive", details: { channel: "payments.refund-requested", specVerb: "publish" } });
  });

  it("has a MESSAGE per distinct message with its payload flattened, recursion stopped", () => {
    expect(api.elements.filter((e) => e.kind === "MESSAGE").map((e) => e.name)).toEqual(["PaymentCreated", "RefundRequested"]);
    expect(fieldTable(element(api, "MESSAGE", "PaymentCreated"))).toEqual([
      "PaymentCreated.id string required", "PaymentCreated.amount number required", "PaymentCreated.payer object",
      "PaymentCreated.payer.email string", "PaymentCreated.previous ref:Payment",
    ]);
  });
});

describe("AsyncAPI 3.0 (asyncapi-3.0.yaml)", async () => {
  const api = (await parseFixture("asyncapi-3.0.yaml")).interfaces[0];

  it("names channels by address and keeps send/receive actions", () => {
    expect(api).toMatchObject({ protocol: "AMQP", ownerTeamSlug: "logistics" });
    expect(element(api, "CHANNEL", "shipping/dispatched").details).toMatchObject({ id: "shipmentDispatched", servers: ["rabbit"], protocols: ["amqp"] });
    expect(element(api, "OPERATION", "sendShipmentDispatched")).toMatchObject({ action: "send", details: { channel: "shipping/dispatched", messages: ["ShipmentDispatched"] } });
    expect(element(api, "OPERATION", "receiveLabelRequested")).toMatchObject({ action: "receive", details: { messages: ["LabelRequested"] } });
  });

  it("lists a message referenced from a channel and an operation once", () => {
    expect(api.elements.filter((e) => e.kind === "MESSAGE").map((e) => e.name)).toEqual(["ShipmentDispatched", "LabelRequested"]);
    expect(fieldTable(element(api, "MESSAGE", "ShipmentDispatched"))).toEqual(["ShipmentDispatched.shipmentId string required", "ShipmentDispatched.carrier string"]);
  });
});

describe("protocolOf", () => {
  it.each([
    ["kafka", "KAFKA"], ["kafka-secure", "KAFKA"], ["amqp", "AMQP"], ["nats", "NATS"], ["mqtt", "MQTT"],
    ["ws", "HTTP"], ["https", "HTTP"], ["jms", "OTHER"], [undefined, "OTHER"],
  ])("%s -> %s", (name, protocol) => expect(protocolOf(name)).toBe(protocol));
});

describe("AsyncAPI bad input", () => {
  const text = (extra: string) => `asyncapi: 3.0.0\ninfo:\n  title: T\n${extra}channels:\n  c:\n    address: a\n    messages:\n      M:\n        $ref: "https://example.com/m.yaml"\n`;

  it("a spec error from the parser names its pointer and line", async () => {
    const error = await parseDocument("a.yaml", text("").replace(/\$ref: .*\n/, "payload: { type: string }\n"), { limits: testLimits }).catch((e: unknown) => e);
    expect(error).toMatchObject({ problems: [{ message: expect.stringMatching(/"info" property must have required property "version"/), pointer: "/info", line: 2 }] });
  });

  it("the schema compiled once per process still judges every later document on its own", async () => {
    const valid = "asyncapi: 2.6.0\ninfo:\n  title: T\n  version: '1'\nchannels:\n  c:\n    publish:\n      message:\n        payload: { type: string }\n";
    const invalid = valid.replace("    publish:", "    publsh:");
    for (const round of [1, 2]) {
      await expect(parseDocument(`ok-${round}.yaml`, valid, { limits: testLimits })).resolves.toHaveLength(1);
      const error = await parseDocument(`bad-${round}.yaml`, invalid, { limits: testLimits }).catch((e: unknown) => e);
      expect(error).toMatchObject({ problems: [expect.objectContaining({ pointer: "/channels/c/publsh", line: 7 })] });
    }
  });

  it("an external $ref is refused before the parser could resolve it", async () => {
    const error = await parseDocument("a.yaml", text("  version: '1'\n"), { limits: testLimits }).catch((e: unknown) => e);
    expect(error).toMatchObject({ problems: [{ pointer: "/channels/c/messages/M/$ref", line: 10, message: expect.stringMatching(/external \$ref/) }] });
  });
});
