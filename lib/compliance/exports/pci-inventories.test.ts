import { describe, expect, it } from "vitest";
import type { PciFlow, PciSystem } from "./pci";
import { componentRows, keyRows, NOT_RECORDED, pciInventoryCsv, providerRows, softwareRows, type PciInventoryInput } from "./pci-inventories";

const system = (id: string, extra: Partial<PciSystem> = {}): PciSystem => ({
  id, name: id, kind: "INTERNAL", vendor: null, pciScope: false, ownerTeam: "Payments", description: null, hostingCountries: ["DE"], service: null, ...extra,
});
const flow = (id: string, interfaceId: string, sourceId: string, destinationId: string, elements: string[], extra: Partial<PciFlow> = {}): PciFlow => ({
  id, name: id, interfaceId, interfaceName: interfaceId, protocol: "HTTP", sourceId, destinationId, elements, encryptedInTransit: true,
  interfaceEncryptedInTransit: null, sourceCountry: "DE", destinationCountry: "DE", ...extra,
});
const iface = (id: string, systemId: string, kind = "API") => ({ id, name: id, systemId, protocol: kind === "DATABASE" ? "JDBC" : "HTTP", kind, specFormat: "OPENAPI", version: "1.2.0" });

const input: PciInventoryInput = {
  systems: [
    system("checkout"), system("vault", { kind: "LEGACY" }), system("reporting"), system("hr"),
    system("acquirer", { kind: "SAAS", vendor: "Acquirer NV", service: "Card acquiring" }),
    system("fraud", { kind: "SAAS", vendor: "Fraud Ltd" }),
  ],
  interfaces: [iface("checkout-api", "checkout"), iface("vault-db", "vault", "DATABASE"), iface("acquirer-api", "acquirer"), iface("fraud-api", "fraud"), iface("hr-api", "hr")],
  flows: [
    flow("f1", "checkout-api", "checkout", "vault", ["PAN", "EXPIRY"], { interfaceEncryptedInTransit: true }),
    flow("f2", "vault-db", "vault", "reporting", ["PAN"], { encryptedInTransit: false }),
    flow("f3", "acquirer-api", "acquirer", "vault", ["PAN"]),
    flow("f4", "fraud-api", "fraud", "checkout", []),
  ],
  providers: [{ name: "Acquirer N.V.", vendor: "Acquirer NV", aocStatus: "COMPLIANT", aocDate: "2025-03-01", responsibilities: ["3.5=provider", "8.3=Shared"] }],
};

describe("PCI DSS inventories", () => {
  it("6.3.2 lists custom systems with their interfaces and the third-party APIs they use, and says libraries are not recorded", () => {
    const rows = softwareRows(input);
    expect(rows.map((r) => r[0])).not.toContain("hr");
    expect(rows).toContainEqual(["checkout", "INTERNAL", "CDE", "Payments", "fraud-api", "third-party API", "Fraud Ltd", "HTTP / OPENAPI", "1.2.0"]);
    expect(rows).toContainEqual(["vault", "LEGACY", "CDE", "Payments", "acquirer-api", "third-party API", "Acquirer NV", "HTTP / OPENAPI", "1.2.0"]);
    expect(rows.filter((r) => r[5] === "third-party libraries").every((r) => r[6] === NOT_RECORDED)).toBe(true);
  });

  it("4.2.1.1 has a row per interface carrying PAN with its encryption, and no invented certificate", () => {
    const rows = keyRows(input);
    expect(rows.map((r) => [r[0], r[5]])).toEqual([["checkout-api", "encrypted (no certificate data)"], ["vault-db", "not encrypted"], ["acquirer-api", "encrypted (no certificate data)"]]);
    expect(rows.every((r) => r.slice(6).every((c) => c === NOT_RECORDED))).toBe(true);
  });

  it("12.5.1 gives each component its role", () => {
    const byName = Object.fromEntries(componentRows(input).map((r) => [r[0], r]));
    expect(byName.vault.slice(2, 7)).toEqual(["CDE", "yes", "yes", "yes", "in the CDE"]);
    expect(byName.reporting.slice(2, 6)).toEqual(["CDE", NOT_RECORDED, "yes", "yes"]);
    expect(byName.fraud.slice(2, 7)).toEqual(["connected-to", "no", "no", "no", "yes: connected to the CDE"]);
    expect(byName.hr).toBeUndefined();
  });

  it("12.8 names each provider's AOC, flags an AOC over a year old and writes the responsibility matrix", () => {
    const rows = providerRows(input, new Date("2026-12-07T00:00:00Z"));
    expect(rows).toContainEqual(["Acquirer N.V.", "Card acquiring", "acquirer", "CDE", "AOC received, compliant", "2025-03-01", "yes", "3.5", "provider"]);
    expect(rows).toContainEqual(expect.arrayContaining(["Acquirer N.V.", "8.3", "shared"]));
    expect(rows.find((r) => r[0] === "Fraud Ltd")?.slice(4)).toEqual([NOT_RECORDED, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED, NOT_RECORDED]);
    expect(pciInventoryCsv("providers", input, new Date("2026-12-07T00:00:00Z")).csv.split("\r\n")[0]).toContain("AOC status");
  });
});
