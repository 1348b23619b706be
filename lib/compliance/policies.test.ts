import { describe, expect, it } from "vitest";
import { NO_EVIDENCE, type TransferEvidence } from "./transfers";
import { defaultSettings, evaluateFlow, POLICY_KEYS, type FlowFacts, type PolicyKey, type PolicySettings } from "./policies";

const base: FlowFacts = {
  flowId: "f1", flowName: "Customer API → CRM", interfaceId: "i1", producerSystemId: "s-prod", consumerSystemId: "s-cons", consumerSystemName: "CRM",
  producerTeamId: "t-prod", consumerTeamId: "t-cons", purpose: "Customer service", lawfulBasis: "Art. 6(1)(b) contract",
  dataCategories: [], dataSubjects: [], specialCategories: [], art9Condition: null, sourceCountries: ["DE"], destinationCountries: ["DE"],
  transfer: NO_EVIDENCE, encryptedInTransit: true, interfaceEncryptedInTransit: null, declaredClassification: null, fieldLevel: null,
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
  const tool = (over: Partial<TransferEvidence>): Partial<FlowFacts> => ({ ...personal, transfer: { ...NO_EVIDENCE, ...over } });
  const gapsFor = (country: string, over: Partial<TransferEvidence>) => only("transfer-without-tool", { ...tool(over), destinationCountries: ["DE", country] }).flatMap((f) => f.details.gaps as string[]);
  const SCC = { tool: "SCC", document: "DPA-7", sccModule: "MODULE_2", signedOn: "2025-03-01", tia: "TIA-2025-04" } as const;

  it("fires for personal data processed in a third country without a tool, naming the country and the consumer's team", () => {
    const [f] = only("transfer-without-tool", { ...personal, destinationCountries: ["IN"] });
    expect(f.message).toBe("Personal data is processed in India (IN), outside the EEA, without a transfer tool");
    expect(f).toMatchObject({ severity: "CRITICAL", flowId: "f1", interfaceId: "i1", systemId: "s-cons", ownerTeamId: "t-cons" });
  });
  it("fires for every non-EEA processing location, even when the declared destination is in the EEA", () => {
    // destinationCountries holds the declared destination (DE) plus the consumer's hosting (IE) and processing (US, IN).
    const [f] = only("transfer-without-tool", { ...personal, destinationCountries: ["DE", "IE", "US", "IN"] });
    expect(f.details.countries).toEqual(["IN", "US"]);
  });
  it("SCCs need the module, the signed document and a transfer impact assessment", () => {
    expect(gapsFor("IN", SCC)).toEqual([]);
    expect(gapsFor("IN", { ...SCC, sccModule: null })).toEqual(["SCCs must name the module (1-4) in use"]);
    expect(gapsFor("IN", { ...SCC, sccModule: "MODULE_7" })).toEqual(["SCCs must name the module (1-4) in use"]);
    expect(gapsFor("IN", { ...SCC, signedOn: null })).toEqual(["SCCs need the date the clauses were signed"]);
    expect(gapsFor("IN", { ...SCC, document: " " })).toEqual(["Art. 46(2)(c) Commission standard contractual clauses needs its document"]);
    expect(gapsFor("IN", { ...SCC, tia: null })).toEqual(["an Art. 46 tool needs a transfer impact assessment reference"]);
  });
  it("adequacy counts only where a decision covers the country, and for the US only with the recipient's DPF certification", () => {
    expect(gapsFor("JP", { tool: "ADEQUACY" })).toEqual([]);
    expect(gapsFor("GB", { tool: "ADEQUACY" })).toEqual([]);
    expect(gapsFor("IN", { tool: "ADEQUACY" })).toEqual(["no adequacy decision covers India (IN)"]);
    expect(gapsFor("US", { tool: "ADEQUACY" })).toEqual(["adequacy for the United States needs the recipient's Data Privacy Framework certification"]);
    expect(gapsFor("US", { tool: "ADEQUACY", dpfCertification: "DPF list entry: Acme Inc., active" })).toEqual([]);
    const [f] = only("transfer-without-tool", { ...tool({ tool: "ADEQUACY" }), destinationCountries: ["JP", "IN"] });
    expect(f.message).toContain("India (IN)");
    expect(f.message).not.toContain("Japan");
  });
  it("an Art. 49 derogation must name the derogation and carry a document", () => {
    expect(gapsFor("IN", { tool: "DEROGATION", derogation: "49(1)(b)", document: "Contract clause 12" })).toEqual([]);
    expect(gapsFor("IN", { tool: "DEROGATION", document: "Contract clause 12" })).toEqual([
      "an Art. 49 derogation must name which one applies (49(1)(a)-(g) or the second subparagraph)",
    ]);
    expect(gapsFor("IN", { tool: "DEROGATION", derogation: "49(1)(z)", document: "x" })).toHaveLength(1);
    expect(gapsFor("IN", { tool: "DEROGATION", derogation: "49(1)(a)" })).toEqual(["Art. 49 derogation for specific situations needs its document"]);
  });
  it.each(["BCR", "PUBLIC_AUTHORITY_INSTRUMENT", "AUTHORITY_SCC", "CODE_OF_CONDUCT", "CERTIFICATION", "AD_HOC_CLAUSES"] as const)(
    "the Art. 46 tool %s needs its document and a transfer impact assessment",
    (t) => {
      expect(gapsFor("IN", { tool: t, document: "REF-1", tia: "TIA-1" })).toEqual([]);
      expect(gapsFor("IN", { tool: t })).toHaveLength(2);
      expect(gapsFor("IN", { tool: t, document: "REF-1" })).toEqual(["an Art. 46 tool needs a transfer impact assessment reference"]);
    },
  );
  it("a tool without its evidence still fires, saying what is missing", () => {
    const [f] = only("transfer-without-tool", { ...tool({ tool: "SCC" }), destinationCountries: ["IN"] });
    expect(f.message).toMatch(/^Personal data is processed in India \(IN\), outside the EEA, and the transfer tool is not valid there: /);
  });
  it("does not fire inside the EEA (outermost regions included), for non-personal data, or for data that never was in the EEA", () => {
    expect(only("transfer-without-tool", { ...personal, destinationCountries: ["NO", "FR", "IC", "EA"] })).toEqual([]);
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
    expect(f.message).toContain("Restricted data without encryption in transit");
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
    expect(f.message).toBe("Account data (PAN, Expiry date) flows to CRM, which is outside PCI DSS scope");
  });
  it("does not fire for in-scope consumers or flows without account data", () => {
    expect(only("account-data-outside-pci", { pciElements: ["PAN"], consumerPciScope: true })).toEqual([]);
    expect(only("account-data-outside-pci", personal)).toEqual([]);
  });
  it("does not count a cardholder name or expiry date without the PAN as account data", () => {
    expect(only("account-data-outside-pci", { pciElements: ["CARDHOLDER_NAME", "EXPIRY"] })).toEqual([]);
    expect(only("account-data-outside-pci", { pciElements: ["SAD"] })).toHaveLength(1);
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
