import { describe, expect, it } from "vitest";
import { alignLines, lineOf } from "./line-diff";

describe("alignLines", () => {
  it("pairs equal lines and shows removed, added and changed ones", () => {
    const rows = alignLines(["a", "b", "c", "d"], ["a", "x", "c", "d", "e"]);
    expect(rows.map((r) => r.kind)).toEqual(["same", "changed", "same", "same", "added"]);
    expect(rows[1]).toEqual({ left: 1, right: 1, kind: "changed" });
    expect(alignLines(["a", "b"], ["a"]).map((r) => r.kind)).toEqual(["same", "removed"]);
  });
});

describe("lineOf", () => {
  const text = JSON.stringify({ paths: { "/pets": { get: { responses: {} } }, "/owners": { get: {} } } }, null, 2).split("\n");
  it("follows a JSON pointer key by key", () => {
    const line = lineOf(text, "/paths/~1owners/get");
    expect(text[line!]).toContain('"get"');
    expect(line!).toBeGreaterThan(text.findIndex((l) => l.includes('"/owners"')));
  });
  it("finds dotted names and says null when the text does not show the path", () => {
    expect(lineOf(["message Pet {", "  string name = 1;", "}"], "Pet.name")).toBe(1);
    expect(lineOf(text, "/components/schemas/Gone")).toBeNull();
  });
});
