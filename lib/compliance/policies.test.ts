import { describe, expect, it } from "vitest";
import { defaultSettings, evaluateFlow, POLICY_KEYS, type FlowFacts, type PolicyKey, type PolicySettings } from "./policies";

const base: FlowFacts = {
  flowId: "f1", flowName: "Customer API → CRM", interfaceId: "i1", producerSystemId: "s-prod", consumerSystemId: "s-cons", consumerSystemName: "CRM",
  producerTeamId: "t-prod", consumerTeamId: "t-cons", purpose: "Customer service", lawfulBasis: "Art. 6(1)(b) contract",
  dataCategories: [], dataSubjects: [], specialCategories: [], art9Condition: null, sourceCountries: ["DE"], destinationCountries: ["DE"],
  transferTool: null, encryptedInTransit: true, interfaceEncryptedInTransit: null, declaredClassification: null, fieldLevel: null,
  fieldPersonalCategories: [], fieldSpecialCategories: [], pciElements: [], consumerPciScope: false,
};
const personal: Partial<FlowFacts> = { dataCategories: ["contact details"], dataSubjects: ["customers"] };
const all = POLICY_KEYS.map(defaultSettings);
const run = (over: Partial<FlowFacts>, settings: PolicySettings[] = all) => evaluateFlow({ ...base, ...over }, settings);
const policies = (over: Partial<FlowFacts>, settings?: PolicySettings[]) => run(over, settings).map((f) => f.policy);
const only = (key: PolicyKey, over: Partial<FlowFacts>) => run(over).filter((f) => f.policy === key);

it("a clean flow has no findings", () => {
  expect(policies(personal)).toEqual([]);
  expect(policies({})).toEqual([]);
});

describe("transfer-without-tool", () => {
  it("fires for personal data to a third country without a tool, naming the country and the consumer's team", () => {
    const [f] = only("transfer-without-tool", { ...personal, destinationCountries: ["IN"] });
    expect(f.message).toBe("Personal data goes to India (IN), outside the EEA, without a transfer tool");
    expect(f).toMatchObject({ severity: "CRITICAL", flowId: "f1", interfaceId: "i1", systemId: "s-cons", ownerTeamId: "t-cons" });
  });
  it("is satisfied by SCCs, BCRs or a derogation", () => {
    for (const tool of ["SCC", "BCR", "DEROGATION"] as const) expect(only("transfer-without-tool", { ...personal, destinationCountries: ["IN"], transferTool: tool })).toEqual([]);
  });
  it("counts adequacy only for countries with an adequacy decision", () => {
    expect(only("transfer-without-tool", { ...personal, destinationCountries: ["JP"], transferTool: "ADEQUACY" })).toEqual([]);
    const [f] = only("transfer-without-tool", { ...personal, destinationCountries: ["IN"], transferTool: "ADEQUACY" });
    expect(f.message).toContain("relying on adequacy");
  });
  it("does not fire inside the EEA, for non-personal data, or for data that never was in the EEA", () => {
    expect(only("transfer-without-tool", { ...personal, destinationCountries: ["NO", "FR"] })).toEqual([]);
    expect(only("transfer-without-tool", { destinationCountries: ["IN"] })).toEqual([]);
    expect(only("transfer-without-tool", { ...personal, sourceCountries: ["US"], destinationCountries: ["IN"] })).toEqual([]);
  });
  it("treats confirmed personal fields as personal data", () => {
    expect(policies({ fieldPersonalCategories: ["contact details"], destinationCountries: ["US"] })).toContain("transfer-without-tool");
  });
});

describe("unencrypted-sensitive", () => {
  it("fires for CONFIDENTIAL or RESTRICTED data sent unencrypted", () => {
    const [f] = only("unencrypted-sensitive", { declaredClassification: "RESTRICTED", encryptedInTransit: false });
    expect(f.message).toContain("RESTRICTED data without encryption in transit");
    expect(f.ownerTeamId).toBe("t-prod");
    expect(only("unencrypted-sensitive", { fieldLevel: "CONFIDENTIAL", interfaceEncryptedInTransit: false })).toHaveLength(1);
  });
  it("does not fire for INTERNAL data, encrypted flows, or unknown interface encryption", () => {
    expect(only("unencrypted-sensitive", { declaredClassification: "INTERNAL", encryptedInTransit: false })).toEqual([]);
    expect(only("unencrypted-sensitive", { declaredClassification: "RESTRICTED" })).toEqual([]);
    expect(only("unencrypted-sensitive", { fieldLevel: "RESTRICTED", interfaceEncryptedInTransit: null })).toEqual([]);
  });
  it("takes the highest of the declared and the field classification, and honours a tuned threshold", () => {
    expect(only("unencrypted-sensitive", { declaredClassification: "INTERNAL", fieldLevel: "RESTRICTED", encryptedInTransit: false })).toHaveLength(1);
    const tuned = all.map((s) => (s.key === "unencrypted-sensitive" ? { ...s, params: { minLevel: "RESTRICTED" as const } } : s));
    expect(policies({ declaredClassification: "CONFIDENTIAL", encryptedInTransit: false }, tuned)).not.toContain("unencrypted-sensitive");
  });
});

describe("special-without-condition", () => {
  it("fires for special categories without an Art. 9 condition", () => {
    const [f] = only("special-without-condition", { specialCategories: ["health"] });
    expect(f.message).toBe("Special-category data (health) without an Art. 9(2) condition");
    expect(only("special-without-condition", { fieldSpecialCategories: ["trade-union membership"] })).toHaveLength(1);
  });
  it("is satisfied by a condition, and ignores flows without special categories", () => {
    expect(only("special-without-condition", { specialCategories: ["health"], art9Condition: "Art. 9(2)(b) employment law" })).toEqual([]);
    expect(only("special-without-condition", { specialCategories: ["health"], art9Condition: "  " })).toHaveLength(1);
    expect(only("special-without-condition", personal)).toEqual([]);
  });
});

describe("account-data-outside-pci", () => {
  it("fires when account data reaches a system outside PCI scope", () => {
    const [f] = only("account-data-outside-pci", { pciElements: ["PAN", "EXPIRY"] });
    expect(f.message).toBe("Account data (PAN, EXPIRY) flows to CRM, which is outside PCI DSS scope");
  });
  it("does not fire for in-scope consumers or flows without account data", () => {
    expect(only("account-data-outside-pci", { pciElements: ["PAN"], consumerPciScope: true })).toEqual([]);
    expect(only("account-data-outside-pci", personal)).toEqual([]);
  });
});

describe("personal-without-basis", () => {
  it("fires for personal data without purpose or lawful basis, naming what is missing", () => {
    expect(only("personal-without-basis", { ...personal, purpose: null })[0].message).toBe("Personal data without purpose");
    expect(only("personal-without-basis", { ...personal, purpose: "", lawfulBasis: null })[0].message).toBe("Personal data without purpose or lawful basis");
  });
  it("does not fire for non-personal flows", () => {
    expect(only("personal-without-basis", { purpose: null, lawfulBasis: null })).toEqual([]);
  });
});

describe("settings", () => {
  const gap = { ...personal, destinationCountries: ["IN"] };
  it("disabled policies do not run", () => {
    const off = all.map((s) => (s.key === "transfer-without-tool" ? { ...s, enabled: false } : s));
    expect(policies(gap, off)).not.toContain("transfer-without-tool");
  });
  it("exempt systems at either end take the flow out", () => {
    for (const id of ["s-prod", "s-cons"]) {
      const exempt = all.map((s) => (s.key === "transfer-without-tool" ? { ...s, exemptSystemIds: [id] } : s));
      expect(policies(gap, exempt)).not.toContain("transfer-without-tool");
    }
  });
  it("uses the tuned severity", () => {
    const low = all.map((s) => ({ ...s, severity: "LOW" as const }));
    expect(run(gap, low)[0].severity).toBe("LOW");
  });
});
