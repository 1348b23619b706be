import { describe, expect, it } from "vitest";
import { csvCell, rawCsvCell, toCsv } from "./csv";

describe("csvCell", () => {
  it.each([
    ["=HYPERLINK(\"http://x\")", `"'=HYPERLINK(""http://x"")"`],
    ["+49 30 1234", "'+49 30 1234"],
    ["-2+3", "'-2+3"],
    ["@SUM(A1)", "'@SUM(A1)"],
    ["\tcmd", "'\tcmd"],
    ["\r=1", `"'\r=1"`],
    ["plain", "plain"],
    ["a,b", `"a,b"`],
    ['say "hi"', `"say ""hi"""`],
    ["line\nbreak", `"line\nbreak"`],
  ])("writes %j as %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("leaves numbers, booleans and empty values alone", () => {
    expect(csvCell(-3)).toBe("-3");
    expect(csvCell(true)).toBe("true");
    expect(csvCell(null)).toBe("");
    expect(csvCell(undefined)).toBe("");
  });

  it("raw cells quote but never alter the value (for machine-read files)", () => {
    expect(rawCsvCell("=x")).toBe("=x");
    expect(rawCsvCell("a,b")).toBe(`"a,b"`);
  });

  it("ends every record, the last included, with CRLF", () => {
    expect(toCsv(["a", "b"], [["1", "=2"]])).toBe("a,b\r\n1,'=2\r\n");
  });
});
