import { describe, expect, it } from "vitest";
import { buildVersionRows, isUnderRoot, nextVersionLabel, normalizeSourcePath, slugify, specHashOf, uniqueSlug } from "./persist-rules";

describe("import persistence rules", () => {
  it.each([
    { label: "1.0.0", existing: [], expected: "1.0.0" },
    { label: "1.0.0", existing: ["1.0.0"], expected: "1.0.0+2" },
    { label: "1.0.0", existing: ["1.0.0", "1.0.0+2", "1.0.0+3"], expected: "1.0.0+4" },
    { label: " ", existing: [], expected: "unversioned" },
  ])("labels version $label given $existing as $expected", ({ label, existing, expected }) => {
    expect(nextVersionLabel(label, existing)).toBe(expected);
  });

  it.each([
    ["Payments API (v2)", "payments-api-v2"],
    ["Café Ördérs", "cafe-orders"],
    ["***", "interface"],
  ])("slugifies %s", (input, expected) => expect(slugify(input)).toBe(expected));

  it("finds a free slug", () => {
    expect(uniqueSlug("orders", new Set())).toBe("orders");
    expect(uniqueSlug("orders", new Set(["orders", "orders-2"]))).toBe("orders-3");
  });

  it.each([
    ["./specs/a.yaml", "specs/a.yaml"],
    ["specs\\b\\c.yaml", "specs/b/c.yaml"],
    ["specs//", "specs"],
    [".", ""],
  ])("normalises %s", (input, expected) => expect(normalizeSourcePath(input)).toBe(expected));

  it.each([
    ["specs/a.yaml", "specs", true],
    ["specs/a.yaml", "./specs/", true],
    ["specs-old/a.yaml", "specs", false],
    ["other/a.yaml", ".", true],
  ])("%s under %s: %s", (path, root, expected) => expect(isUnderRoot(path, root)).toBe(expected));

  it("hashes specs with sha256", () => {
    expect(specHashOf("a")).toBe("ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb");
  });

  it("links each field row to its element row and strips NUL bytes", () => {
    const { elementRows, fieldRows } = buildVersionRows("i", "v", [
      { kind: "OPERATION", name: "GET /a\u0000", details: { self: undefined, n: 1 }, fields: [{ path: "a.b", name: "b", required: true }] },
      { kind: "CHANNEL", name: "orders", fields: [] },
    ]);
    expect(elementRows.map((e) => e.name)).toEqual(["GET /a", "orders"]);
    expect(elementRows[0].details).toEqual({ n: 1 });
    expect(fieldRows).toEqual([expect.objectContaining({ elementId: elementRows[0].id, interfaceId: "i", interfaceVersionId: "v", path: "a.b", required: true })]);
  });
});
