import { describe, expect, it } from "vitest";
import { csvCell, hopsFrom, impactCsv } from "./impact-report";
import type { LineageEdge } from "./schemas";

const provides = (source: string, target: string): LineageEdge => ({ id: `provides:${target}`, source, target, kind: "provides" });
const flow = (source: string, target: string): LineageEdge => ({ id: `flow:${source}-${target}`, source, target, kind: "flow" });

describe("hopsFrom", () => {
  it("counts flows, not provides edges, and keeps the shortest way round a cycle", () => {
    const edges = [flow("i", "S"), provides("S", "j"), flow("j", "T"), provides("T", "k"), flow("k", "S"), flow("i", "T")];
    expect(Object.fromEntries(hopsFrom("i", edges))).toEqual({ i: 0, S: 1, j: 1, T: 1, k: 1 });
  });

  it("reaches only what lies downstream", () => {
    expect(Object.fromEntries(hopsFrom("j", [flow("i", "S"), provides("S", "j")]))).toEqual({ j: 0 });
  });
});

describe("csvCell", () => {
  it.each([
    ["plain", "plain"],
    [3, "3"],
    [undefined, ""],
    ["a, b", '"a, b"'],
    ['say "hi"', '"say ""hi"""'],
    ["two\nlines", '"two\nlines"'],
    ["=HYPERLINK(1)", "'=HYPERLINK(1)"],
    ["-1,2", `"'-1,2"`],
  ])("%j -> %s", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });
});

describe("impactCsv", () => {
  it("writes a header and one row per affected item with CRLF line ends", () => {
    const ref = (id: string) => ({ id, name: id });
    const csv = impactCsv({
      interface: ref("i"),
      depth: 1,
      interfaces: [{ ...ref("i"), hop: 0, system: ref("S") }],
      consumers: [{ ...ref("T"), hop: 1, ownerTeam: { id: "t", name: "Team, T" } }],
      teams: [{ id: "t", name: "Team, T", hop: 1 }],
      contracts: [],
    });
    expect(csv).toBe(
      'item,id,name,hop,interface,system,team,status\r\ninterface,i,i,0,,S,,\r\nconsumer,T,T,1,,T,"Team, T",\r\nteam,t,"Team, T",1,,,"Team, T",\r\n',
    );
  });
});
