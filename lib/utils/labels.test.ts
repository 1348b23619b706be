import { describe, expect, it } from "vitest";
import { LABELS, label, optionsOf, wordsOf } from "./labels";

describe("label", () => {
  it.each([
    ["ContractStatus", "IN_REVIEW", "In review"],
    ["ContractStatus", "ACTIVE", "Active"],
    ["Role", "ADMIN", "Admin"],
    ["SystemKind", "THIRD_PARTY", "Third party"],
    ["SystemKind", "SAAS", "SaaS"],
    ["Protocol", "GRPC", "gRPC"],
    ["InterfaceKind", "API", "API"],
    ["IntegrationStyle", "REQUEST_RESPONSE", "Request/response"],
    ["PatternTag", "ANTI_CORRUPTION_LAYER", "Anti-corruption layer"],
    ["PciElement", "CARDHOLDER_NAME", "Cardholder name"],
    ["HealthStatus", "AT_RISK", "At risk"],
    ["HealthStatus", "OK", "OK"],
    ["CompatibilityMode", "FULL_TRANSITIVE", "Full transitive"],
    ["ApprovalDecision", "CHANGES_REQUESTED", "Changes requested"],
  ] as const)("%s %s reads %s", (kind, code, expected) => {
    expect(label(kind, code)).toBe(expected);
  });

  it("turns a code nobody mapped into words instead of showing it raw", () => {
    expect(label("ContractStatus", "ON_HOLD")).toBe("On hold");
    expect(wordsOf("SOME_NEW_CODE")).toBe("Some new code");
  });

  it("never reads a property of Object.prototype as a label", () => {
    expect(label("Role", "constructor")).toBe("Constructor");
  });

  it("gives every code of every enum a word that is not the code itself, unless it is an abbreviation", () => {
    const abbreviations = /^(API|HTTP|SOAP|AMQP|NATS|MQTT|SFTP|JDBC|WSDL|ODCS|CSV|CQRS|PAN|OK)$/;
    for (const [kind, map] of Object.entries(LABELS)) {
      for (const [code, text] of Object.entries(map)) {
        if (!abbreviations.test(code)) expect(text, `${kind}.${code}`).not.toBe(code);
        expect(text, `${kind}.${code}`).not.toMatch(/_/);
      }
    }
  });
});

describe("optionsOf", () => {
  it("lists an enum's codes with their words, in order", () => {
    expect(optionsOf("Classification").slice(0, 2)).toEqual([
      { value: "PUBLIC", label: "Public" },
      { value: "INTERNAL", label: "Internal" },
    ]);
  });
});
