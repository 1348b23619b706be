import { describe, expect, it } from "vitest";
import { activationBlockers, complianceReasons, decisionRefusal, requiredApprovers, sensitiveFields, type Decider, type Gate } from "./rules";

const PRODUCER = { id: "t-pay", name: "Payments Platform" };
const ORDERS = { id: "t-ord", name: "Order Management" };
const CHANNELS = { id: "t-dig", name: "Digital Channels" };
const plain = { personalData: false, crossBorderTransfer: false, classification: "INTERNAL", schemaFormat: "JSON_SCHEMA", schema: '{"type":"object","properties":{"id":{"type":"string"}}}' };

describe("required approvers", () => {
  it("asks each consuming team once, never the producer's own team", () => {
    const approvers = requiredApprovers({ producerTeamId: PRODUCER.id, consumerTeams: [ORDERS, PRODUCER, CHANNELS, ORDERS], compliance: false });
    expect(approvers.map((a) => a.label)).toEqual(["Digital Channels", "Order Management"]);
    expect(approvers.map((a) => a.key)).toEqual(["team:t-dig", "team:t-ord"]);
  });

  it("adds compliance exactly when the contract needs it", () => {
    expect(requiredApprovers({ producerTeamId: PRODUCER.id, consumerTeams: [ORDERS], compliance: true }).map((a) => a.kind)).toEqual(["TEAM", "COMPLIANCE"]);
    expect(requiredApprovers({ producerTeamId: PRODUCER.id, consumerTeams: [], compliance: false })).toEqual([]);
  });

  it.each([
    [{}, []],
    [{ personalData: true }, ["it carries personal data"]],
    [{ classification: "CONFIDENTIAL" }, ["it is classified CONFIDENTIAL"]],
    [{ classification: "RESTRICTED" }, ["it is classified RESTRICTED"]],
    [{ classification: "PUBLIC" }, []],
    [{ crossBorderTransfer: true }, ["it transfers data across borders"]],
    [{ schema: '{"type":"object","properties":{"iban":{"type":"string","x-classification":"RESTRICTED"},"id":{"type":"string","x-classification":"INTERNAL"}}}' }, ["fields classified CONFIDENTIAL or RESTRICTED: iban"]],
  ])("compliance reasons for %o", (overrides, reasons) => {
    expect(complianceReasons({ ...plain, ...overrides })).toEqual(reasons);
  });

  it("finds classified fields in Avro and nested JSON Schema, and ignores protobuf", () => {
    const avro = JSON.stringify({ type: "record", name: "Card", fields: [{ name: "pan", type: "string", classification: "restricted" }, { name: "brand", type: "string" }] });
    expect(sensitiveFields(avro, "AVRO")).toEqual(["pan"]);
    const nested = JSON.stringify({ properties: { payer: { properties: { email: { type: "string", "x-classification": "CONFIDENTIAL" } } } } });
    expect(sensitiveFields(nested, "JSON_SCHEMA")).toEqual(["payer.email"]);
    expect(sensitiveFields("message A { string classification = 1; }", "PROTOBUF")).toEqual([]);
    expect(sensitiveFields("{ not json", "JSON_SCHEMA")).toEqual([]);
  });
});

describe("who may decide", () => {
  const proposal = { status: "IN_REVIEW" as const, ownerTeamId: PRODUCER.id, ownerTeamName: PRODUCER.name, proposedById: "u-producer" };
  const ordersRequest = { kind: "TEAM" as const, teamId: ORDERS.id, decision: "PENDING", label: ORDERS.name };
  const complianceRequest = { kind: "COMPLIANCE" as const, teamId: null, decision: "PENDING", label: "Compliance" };
  const user = (id: string, role: Decider["role"], teamIds: string[] = []): Decider => ({ id, role, teamIds });

  it("lets a consuming team's member decide its request", () => {
    expect(decisionRefusal(user("u-1", "MEMBER", [ORDERS.id]), ordersRequest, proposal)).toBeNull();
  });

  it("refuses the proposer and the producer team's members, even as ADMIN or COMPLIANCE", () => {
    expect(decisionRefusal(user("u-producer", "ADMIN"), ordersRequest, proposal)).toMatch(/You proposed this version/);
    expect(decisionRefusal(user("u-2", "ADMIN", [PRODUCER.id]), ordersRequest, proposal)).toMatch(/member of Payments Platform/);
    expect(decisionRefusal(user("u-3", "COMPLIANCE", [PRODUCER.id]), complianceRequest, proposal)).toMatch(/never approves its own change/);
    // A person in both the producing and a consuming team is still the producer.
    expect(decisionRefusal(user("u-4", "MEMBER", [PRODUCER.id, ORDERS.id]), ordersRequest, proposal)).toMatch(/never approves its own change/);
  });

  it("keeps teams to their own request and compliance to compliance officers", () => {
    expect(decisionRefusal(user("u-5", "MEMBER", [CHANNELS.id]), ordersRequest, proposal)).toBe("Only members of Order Management can decide its review");
    expect(decisionRefusal(user("u-6", "MEMBER", [ORDERS.id]), complianceRequest, proposal)).toBe("Only a compliance officer can decide the compliance review");
    expect(decisionRefusal(user("u-7", "COMPLIANCE"), complianceRequest, proposal)).toBeNull();
    expect(decisionRefusal(user("u-8", "ADMIN"), ordersRequest, proposal)).toBeNull();
  });

  it("refuses decided requests and versions not in review", () => {
    expect(decisionRefusal(user("u-1", "MEMBER", [ORDERS.id]), { ...ordersRequest, decision: "APPROVED" }, proposal)).toBe("Order Management has already decided");
    expect(decisionRefusal(user("u-1", "MEMBER", [ORDERS.id]), ordersRequest, { ...proposal, status: "DRAFT" })).toBe("This version is draft, not in review");
  });
});

describe("activation gate", () => {
  const approved = (label: string, teamId: string | null) => ({ label, teamId, decision: "APPROVED" });
  const base: Gate = {
    version: "1.1.0",
    mode: "BACKWARD",
    breaking: false,
    approvals: [approved("Order Management", ORDERS.id), approved("Digital Channels", CHANNELS.id)],
    previousMajor: 1,
    subscribedTeams: [ORDERS, CHANNELS],
  };

  it("opens when every approval is in and nothing breaks", () => {
    expect(activationBlockers(base)).toEqual([]);
  });

  it("waits for each missing approval and names refusals", () => {
    expect(
      activationBlockers({ ...base, approvals: [{ label: "Order Management", teamId: ORDERS.id, decision: "PENDING" }, { label: "Compliance", teamId: null, decision: "REJECTED" }] }),
    ).toEqual(["Waiting for Order Management to approve", "Compliance rejected this version"]);
  });

  it("blocks a breaking minor version even when everyone approved", () => {
    expect(activationBlockers({ ...base, breaking: true })).toEqual([
      "Breaking changes under BACKWARD: make the change compatible, or publish it as a new major version (2.0.0) approved by every subscribed consumer",
    ]);
  });

  it("lets a breaking major version through only with every subscribed consumer's approval", () => {
    expect(activationBlockers({ ...base, version: "2.0.0", breaking: true })).toEqual([]);
    const withoutChannels = { ...base, version: "2.0.0", breaking: true, approvals: [approved("Order Management", ORDERS.id)] };
    expect(activationBlockers(withoutChannels)).toEqual(["Breaking major version: every subscribed consumer must approve (missing Digital Channels)"]);
  });

  it("ignores breaking changes under mode NONE", () => {
    expect(activationBlockers({ ...base, breaking: true, mode: "NONE" })).toEqual([]);
  });
});
