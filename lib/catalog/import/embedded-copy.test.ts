import { beforeAll, describe, expect, it } from "vitest";
import type { Ctx } from "@/lib/auth/can";
import { globalSearch } from "@/lib/search/data";
import { ordersPlacedDoc } from "@/lib/testing/event-docs";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { importFiles } from "./service";

// The embedded database writes elements and fields with COPY, without per-row key checks when no field carries a
// classification (persist-insert.ts): what it writes must be what the PostgreSQL path writes.
const database = setupTestDatabase({ embedded: true });
let admin: Ctx;
beforeAll(async () => {
  admin = await actAs(database(), "ADMIN");
});

const importDoc = async (name: string, text: string) => (await importFiles(admin, [{ name, content: text }])).results[0];

describe("import on the embedded database", () => {
  it("writes every element and field of a version, each pointing at its version, element and interface", async () => {
    const result = await importDoc("orders.yaml", ordersPlacedDoc({ classification: null }).replace("title: Orders", "title: Plain orders"));
    expect(result.ok).toBe(true);
    const [counts] = await database().driver.query<{ fields: number; orphans: number; elements: number }>(`
      SELECT (SELECT count(*)::int FROM interface_field) AS fields, (SELECT count(*)::int FROM interface_element) AS elements,
             (SELECT count(*)::int FROM interface_field f WHERE NOT EXISTS (SELECT 1 FROM interface_element e WHERE e.id = f.element_id AND e.interface_version_id = f.interface_version_id AND e.interface_id = f.interface_id)) AS orphans`);
    expect(counts.fields).toBeGreaterThanOrEqual(2);
    expect(counts.elements).toBeGreaterThanOrEqual(1);
    expect(counts.orphans).toBe(0);
    // The search palette finds the new fields by name (the trigger that collects names runs under COPY too).
    const hits = await globalSearch(admin, { q: "total", limit: 6 });
    expect(hits.hits.some((h) => h.kind === "field" && h.detail === "Plain orders")).toBe(true);
  });

  it("classifies an interface from its classified fields", async () => {
    const contract = [
      "apiVersion: v3.0.2", "kind: DataContract", "id: payouts", "name: Payouts", "version: 1.0.0", "status: active",
      "servers:", "  - server: k", "    type: kafka",
      "schema:", "  - name: payout", "    properties:", "      - name: iban", "        logicalType: string", "        classification: restricted",
      "      - name: amount", "        logicalType: number", "",
    ].join("\n");
    const result = await importDoc("payouts.odcs.yaml", contract);
    expect(result.ok).toBe(true);
    const [row] = await database().driver.query<{ classification: string | null }>(
      `SELECT i.effective_classification::text AS classification FROM interface i JOIN interface_field f ON f.interface_id = i.id WHERE f.name = 'iban'`,
    );
    expect(row.classification).toBe("RESTRICTED");
  });
});
