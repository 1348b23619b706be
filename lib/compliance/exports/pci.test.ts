import { describe, expect, it } from "vitest";
import { carriesAccountData, pciRows, pciScope, type PciFlow, type PciSystem } from "./pci";

const system = (id: string, extra: Partial<PciSystem> = {}): PciSystem => ({
  id, name: id, kind: "INTERNAL", vendor: null, pciScope: false, ownerTeam: null, description: null, hostingCountries: ["DE"], service: null, ...extra,
});
const flow = (id: string, sourceId: string, destinationId: string, elements: string[]): PciFlow => ({
  id, name: id, interfaceId: `i-${sourceId}`, interfaceName: `${sourceId} API`, protocol: "HTTP", sourceId, destinationId, elements, encryptedInTransit: true, sourceCountry: "DE", destinationCountry: "DE",
});

describe("PCI scope", () => {
  it("counts PAN or SAD as account data, but not a cardholder name or expiry alone", () => {
    expect(carriesAccountData(["PAN"])).toBe(true);
    expect(carriesAccountData(["SAD"])).toBe(true);
    expect(carriesAccountData(["CARDHOLDER_NAME", "EXPIRY"])).toBe(false);
  });

  it("puts both ends of an account-data flow in the CDE and their other partners connected-to", () => {
    const systems = [system("shop"), system("vault"), system("crm"), system("far"), system("marked", { pciScope: true })];
    const flows = [flow("f1", "shop", "vault", ["PAN"]), flow("f2", "vault", "crm", ["CARDHOLDER_NAME"]), flow("f3", "crm", "far", [])];
    const scope = pciScope({ systems, flows });
    expect(Object.fromEntries(scope)).toEqual({ shop: "CDE", vault: "CDE", marked: "CDE", crm: "CONNECTED" });
  });

  it("lists a vendor of an in-scope system as a third-party provider with its service", () => {
    const systems = [system("shop"), system("acquirer", { kind: "SAAS", vendor: "Acquirer NV", service: "Card acquiring (Cloud services: SaaS)" })];
    const rows = pciRows({ systems, flows: [flow("f1", "shop", "acquirer", ["PAN", "EXPIRY"])] });
    expect(rows.find((r) => r[0] === "third-party provider")).toEqual(expect.arrayContaining(["Acquirer NV", "CDE", "Card acquiring (Cloud services: SaaS)"]));
    expect(rows.find((r) => r[0] === "interface")?.[8]).toBe("EXPIRY; PAN");
  });
});
