import { describe, expect, it } from "vitest";
import { ALL, EMPTY_VIEW, layoutKey, parseViewState, serializeViewState, toggleExpanded, toggleIn } from "./view-state";

const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const parse = (query: string) => parseViewState(new URLSearchParams(query));

describe("parseViewState / serializeViewState", () => {
  it("round-trips a full view, with lists sorted so one view has one URL", () => {
    const query = `domain=${B},${A}&protocol=KAFKA,HTTP&health=NO_DATA&xd=${A}&xs=all&focus=${B}&depth=3&dir=down&sel=${A}&field=Customer.email`;
    const state = parse(query);
    expect(state).toMatchObject({ domain: [B, A], protocol: ["KAFKA", "HTTP"], health: ["NO_DATA"], xd: [A], xs: [ALL], focus: B, depth: 3, dir: "down", sel: A, field: "Customer.email" });
    const again = serializeViewState(state);
    expect(again.get("domain")).toBe(`${A},${B}`);
    expect(parse(again.toString())).toEqual({ ...state, domain: [A, B], protocol: ["HTTP", "KAFKA"] });
  });

  it.each([
    ["domain=not-an-id", { domain: [] }],
    ["protocol=HTTP,CARRIER_PIGEON", { protocol: ["HTTP"] }],
    ["classification=SECRET,UNCLASSIFIED", { classification: ["UNCLASSIFIED"] }],
    ["depth=9", { depth: 2 }],
    ["depth=0", { depth: 2 }],
    ["dir=sideways", { dir: "both" }],
    ["focus=x", { focus: null }],
    [`xd=${A},all`, { xd: [ALL] }],
    [`domain=${A},${A}`, { domain: [A] }],
    [`sel=domain:${A}`, { sel: `domain:${A}` }],
  ])("drops what does not validate: %s", (query, expected) => {
    expect(parse(query)).toMatchObject(expected);
  });

  it("leaves defaults out of the URL, and depth and direction without a focus", () => {
    expect(serializeViewState(EMPTY_VIEW).toString()).toBe("");
    expect(serializeViewState({ ...EMPTY_VIEW, depth: 4, dir: "up" }).toString()).toBe("");
    expect(serializeViewState({ ...EMPTY_VIEW, focus: A, depth: 4 }).toString()).toBe(`focus=${A}&depth=4`);
    // A field is traced on the selected interface only.
    expect(serializeViewState({ ...EMPTY_VIEW, field: "x.y" }).toString()).toBe("");
  });

  it("keys layouts by what the map holds, not by expansion (expanding in place moves nothing), selection or field", () => {
    const base = { ...EMPTY_VIEW, domain: [A] };
    expect(layoutKey({ ...base, sel: B, field: "x.y", xd: [A], xs: [ALL] })).toBe(layoutKey(base));
    expect(layoutKey({ ...base, focus: B })).not.toBe(layoutKey(base));
    expect(layoutKey({ ...base, domain: [B] })).not.toBe(layoutKey(base));
  });
});

describe("toggleExpanded", () => {
  it("adds and removes one id, and folding one out of 'all' lists the others", () => {
    expect(toggleExpanded([], A, [A, B])).toEqual([A]);
    expect(toggleExpanded([A], A, [A, B])).toEqual([]);
    expect(toggleExpanded([ALL], A, [A, B])).toEqual([B]);
  });
});

describe("toggleIn", () => {
  const every = ["a", "b", "c"];
  it("adds and removes one value, so quick toggles built on the newest state add up", () => {
    expect(toggleIn(toggleIn([], "a", true), "b", true)).toEqual(["a", "b"]);
    expect(toggleIn(["a", "b"], "a", false)).toEqual(["b"]);
  });
  it("reads 'all' as every id, and collapses back to 'all' when every id is listed", () => {
    expect(toggleIn([ALL], "b", false, every)).toEqual(["a", "c"]);
    expect(toggleIn(["a", "c"], "b", true, every)).toEqual([ALL]);
  });
});
