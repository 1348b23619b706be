import { describe, expect, it } from "vitest";
import { interfaceParts, scorecardOf, type InterfaceFacts } from "./score";

const base: InterfaceFacts = {
  id: "i1", name: "orders", system: { id: "s", name: "Orders" }, team: null, domain: null,
  lint: { errors: 0, warnings: 0 }, governedByContract: true, flowHealth: ["OK"], openViolations: 0,
};

describe("scorecards", () => {
  it.each([
    ["a clean, contracted, healthy interface", base, { rules: 100, contracts: 100, health: 100, violations: 100 }],
    ["one rule error and three warnings", { ...base, lint: { errors: 1, warnings: 3 } }, { rules: 74, contracts: 100, health: 100, violations: 100 }],
    ["never linted, no contract, no health data", { ...base, lint: null, governedByContract: false, flowHealth: [] }, { rules: null, contracts: 0, health: null, violations: 100 }],
    ["a breached and an at-risk flow, five violations", { ...base, flowHealth: ["BREACHED", "AT_RISK"] as const, openViolations: 5 }, { rules: 100, contracts: 100, health: 25, violations: 0 }],
  ])("%s", (_name, facts, parts) => {
    expect(interfaceParts(facts as InterfaceFacts)).toEqual(parts);
  });

  it("averages only the known parts, and lists the worst gap first", () => {
    const card = scorecardOf([base, { ...base, id: "i2", lint: { errors: 2, warnings: 0 }, governedByContract: false, flowHealth: [] }]);
    expect(card.parts).toEqual({ rules: 80, contracts: 50, health: 100, violations: 100 });
    // i1 scores 100; i2 scores mean(60, 0, 100) = 53.
    expect(card.score).toBe(77);
    expect(card.gaps.map((g) => g.part)).toEqual(["contracts", "rules"]);
    expect(card.gaps[0].detail).toBe("1 of 2 interfaces without an approved contract");
  });

  it("has no score when nothing can be judged", () => {
    expect(scorecardOf([]).score).toBeNull();
  });
});
