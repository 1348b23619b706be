import { describe, expect, it } from "vitest";
import { NO_EVIDENCE } from "@/lib/compliance/transfers";
import { deriveActivity, deriveService, sensitivenessOf, transferSafeguard, type FlowFacts } from "./derive";

const flow = (over: Partial<FlowFacts>): FlowFacts => ({
  id: "f", name: "f", interfaceName: "i", purpose: null, lawfulBasis: null, dataCategories: [], dataSubjects: [], specialCategories: [],
  sourceCountry: "DE", destinationCountry: "DE", transferTool: null, transferDocument: null, encryptedInTransit: true, classification: null,
  processingCountries: over.processingCountries ?? [over.destinationCountry ?? "DE"], transfer: NO_EVIDENCE,
  source: { id: "a", name: "A", kind: "INTERNAL", vendor: null }, destination: { id: "b", name: "B", kind: "INTERNAL", vendor: null }, ...over,
});

describe("derived record fields", () => {
  it("merges categories, subjects, recipients and non-EEA transfers of the flows, once each", () => {
    const derived = deriveActivity([
      flow({ dataCategories: ["contact data"], dataSubjects: ["customers"], destinationCountry: "US", transferTool: "SCC", transferDocument: "DPA-1",
        transfer: { ...NO_EVIDENCE, tool: "SCC", document: "DPA-1", sccModule: "MODULE_2", signedOn: "2025-01-10", tia: "TIA-3" },
        destination: { id: "c", name: "CRM", kind: "SAAS", vendor: "Acme" } }),
      flow({ dataCategories: ["contact data", "financial data"], dataSubjects: ["customers"], destinationCountry: "NL" }),
    ]);
    expect(derived.dataCategories).toEqual(["contact data", "financial data"]);
    expect(derived.dataSubjects).toEqual(["customers"]);
    expect(derived.recipients).toEqual(["Acme (external: CRM, US)", "B (internal, NL)"]);
    expect(derived.transferCountries).toEqual(["US"]);
    expect(derived.transferSafeguards).toEqual(["US: Art. 46(2)(c) Commission standard contractual clauses; Module 2: controller to processor; document DPA-1 signed 2025-01-10; TIA TIA-3"]);
  });

  it("says so when a transfer outside the EEA has no tool, and nothing for EEA flows", () => {
    expect(transferSafeguard(flow({ destinationCountry: "IN" }))).toBe("IN: NO TRANSFER TOOL RECORDED");
    expect(transferSafeguard(flow({ destinationCountry: "FR" }))).toBeNull();
  });

  it("maps the highest classification to DORA sensitiveness, special categories counting as high", () => {
    expect(sensitivenessOf("RESTRICTED", false)).toBe("eba_ZZ:x793");
    expect(sensitivenessOf("CONFIDENTIAL", false)).toBe("eba_ZZ:x792");
    expect(sensitivenessOf("INTERNAL", true)).toBe("eba_ZZ:x793");
    expect(sensitivenessOf("PUBLIC", false)).toBe("eba_ZZ:x791");
    expect(sensitivenessOf(null, false)).toBeNull();
  });

  it("takes a service's data locations from its systems and sensitiveness from the flows touching them", () => {
    const systems = [{ id: "b", name: "B", kind: "SAAS", vendor: "V", hostingCountries: ["IE"], processingCountries: ["US"] }];
    const derived = deriveService(systems, [flow({ classification: "CONFIDENTIAL" }), flow({ classification: "RESTRICTED", destination: { id: "z", name: "Z", kind: "INTERNAL", vendor: null }, source: { id: "y", name: "Y", kind: "INTERNAL", vendor: null } })]);
    expect(derived).toEqual({ storageCountries: ["IE"], processingCountries: ["US", "IE"], sensitiveness: "eba_ZZ:x792", storesData: true });
  });
});
