import { describe, expect, it } from "vitest";
import { buildDemoContracts } from "./contracts";
import { buildDemoEstate } from "./estate";

describe("demo contracts", () => {
  const estate = buildDemoEstate(new Date("2026-01-01T00:00:00Z"));
  const rows = buildDemoContracts(estate, new Date("2026-01-01T00:00:00Z"));

  it("subscribes every flow of a contracted interface to its contract, and no other flow", () => {
    const contracted = new Set([...estate.dataContracts, ...rows.contracts].map((c) => c.interfaceId));
    const expected = estate.flows.filter((f) => contracted.has(f.interfaceId)).map((f) => f.id).sort();
    expect(rows.subscriptions.map((s) => s.flowId).sort()).toEqual(expected);
    expect(expected.length).toBeGreaterThan(40);
  });

  it("gives the Payments API an OpenAPI contract from its own spec", () => {
    const iface = estate.interfaces.find((i) => i.name === "Payments API")!;
    const [contract] = rows.contracts;
    expect(contract).toMatchObject({ interfaceId: iface.id, schemaFormat: "OPENAPI", status: "ACTIVE", classification: "CONFIDENTIAL" });
    expect(contract.schema).toBe(estate.interfaceVersions.find((v) => v.interfaceId === iface.id)!.spec);
    expect(rows.flags.find((f) => f.id === contract.id)?.personalData).toBe(true);
  });

  it("flags personal data only where the interface carries it", () => {
    const price = estate.interfaces.find((i) => i.name === "price.changed.v1")!;
    const priceContract = estate.dataContracts.find((c) => c.interfaceId === price.id)!;
    expect(rows.flags.find((f) => f.id === priceContract.id)?.personalData).toBe(false);
  });
});
