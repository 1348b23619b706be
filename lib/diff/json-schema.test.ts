// JSON Schema rules under the Confluent Schema Registry meaning of the modes: BACKWARD = the new schema
// validates everything the old one did (it can read old data), FORWARD = the old schema validates
// everything the new one does. Cases mirror the registry's Difference types (PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL,
// REQUIRED_ATTRIBUTE_ADDED, MAX_LENGTH_DECREASED, ...), each with a breaking and a compatible variant.
import { describe, expect, it } from "vitest";
import { levelOf, outcome, run } from "./test-helpers";

const obj = (properties: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({ type: "object", properties, ...extra });
const S = { type: "string" };

type Case = { name: string; rule: string; old: unknown; next: unknown; backward: string; forward: string };

// backward/forward: the level under BACKWARD and under FORWARD. FULL is the worse of the two.
const cases: Case[] = [
  { name: "optional property added to an open model (PROPERTY_ADDED_TO_OPEN_CONTENT_MODEL)", rule: "jsonschema.property.added", old: obj({ a: S }), next: obj({ a: S, b: S }), backward: "ERR", forward: "INFO" },
  { name: "optional property added to a closed model (OPTIONAL_PROPERTY_ADDED_TO_UNOPEN_CONTENT_MODEL)", rule: "jsonschema.property.added", old: obj({ a: S }, { additionalProperties: false }), next: obj({ a: S, b: S }, { additionalProperties: false }), backward: "INFO", forward: "ERR" },
  { name: "property removed from an open model (PROPERTY_REMOVED_FROM_OPEN_CONTENT_MODEL)", rule: "jsonschema.property.removed", old: obj({ a: S, b: S }), next: obj({ a: S }), backward: "INFO", forward: "ERR" },
  { name: "property removed from a closed model (PROPERTY_REMOVED_FROM_CLOSED_CONTENT_MODEL)", rule: "jsonschema.property.removed", old: obj({ a: S, b: S }, { additionalProperties: false }), next: obj({ a: S }, { additionalProperties: false }), backward: "ERR", forward: "INFO" },
  // Judged on values: the new closed model accepts a subset of the old one, so old readers read new data.
  { name: "required attribute added (REQUIRED_ATTRIBUTE_ADDED)", rule: "jsonschema.required.added", old: obj({ a: S }), next: obj({ a: S }, { required: ["a"] }), backward: "ERR", forward: "INFO" },
  { name: "required attribute with a default added (REQUIRED_ATTRIBUTE_WITH_DEFAULT_ADDED)", rule: "jsonschema.required.added", old: obj({ a: { type: "string", default: "x" } }), next: obj({ a: { type: "string", default: "x" } }, { required: ["a"] }), backward: "INFO", forward: "INFO" },
  { name: "required attribute removed", rule: "jsonschema.required.removed", old: obj({ a: S }, { required: ["a"] }), next: obj({ a: S }), backward: "INFO", forward: "ERR" },
  { name: "type narrowed number -> integer", rule: "jsonschema.type.changed", old: { type: "number" }, next: { type: "integer" }, backward: "ERR", forward: "INFO" },
  { name: "type widened integer -> number", rule: "jsonschema.type.changed", old: { type: "integer" }, next: { type: "number" }, backward: "INFO", forward: "ERR" },
  { name: "type changed string -> integer", rule: "jsonschema.type.changed", old: S, next: { type: "integer" }, backward: "ERR", forward: "ERR" },
  { name: "type union extended (SUM_TYPE_EXTENDED)", rule: "jsonschema.type.changed", old: S, next: { type: ["string", "number"] }, backward: "INFO", forward: "ERR" },
  { name: "null allowed", rule: "jsonschema.nullable.changed", old: S, next: { type: ["string", "null"] }, backward: "INFO", forward: "ERR" },
  { name: "enum narrowed (ENUM_ARRAY_NARROWED)", rule: "jsonschema.enum.narrowed", old: { enum: ["a", "b"] }, next: { enum: ["a"] }, backward: "ERR", forward: "INFO" },
  { name: "enum extended (ENUM_ARRAY_EXTENDED)", rule: "jsonschema.enum.widened", old: { enum: ["a"] }, next: { enum: ["a", "b"] }, backward: "INFO", forward: "ERR" },
  { name: "enum added", rule: "jsonschema.enum.added", old: S, next: { type: "string", enum: ["a"] }, backward: "ERR", forward: "INFO" },
  { name: "maxLength decreased (MAX_LENGTH_DECREASED)", rule: "jsonschema.maxLength.tightened", old: { type: "string", maxLength: 10 }, next: { type: "string", maxLength: 5 }, backward: "ERR", forward: "INFO" },
  { name: "maxLength increased", rule: "jsonschema.maxLength.relaxed", old: { type: "string", maxLength: 5 }, next: { type: "string", maxLength: 10 }, backward: "INFO", forward: "ERR" },
  { name: "minLength added", rule: "jsonschema.minLength.tightened", old: S, next: { type: "string", minLength: 1 }, backward: "ERR", forward: "INFO" },
  { name: "minimum increased", rule: "jsonschema.minimum.tightened", old: { type: "integer", minimum: 0 }, next: { type: "integer", minimum: 1 }, backward: "ERR", forward: "INFO" },
  { name: "maximum removed", rule: "jsonschema.maximum.relaxed", old: { type: "integer", maximum: 9 }, next: { type: "integer" }, backward: "INFO", forward: "ERR" },
  { name: "exclusiveMinimum made exclusive at the same value", rule: "jsonschema.minimum.tightened", old: { type: "number", minimum: 0 }, next: { type: "number", exclusiveMinimum: 0 }, backward: "ERR", forward: "INFO" },
  { name: "multipleOf made stricter (MULTIPLE_OF_EXPANDED)", rule: "jsonschema.multipleOf.tightened", old: { type: "integer", multipleOf: 2 }, next: { type: "integer", multipleOf: 4 }, backward: "ERR", forward: "INFO" },
  { name: "multipleOf made looser (MULTIPLE_OF_REDUCED)", rule: "jsonschema.multipleOf.relaxed", old: { type: "integer", multipleOf: 4 }, next: { type: "integer", multipleOf: 2 }, backward: "INFO", forward: "ERR" },
  { name: "pattern added", rule: "jsonschema.pattern.added", old: S, next: { type: "string", pattern: "^[a-z]+$" }, backward: "ERR", forward: "INFO" },
  { name: "pattern removed", rule: "jsonschema.pattern.removed", old: { type: "string", pattern: "^[a-z]+$" }, next: S, backward: "INFO", forward: "ERR" },
  { name: "pattern changed to one a probe string tells apart both ways", rule: "jsonschema.pattern.changed", old: { type: "string", pattern: "^a" }, next: { type: "string", pattern: "^b" }, backward: "ERR", forward: "ERR" },
  { name: "pattern rewritten with no probe telling them apart (undecidable)", rule: "jsonschema.pattern.changed", old: { type: "string", pattern: "^[a-z]+$" }, next: { type: "string", pattern: "^[a-z]{1,}$" }, backward: "WARN", forward: "WARN" },
  { name: "format added", rule: "jsonschema.format.added", old: S, next: { type: "string", format: "uuid" }, backward: "ERR", forward: "INFO" },
  { name: "format int32 -> int64", rule: "jsonschema.format.changed", old: { type: "integer", format: "int32" }, next: { type: "integer", format: "int64" }, backward: "INFO", forward: "ERR" },
  { name: "maxItems decreased (MAX_ITEMS_DECREASED)", rule: "jsonschema.maxItems.tightened", old: { type: "array", maxItems: 5 }, next: { type: "array", maxItems: 3 }, backward: "ERR", forward: "INFO" },
  { name: "uniqueItems added (UNIQUE_ITEMS_ADDED)", rule: "jsonschema.uniqueItems.added", old: { type: "array" }, next: { type: "array", uniqueItems: true }, backward: "ERR", forward: "INFO" },
  { name: "item type narrowed", rule: "jsonschema.type.changed", old: { type: "array", items: { type: "number" } }, next: { type: "array", items: { type: "integer" } }, backward: "ERR", forward: "INFO" },
  { name: "additionalProperties closed (ADDITIONAL_PROPERTIES_REMOVED)", rule: "jsonschema.additionalProperties.closed", old: obj({ a: S }), next: obj({ a: S }, { additionalProperties: false }), backward: "ERR", forward: "INFO" },
  { name: "additionalProperties opened (ADDITIONAL_PROPERTIES_ADDED)", rule: "jsonschema.additionalProperties.opened", old: obj({ a: S }, { additionalProperties: false }), next: obj({ a: S }), backward: "INFO", forward: "ERR" },
  { name: "additionalProperties schema narrowed", rule: "jsonschema.type.changed", old: obj({}, { additionalProperties: { type: "number" } }), next: obj({}, { additionalProperties: { type: "integer" } }), backward: "ERR", forward: "INFO" },
  { name: "oneOf alternative removed (SUM_TYPE_NARROWED)", rule: "jsonschema.oneOf.branch-removed", old: { oneOf: [S, { type: "integer" }] }, next: { oneOf: [S] }, backward: "ERR", forward: "INFO" },
  { name: "oneOf alternative added (SUM_TYPE_EXTENDED)", rule: "jsonschema.oneOf.branch-added", old: { oneOf: [S] }, next: { oneOf: [S, { type: "integer" }] }, backward: "INFO", forward: "ERR" },
  { name: "allOf member added (PRODUCT_TYPE_EXTENDED)", rule: "jsonschema.allOf.branch-added", old: { allOf: [S, { minLength: 1 }] }, next: { allOf: [S, { minLength: 1 }, { maxLength: 3 }] }, backward: "ERR", forward: "INFO" },
  { name: "boolean schema false -> true", rule: "jsonschema.schema.changed", old: false, next: true, backward: "INFO", forward: "ERR" },
];

describe("JSON Schema rules (strict content models, Confluent semantics)", () => {
  it.each(cases)("$name", ({ rule, old, next, backward, forward }) => {
    expect(levelOf(run("JSON_SCHEMA", old, next, "BACKWARD"), rule)).toBe(backward);
    expect(levelOf(run("JSON_SCHEMA", old, next, "FORWARD"), rule)).toBe(forward);
    const full = backward === "ERR" || forward === "ERR" ? "ERR" : backward === "WARN" || forward === "WARN" ? "WARN" : "INFO";
    expect(levelOf(run("JSON_SCHEMA", old, next, "FULL"), rule)).toBe(full);
    expect(levelOf(run("JSON_SCHEMA", old, next, "NONE"), rule)).toBe(backward === "INFO" && forward === "INFO" ? "INFO" : "WARN");
    expect(run("JSON_SCHEMA", old, next, "NONE").breaking).toBe(false);
  });

  it("reports nothing for identical schemas, and descriptions do not count", () => {
    const schema = obj({ a: { type: "string", description: "one" } }, { required: ["a"] });
    expect(run("JSON_SCHEMA", schema, schema).changes).toEqual([]);
    expect(run("JSON_SCHEMA", schema, obj({ a: { type: "string", description: "two" } }, { required: ["a"] })).changes).toEqual([]);
  });

  it("follows $refs and survives recursive schemas", () => {
    const tree = (leaf: string) => ({ $defs: { Node: obj({ value: { type: leaf }, children: { type: "array", items: { $ref: "#/$defs/Node" } } }) }, $ref: "#/$defs/Node" });
    const result = run("JSON_SCHEMA", tree("number"), tree("integer"));
    expect(outcome(result)).toEqual(["jsonschema.type.changed=ERR"]);
    expect(result.changes[0].path).toBe("/$defs/Node/properties/value");
  });

  it("names where a nested change is, as a JSON pointer", () => {
    const result = run("JSON_SCHEMA", obj({ a: obj({ b: { type: "string", maxLength: 9 } }) }), obj({ a: obj({ b: { type: "string", maxLength: 3 } }) }));
    expect(result.changes[0]).toMatchObject({ level: "ERR", path: "/properties/a/properties/b", id: "jsonschema.maxLength.tightened:/properties/a/properties/b/maxLength" });
  });
});
