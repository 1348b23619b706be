import { describe, expect, it } from "vitest";
import { buildSearchText } from "./search-text";

describe("buildSearchText", () => {
  it.each([
    { what: "name only", input: { name: "Payments API" }, expected: "Payments API" },
    {
      what: "every source in order of importance",
      input: { name: "Payments", description: "Moves money", tags: ["pci"], elements: [{ name: "GET /payments/{id}", path: "/payments/{id}" }], fieldNames: ["amount"] },
      expected: "Payments\nMoves money\npci\nGET /payments/{id}\n/payments/{id}\namount",
    },
    { what: "whitespace collapsed, blanks dropped", input: { name: "  Orders\n  API ", description: "  ", tags: [""] }, expected: "Orders API" },
    {
      what: "duplicates kept once, case-insensitively",
      input: { name: "orders", elements: [{ name: "Orders" }, { name: "orders.created", path: null }], fieldNames: ["id", "ID", "id"] },
      expected: "orders\norders.created\nid",
    },
  ])("$what", ({ input, expected }) => {
    expect(buildSearchText(input)).toBe(expected);
  });

  it("stops at the size cap, keeping the name and dropping later fields", () => {
    const fieldNames = Array.from({ length: 1000 }, (_, i) => `field_${i}`);
    const text = buildSearchText({ name: "Huge", fieldNames }, 100);
    expect(text.length).toBeLessThanOrEqual(100);
    expect(text.startsWith("Huge\nfield_0\n")).toBe(true);
    expect(text).not.toContain("field_999");
  });
});
