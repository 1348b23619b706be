import { describe, expect, it } from "vitest";
import { can, type Ctx } from "@/lib/auth/can";
import type { Role } from "@/lib/db/generated/enums";
import { activationBlockers, complianceReasons, decisionRefusal, requiredApprovers, sensitiveFields, type Gate, type Proposal, type Request } from "./rules";

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
  // Rights come from can(), as in production: roles and team membership, never role strings in the rules.
  const check = (id: string, role: Role, teamIds: string[], request: Request, p: Proposal = proposal) => {
    const ctx: Ctx = { actor: { id, email: `${id}@x`, name: id, role, teamIds }, requestId: "r", via: "session" };
    return decisionRefusal({ id, teamIds }, (permission, resource) => can(ctx, permission, resource), request, p);
  };

  it("lets a consuming team's member decide its request", () => {
    expect(check("u-1", "MEMBER", [ORDERS.id], ordersRequest)).toBeNull();
  });

  it("refuses the proposer and the producer team's members, even as ADMIN or COMPLIANCE, with a code", () => {
    expect(check("u-producer", "ADMIN", [], ordersRequest)).toMatchObject({ code: "OWN_CHANGE", message: expect.stringMatching(/You proposed this version/) });
    expect(check("u-2", "ADMIN", [PRODUCER.id], ordersRequest)?.message).toMatch(/member of Payments Platform/);
    expect(check("u-3", "COMPLIANCE", [PRODUCER.id], complianceRequest)?.code).toBe("OWN_CHANGE");
    // A person in both the producing and a consuming team is still the producer.
    expect(check("u-4", "MEMBER", [PRODUCER.id, ORDERS.id], ordersRequest)?.code).toBe("OWN_CHANGE");
  });

  it("keeps teams to their own request and compliance to compliance officers; an admin decides for neither", () => {
    expect(check("u-5", "MEMBER", [CHANNELS.id], ordersRequest)).toEqual({ code: "NOT_YOUR_REVIEW", message: "Only members of Order Management can decide its review" });
    expect(check("u-6", "MEMBER", [ORDERS.id], complianceRequest)).toEqual({ code: "NOT_YOUR_REVIEW", message: "Only a compliance officer can decide the compliance review" });
    expect(check("u-7", "COMPLIANCE", [], complianceRequest)).toBeNull();
    expect(check("u-8", "ADMIN", [], ordersRequest)?.code).toBe("NOT_YOUR_REVIEW");
    expect(check("u-9", "ADMIN", [], complianceRequest)?.code).toBe("NOT_YOUR_REVIEW");
  });

  it("refuses decided requests and versions not in review", () => {
    expect(check("u-1", "MEMBER", [ORDERS.id], { ...ordersRequest, decision: "APPROVED" })).toEqual({ code: "ALREADY_DECIDED", message: "Order Management has already decided" });
    expect(check("u-1", "MEMBER", [ORDERS.id], ordersRequest, { ...proposal, status: "DRAFT" })).toEqual({ code: "NOT_IN_REVIEW", message: "This version is draft, not in review" });
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
