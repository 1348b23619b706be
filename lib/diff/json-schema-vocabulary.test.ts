// The JSON Schema 2020-12 (and draft-07/2019-09) vocabulary judged on accepted values, under the registry
// meaning of the modes: BACKWARD breaks when the new schema rejects a value the old one accepted, FORWARD
// when it accepts a value the old one rejected. Each row is [BACKWARD level, FORWARD level].
import { describe, expect, it } from "vitest";
import { run } from "./test-helpers";

const S = { type: "string" };
const N = { type: "number" };
const levels = (old: unknown, next: unknown) => (["BACKWARD", "FORWARD"] as const).map((mode) => (run("JSON_SCHEMA", old, next, mode).breaking ? "ERR" : "ok"));

describe("JSON Schema vocabulary, judged on values", () => {
  it.each([
    { name: "2020-12 tuple gets a longer prefix that the rest already allowed", old: { prefixItems: [S], items: N }, next: { prefixItems: [S, N], items: N }, expected: ["ok", "ok"] },
    { name: "2020-12 tuple closed after its prefix", old: { prefixItems: [S] }, next: { prefixItems: [S], items: false }, expected: ["ERR", "ok"] },
    { name: "draft-07 additionalItems relaxed", old: { items: [S], additionalItems: false }, next: { items: [S], additionalItems: N }, expected: ["ok", "ERR"] },
    { name: "contains added", old: { type: "array" }, next: { type: "array", contains: N }, expected: ["ERR", "ok"] },
    { name: "minContains raised", old: { contains: N, minContains: 1 }, next: { contains: N, minContains: 2 }, expected: ["ERR", "ok"] },
    { name: "maxContains raised", old: { contains: N, maxContains: 1 }, next: { contains: N, maxContains: 2 }, expected: ["ok", "ERR"] },
    { name: "propertyNames tightened", old: { propertyNames: { maxLength: 10 } }, next: { propertyNames: { maxLength: 5 } }, expected: ["ERR", "ok"] },
    { name: "patternProperties schema narrowed", old: { patternProperties: { "^x-": N } }, next: { patternProperties: { "^x-": { type: "integer" } } }, expected: ["ERR", "ok"] },
    { name: "dependentRequired gains a name", old: { dependentRequired: { card: ["cvv"] } }, next: { dependentRequired: { card: ["cvv", "expiry"] } }, expected: ["ERR", "ok"] },
    { name: "dependentSchemas removed", old: { dependentSchemas: { card: { required: ["cvv"] } } }, next: {}, expected: ["ok", "ERR"] },
    { name: "if/then: then tightened under the same condition", old: { if: { required: ["a"] }, then: { required: ["b"] } }, next: { if: { required: ["a"] }, then: { required: ["b", "c"] } }, expected: ["ERR", "ok"] },
    { name: "not: inner schema narrowed is outer widened", old: { not: { type: "string" } }, next: { not: { type: "string", maxLength: 3 } }, expected: ["ok", "ERR"] },
    { name: "unevaluatedProperties constrained", old: { properties: { a: S } }, next: { properties: { a: S }, unevaluatedProperties: N }, expected: ["ERR", "ok"] },
    { name: "const changed", old: { const: "v1" }, next: { const: "v2" }, expected: ["ERR", "ERR"] },
    { name: "format date-time to date: different sets", old: { type: "string", format: "date-time" }, next: { type: "string", format: "date" }, expected: ["ERR", "ERR"] },
    { name: "contentMediaType changed", old: { type: "string", contentMediaType: "image/png" }, next: { type: "string", contentMediaType: "image/jpeg" }, expected: ["ERR", "ERR"] },
    { name: "$ref by $anchor follows the target", old: { $defs: { A: { $anchor: "A", maxLength: 5 } }, $ref: "#A" }, next: { $defs: { A: { $anchor: "A", maxLength: 3 } }, $ref: "#A" }, expected: ["ERR", "ok"] },
  ])("$name", ({ old, next, expected }) => {
    expect(levels(old, next)).toEqual(expected);
  });
});

describe("allOf/anyOf/oneOf matched by meaning", () => {
  it.each([
    { name: "reordered anyOf is no change", old: { anyOf: [S, N] }, next: { anyOf: [N, S] }, expected: ["ok", "ok"], none: true },
    { name: "one-branch wrapper equals its branch", old: S, next: { oneOf: [S] }, expected: ["ok", "ok"], none: true },
    { name: "anyOf alternative added widens", old: { anyOf: [S] }, next: { anyOf: [S, N] }, expected: ["ok", "ERR"], none: false },
    { name: "allOf constraint added narrows", old: { allOf: [S] }, next: { allOf: [S, { maxLength: 3 }] }, expected: ["ERR", "ok"], none: false },
    { name: "allOf constraint already implied by another is no narrowing", old: { allOf: [{ type: "string", maxLength: 3 }] }, next: { allOf: [{ type: "string", maxLength: 3 }, S] }, expected: ["ok", "ok"], none: false },
    { name: "allOf switched to anyOf of the same branches widens", old: { allOf: [S, { maxLength: 3 }] }, next: { anyOf: [S, { maxLength: 3 }] }, expected: ["ok", "ERR"], none: false },
    { name: "oneOf alternative overlapping another narrows too", old: { oneOf: [S] }, next: { oneOf: [S, { maxLength: 3 }] }, expected: ["ERR", "ERR"], none: false },
  ])("$name", ({ old, next, expected, none }) => {
    expect(levels(old, next)).toEqual(expected);
    expect(run("JSON_SCHEMA", old, next).changes.length === 0).toBe(none);
  });
});

describe("what the engine cannot judge", () => {
  it("is a WARN with its pointer, never silence", () => {
    const result = run("JSON_SCHEMA", { properties: { a: { $dynamicRef: "#node" } } }, { properties: { a: { $dynamicRef: "#leaf" } } });
    expect(result.changes.map((c) => [c.rule, c.level, c.path])).toEqual([["jsonschema.keyword.not-judged", "WARN", "/properties/a/$dynamicRef"]]);
  });

  it("an if condition that changed is not judged, and says so", () => {
    const result = run("JSON_SCHEMA", { if: { required: ["a"] }, then: { required: ["b"] } }, { if: { required: ["c"] }, then: { required: ["b"] } });
    expect(result.changes.map((c) => [c.rule, c.level, c.path])).toEqual([["jsonschema.if.changed", "WARN", "/if"]]);
  });
});
