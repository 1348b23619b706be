import { describe, expect, it } from "vitest";
import { can, type Actor, type Ctx } from "./can";
import type { Permission } from "./permissions";

const PAYMENTS = "00000000-0000-4000-8000-000000000001";
const ORDERS = "00000000-0000-4000-8000-000000000002";

function ctxFor(role: Actor["role"], teamIds: string[] = []): Ctx {
  return { actor: { id: `user-${role}`, email: `${role}@x`, name: role, role, teamIds }, requestId: "r", via: "session" };
}

describe("can: roles", () => {
  const table: [Actor["role"], Permission, boolean][] = [
    ["ADMIN", "user.manage", true],
    ["ADMIN", "audit.read", true],
    ["ARCHITECT", "user.manage", false],
    ["ARCHITECT", "catalog.write", true],
    ["ARCHITECT", "audit.read", true],
    ["COMPLIANCE", "compliance.export", true],
    ["COMPLIANCE", "catalog.write", false],
    ["COMPLIANCE", "team.manage", false],
    ["MEMBER", "catalog.read", true],
    ["MEMBER", "user.read", false],
    ["MEMBER", "user.manage", false],
    ["MEMBER", "team.manage", false],
    ["MEMBER", "audit.read", false],
    ["MEMBER", "catalog.write", false],
    ["MEMBER", "compliance.export", false],
  ];
  it.each(table)("%s %s -> %s", (role, permission, expected) => {
    expect(can(ctxFor(role), permission)).toBe(expected);
  });
});

describe("can: team ownership gives producer and consumer rights", () => {
  const producer = ctxFor("MEMBER", [PAYMENTS]);
  const consumer = ctxFor("MEMBER", [ORDERS]);

  it("lets the owning team edit and propose, and nobody else", () => {
    expect(can(producer, "catalog.write", { ownerTeamId: PAYMENTS })).toBe(true);
    expect(can(producer, "contract.propose", { ownerTeamId: PAYMENTS })).toBe(true);
    expect(can(consumer, "catalog.write", { ownerTeamId: PAYMENTS })).toBe(false);
    expect(can(consumer, "contract.propose", { ownerTeamId: PAYMENTS })).toBe(false);
  });

  it("lets consuming teams approve, but owning a resource does not make you its consumer", () => {
    const contract = { ownerTeamId: PAYMENTS, consumerTeamIds: [ORDERS] };
    expect(can(consumer, "contract.approve", contract)).toBe(true);
    expect(can(producer, "contract.approve", contract)).toBe(false);
  });

  it("never turns ownership into admin rights", () => {
    expect(can(producer, "user.manage", { ownerTeamId: PAYMENTS })).toBe(false);
    expect(can(producer, "audit.read", { ownerTeamId: PAYMENTS })).toBe(false);
  });
});

describe("can: tokens and anonymous callers", () => {
  it("lets users manage only their own tokens, admins anyone's", () => {
    const member = ctxFor("MEMBER");
    expect(can(member, "token.manage", { userId: member.actor!.id })).toBe(true);
    expect(can(member, "token.manage", { userId: "someone-else" })).toBe(false);
    expect(can(member, "token.manage")).toBe(false);
    expect(can(ctxFor("ADMIN"), "token.manage", { userId: "someone-else" })).toBe(true);
  });

  it("refuses everything to a request without an actor", () => {
    expect(can({ actor: null, requestId: "r", via: "session" }, "catalog.read")).toBe(false);
  });
});

describe("can: connector agents", () => {
  const agent: Ctx = {
    actor: null,
    requestId: "r",
    via: "agent",
    agent: { id: "agent-1", name: "broker-1", systemIds: [PAYMENTS], flowIds: ["flow-listed"] },
  };

  it("lets an agent write telemetry for flows touching its systems or listed by id, and nothing else", () => {
    expect(can(agent, "telemetry.write", { flowId: "flow-x", systemIds: [ORDERS, PAYMENTS] })).toBe(true);
    expect(can(agent, "telemetry.write", { flowId: "flow-listed", systemIds: [ORDERS] })).toBe(true);
    expect(can(agent, "telemetry.write", { flowId: "flow-y", systemIds: [ORDERS] })).toBe(false);
    expect(can(agent, "health.read")).toBe(false);
    expect(can(agent, "catalog.read")).toBe(false);
  });

  it("gives no rights to an agent context without an agent, nor telemetry rights to users by role", () => {
    expect(can({ ...agent, agent: undefined }, "telemetry.write")).toBe(false);
    expect(can(ctxFor("MEMBER"), "telemetry.write")).toBe(false);
  });
});

describe("can: accepting an interface into a team", () => {
  const lead: Ctx = { ...ctxFor("MEMBER", [PAYMENTS, ORDERS]), actor: { ...ctxFor("MEMBER").actor!, teamIds: [PAYMENTS, ORDERS], leadTeamIds: [ORDERS] } };
  it("is for the receiving team's leads and admins, not its plain members, architects or compliance", () => {
    expect(can(lead, "interface.transfer.accept", { ownerTeamId: ORDERS })).toBe(true);
    expect(can(lead, "interface.transfer.accept", { ownerTeamId: PAYMENTS })).toBe(false);
    expect(can(ctxFor("MEMBER", [ORDERS]), "interface.transfer.accept", { ownerTeamId: ORDERS })).toBe(false);
    expect(can(ctxFor("ADMIN"), "interface.transfer.accept", { ownerTeamId: ORDERS })).toBe(true);
    expect(can(ctxFor("ARCHITECT"), "interface.transfer.accept", { ownerTeamId: ORDERS })).toBe(false);
    expect(can(ctxFor("COMPLIANCE"), "interface.transfer.accept", { ownerTeamId: ORDERS })).toBe(false);
  });
});
