// Bad input is named precisely (side, file, line, JSON pointer) and bounded (size, depth, aliases).
import { describe, expect, it } from "vitest";
import { detectFormat, DiffInputError, diffDocuments } from "./index";

function problemOf(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(DiffInputError);
    return error as DiffInputError;
  }
  throw new Error("expected a DiffInputError");
}

describe("input errors and limits", () => {
  it("names the side, file and line of malformed YAML, with a 422 pointing into the request body", () => {
    const error = problemOf(() => diffDocuments({ format: "OPENAPI", previous: "openapi: 3.0.0\npaths: {}\n", next: "openapi: 3.0.0\npaths:\n  /a: [\n", nextName: "new.yaml" }));
    expect(error.status).toBe(422);
    expect(error.problems[0]).toMatchObject({ side: "next", file: "new.yaml" });
    expect(error.problems[0].line).toBeGreaterThan(1);
    expect(error.errors?.[0].pointer).toBe("/next");
    expect(error.message).toMatch(/^new\.yaml:\d+: malformed YAML/);
  });

  it("names the line of malformed JSON", () => {
    const error = problemOf(() => diffDocuments({ format: "JSON_SCHEMA", previous: '{\n  "type": "string",\n  oops\n}', next: "{}" }));
    expect(error.problems[0]).toMatchObject({ side: "previous", line: 3 });
  });

  it("refuses a document of the wrong kind at its root pointer", () => {
    const error = problemOf(() => diffDocuments({ format: "OPENAPI", previous: "{}", next: '{"asyncapi":"3.0.0"}' }));
    expect(error.problems[0]).toMatchObject({ side: "previous", pointer: "/" });
  });

  it("enforces the size and depth limits", () => {
    const deep = "[".repeat(300) + "]".repeat(300);
    expect(problemOf(() => diffDocuments({ format: "JSON_SCHEMA", previous: "{}", next: `{"a":${deep}}` })).message).toMatch(/nested deeper than the limit/);
    process.env.IMPORT_MAX_BYTES = "100";
    try {
      expect(problemOf(() => diffDocuments({ format: "JSON_SCHEMA", previous: "{}", next: JSON.stringify({ description: "x".repeat(200) }) })).message).toMatch(/over the .* MB limit/);
    } finally {
      delete process.env.IMPORT_MAX_BYTES;
    }
  });

  it("refuses YAML alias bombs", () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}, *${String.fromCharCode(97 + i)}]`)].join("\n");
    expect(problemOf(() => diffDocuments({ format: "JSON_SCHEMA", previous: "type: object", next: bomb })).message).toMatch(/alias/);
  });
});

describe("detectFormat", () => {
  it.each([
    ["openapi: 3.1.0\ninfo: {}", undefined, "OPENAPI"],
    ['{"swagger": "2.0"}', undefined, "OPENAPI"],
    ["asyncapi: 3.0.0", undefined, "ASYNCAPI"],
    ['{"type":"record","name":"R","fields":[]}', undefined, "AVRO"],
    ['{"type":"object"}', "schema.avsc", "AVRO"],
    ['syntax = "proto3";\nmessage A {}', undefined, "PROTOBUF"],
    ["message A {}", "a.proto", "PROTOBUF"],
    ['{"$schema":"https://json-schema.org/draft/2020-12/schema","type":"object"}', undefined, "JSON_SCHEMA"],
  ])("%s -> %s", (text, file, format) => {
    expect(detectFormat(text, file)).toBe(format);
  });
});
