// Protobuf rules on the wire format: field numbers identify fields, so reuse, type and label changes and
// unreserved removals break readers; renames and wire-compatible swaps are WARN.
import { describe, expect, it } from "vitest";
import { levelOf, outcome, run } from "./test-helpers";

const proto = (body: string, extra = "") => `syntax = "proto3";\npackage shop.v1;\n${extra}\nmessage Order {\n${body}\n}\n`;

describe("Protobuf rules", () => {
  it.each([
    { name: "field removed without reserving its number", old: proto("string id = 1; string note = 2;"), next: proto("string id = 1;"), rule: "protobuf.field.removed-unreserved", level: "ERR" },
    { name: "field removed with its number reserved", old: proto("string id = 1; string note = 2;"), next: proto('string id = 1; reserved 2; reserved "note";'), rule: "protobuf.field.removed-reserved", level: "INFO" },
    { name: "field number reused by another field", old: proto("string id = 1; string note = 2;"), next: proto("string id = 1; int64 amount = 2;"), rule: "protobuf.field.number-reused", level: "ERR" },
    { name: "reserved number used again", old: proto("string id = 1; reserved 2;"), next: proto("string id = 1; string note = 2;"), rule: "protobuf.field.reserved-reused", level: "ERR" },
    { name: "field type changed incompatibly", old: proto("string id = 1; int32 qty = 2;"), next: proto("string id = 1; string qty = 2;"), rule: "protobuf.field.type-changed", level: "ERR" },
    { name: "field type changed within a wire group", old: proto("string id = 1; int32 qty = 2;"), next: proto("string id = 1; int64 qty = 2;"), rule: "protobuf.field.type-changed", level: "WARN" },
    { name: "message-typed field changed to another message", old: proto("string id = 1; A a = 2;", "message A { int32 x = 1; } message B { int32 x = 1; }"), next: proto("string id = 1; B a = 2;", "message A { int32 x = 1; } message B { int32 x = 1; }"), rule: "protobuf.field.type-changed", level: "ERR" },
    { name: "label changed singular -> repeated (string: same encoding)", old: proto("string id = 1;"), next: proto("repeated string id = 1;"), rule: "protobuf.field.label-changed", level: "INFO" },
    { name: "label changed repeated -> singular (message: same encoding)", old: proto("repeated A id = 1;", "message A { int32 x = 1; }"), next: proto("A id = 1;", "message A { int32 x = 1; }"), rule: "protobuf.field.label-changed", level: "INFO" },
    { name: "label changed singular -> repeated (packed scalar)", old: proto("int32 id = 1;"), next: proto("repeated int32 id = 1;"), rule: "protobuf.field.label-changed", level: "ERR" },
    { name: "label changed repeated -> singular (enum)", old: proto("repeated S id = 1;", "enum S { A = 0; }"), next: proto("S id = 1;", "enum S { A = 0; }"), rule: "protobuf.field.label-changed", level: "ERR" },
    { name: "field renamed, same number", old: proto("string id = 1;"), next: proto("string order_id = 1;"), rule: "protobuf.field.renamed", level: "WARN" },
    { name: "field moved to a new number", old: proto("string id = 1;"), next: proto("string id = 2; reserved 1;"), rule: "protobuf.field.number-changed", level: "ERR" },
    { name: "field added", old: proto("string id = 1;"), next: proto("string id = 1; string note = 2;"), rule: "protobuf.field.added", level: "INFO" },
    { name: "one field moved into a new oneof", old: proto("string id = 1; string a = 2;"), next: proto("string id = 1; oneof x { string a = 2; }"), rule: "protobuf.field.oneof-changed", level: "INFO" },
  ])("$name", ({ old, next, rule, level }) => {
    expect(levelOf(run("PROTOBUF", old, next), rule)).toBe(level);
    expect(run("PROTOBUF", old, next, "NONE").breaking).toBe(false);
  });

  it("oneof moves, with the level per mode", () => {
    const plain = proto("string id = 1; string a = 2; string b = 3;");
    const together = proto("string id = 1; oneof x { string a = 2; string b = 3; }");
    const levels = (old: string, next: string) => ["BACKWARD", "FORWARD"].map((mode) => levelOf(run("PROTOBUF", old, next, mode as "BACKWARD"), "protobuf.field.oneof-changed"));
    const bothLevels = (old: string, next: string) => ["BACKWARD", "FORWARD"].map((mode) => outcome(run("PROTOBUF", old, next, mode as "BACKWARD")));
    // Two fields moved into one new oneof: old data with both set loses one.
    expect(bothLevels(plain, together)).toEqual([["protobuf.field.oneof-changed=ERR", "protobuf.field.oneof-changed=ERR"], ["protobuf.field.oneof-changed=INFO", "protobuf.field.oneof-changed=INFO"]]);
    // Into an existing oneof: the same loss.
    expect(levels(proto("string id = 1; string b = 3; oneof x { string a = 2; }"), together)).toEqual(["ERR", "INFO"]);
    // Out of a oneof: new data may set both, old readers keep one.
    expect(levels(proto("string id = 1; string b = 3; oneof x { string a = 2; }"), plain)).toEqual(["INFO", "ERR"]);
  });

  it("proto2 required field added or removed breaks", () => {
    const p2 = (body: string) => `syntax = "proto2";\nmessage Order { ${body} }`;
    expect(levelOf(run("PROTOBUF", p2("optional string id = 1;"), p2("optional string id = 1; required string cur = 2;")), "protobuf.field.required-added")).toBe("ERR");
    expect(levelOf(run("PROTOBUF", p2("required string id = 1;"), p2("optional string id = 1;")), "protobuf.field.label-changed")).toBe("ERR");
  });

  it("messages, enums, enum values and rpcs", () => {
    const base = `syntax = "proto3"; enum Status { NEW = 0; PAID = 1; } message A { Status s = 1; } message B { int32 x = 1; } service Orders { rpc Get(A) returns (B); rpc List(A) returns (B); }`;
    const next = `syntax = "proto3"; enum Status { NEW = 0; VOID = 2; } message A { Status s = 1; } service Orders { rpc Get(A) returns (A); }`;
    expect(outcome(run("PROTOBUF", base, next))).toEqual(
      ["protobuf.enum.value-added=INFO", "protobuf.enum.value-removed=ERR", "protobuf.message.removed=ERR", "protobuf.rpc.removed=ERR", "protobuf.rpc.type-changed=ERR"].sort(),
    );
  });

  it("reports a .proto syntax error with its line", () => {
    expect(() => run("PROTOBUF", proto("string id = 1;"), 'syntax = "proto3";\nmessage X {\n  int32 a = ;\n}')).toThrow(/next line 3: malformed \.proto/);
  });
});
