// The seven modes (Confluent Schema Registry): which direction counts, and transitive checks against
// every earlier version with the version each violation breaks.
import { describe, expect, it } from "vitest";
import { levelUnder, type Finding } from "./finding";
import { diffVersions } from "./index";
import { MODES, type Mode } from "./types";

const finding = (backward: Finding["backward"], forward: Finding["forward"]): Finding => ({ rule: "r", at: "a", path: "/", message: "m", backward, forward });

describe("levels under each mode", () => {
  // [breaks backward, breaks forward] -> level per mode
  const table: [Finding["backward"], Finding["forward"], Record<Mode, string>][] = [
    [true, false, { BACKWARD: "ERR", BACKWARD_TRANSITIVE: "ERR", FORWARD: "INFO", FORWARD_TRANSITIVE: "INFO", FULL: "ERR", FULL_TRANSITIVE: "ERR", NONE: "WARN" }],
    [false, true, { BACKWARD: "INFO", BACKWARD_TRANSITIVE: "INFO", FORWARD: "ERR", FORWARD_TRANSITIVE: "ERR", FULL: "ERR", FULL_TRANSITIVE: "ERR", NONE: "WARN" }],
    ["maybe", false, { BACKWARD: "WARN", BACKWARD_TRANSITIVE: "WARN", FORWARD: "INFO", FORWARD_TRANSITIVE: "INFO", FULL: "WARN", FULL_TRANSITIVE: "WARN", NONE: "WARN" }],
    [false, false, { BACKWARD: "INFO", BACKWARD_TRANSITIVE: "INFO", FORWARD: "INFO", FORWARD_TRANSITIVE: "INFO", FULL: "INFO", FULL_TRANSITIVE: "INFO", NONE: "INFO" }],
  ];
  it.each(table)("backward=%s forward=%s", (backward, forward, expected) => {
    for (const mode of MODES) expect([mode, levelUnder(finding(backward, forward), mode)]).toEqual([mode, expected[mode]]);
  });
});

describe("transitive JSON Schema histories", () => {
  // v1 closed {a}; v2 closed {a, b?}; v3 closed {a, b?} with b now an integer. v3 reads v2 data? no (b type);
  // FORWARD: v2 reads v3 data? no. Transitive checks name 1.1.0 (and 1.0.0 where it differs).
  const closed = (props: Record<string, unknown>) => JSON.stringify({ type: "object", properties: props, additionalProperties: false });
  const versions = [
    { version: "1.0.0", text: closed({ a: { type: "string" } }) },
    { version: "1.1.0", text: closed({ a: { type: "string" }, b: { type: "number" } }) },
    { version: "1.2.0", text: closed({ a: { type: "string" }, b: { type: "integer" } }) },
  ];

  it("BACKWARD names only the version just before", () => {
    const result = diffVersions({ format: "JSON_SCHEMA", versions, mode: "BACKWARD" });
    expect(result.changes.filter((c) => c.level === "ERR").map((c) => [c.rule, c.breaksVersion])).toEqual([["jsonschema.type.changed", "1.1.0"]]);
  });

  it("FORWARD_TRANSITIVE: v1 (closed, no b) cannot read v3 data that carries b", () => {
    const result = diffVersions({ format: "JSON_SCHEMA", versions, mode: "FORWARD_TRANSITIVE" });
    expect(result.changes.filter((c) => c.level === "ERR").map((c) => [c.rule, c.breaksVersion])).toEqual([["jsonschema.property.added", "1.0.0"]]);
  });

  it("FULL_TRANSITIVE reports each violation against each version it breaks; NONE blocks nothing", () => {
    const result = diffVersions({ format: "JSON_SCHEMA", versions, mode: "FULL_TRANSITIVE" });
    expect(result.changes.filter((c) => c.level === "ERR").map((c) => `${c.rule}@${c.breaksVersion}`).sort()).toEqual(["jsonschema.property.added@1.0.0", "jsonschema.type.changed@1.1.0"]);
    expect(diffVersions({ format: "JSON_SCHEMA", versions, mode: "NONE" }).breaking).toBe(false);
  });
});
