import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ImportError, type ImportLimits, type ImportProblem } from "./model";
import { detectFormat, parseDocument } from "./parse";

const fixture = (name: string) => readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
const limits: ImportLimits = { maxBytes: 20 * 1024 * 1024, maxAliases: 100, maxRefDepth: 64, maxDepth: 200 };

async function problemsOf(fileName: string, text: string, overrides: Partial<ImportLimits> = {}): Promise<ImportProblem[]> {
  try {
    await parseDocument(fileName, text, { limits: { ...limits, ...overrides } });
  } catch (error) {
    if (error instanceof ImportError) return error.problems;
    throw error;
  }
  throw new Error("expected an ImportError");
}

const minimal30 = (paths: string) => `openapi: 3.0.3\ninfo:\n  title: T\n  version: "1"\npaths:\n${paths}`;

describe("detectFormat", () => {
  it.each([
    [{ openapi: "3.1.0" }, "OPENAPI"],
    [{ swagger: "2.0" }, "OPENAPI"],
    [{ asyncapi: "3.0.0" }, "ASYNCAPI"],
    [{ apiVersion: "backstage.io/v1alpha1", kind: "API" }, "BACKSTAGE"],
    [{ apiVersion: "v3.0.2", kind: "DataContract" }, "ODCS"],
    [{ apiVersion: "v2.2.0", kind: "DataContract" }, undefined],
    [{ hello: "world" }, undefined],
    ["text", undefined],
  ])("%j -> %s", (value, format) => expect(detectFormat(value)).toBe(format));
});

describe("parseDocument formats", () => {
  it.each([
    ["petstore.yaml", "OPENAPI"],
    ["swagger2.json", "OPENAPI"],
    ["recursive-3.1.yaml", "OPENAPI"],
    ["asyncapi-2.6.yaml", "ASYNCAPI"],
    ["asyncapi-3.0.yaml", "ASYNCAPI"],
    ["catalog-info.yaml", "BACKSTAGE"],
    ["contract.odcs.yaml", "ODCS"],
  ])("%s is read as %s, one document per file", async (file, format) => {
    const docs = await parseDocument(file, fixture(file), { limits });
    expect(docs).toHaveLength(1);
    expect(docs[0].format).toBe(format);
    expect(docs[0].interfaces.length).toBeGreaterThan(0);
  });

  it("is deterministic: the same text parses to deep-equal output", async () => {
    for (const file of ["petstore.yaml", "asyncapi-2.6.yaml", "catalog-info.yaml", "contract.odcs.yaml"]) {
      const a = await parseDocument(file, fixture(file), { limits });
      const b = await parseDocument(file, fixture(file), { limits });
      expect(b).toEqual(a);
    }
  });

  it("options.systemSlug names the providing system", async () => {
    const [doc] = await parseDocument("petstore.yaml", fixture("petstore.yaml"), { limits, systemSlug: "pet-shop" });
    expect(doc.interfaces[0].systemSlug).toBe("pet-shop");
  });
});

describe("bad input is located", () => {
  it("a YAML syntax error names its line", async () => {
    const problems = await problemsOf("a.yaml", "openapi: 3.0.3\ninfo:\n  title: T\n  version: [1, 2\npaths: {}\n");
    expect(problems[0].message).toMatch(/malformed YAML/);
    expect(problems[0].line).toBeGreaterThanOrEqual(4);
  });

  it("a JSON syntax error names its line and column", async () => {
    const problems = await problemsOf("a.json", '{\n  "openapi": "3.0.3",\n  "info": { "title": "T" "version": "1" }\n}');
    expect(problems[0]).toMatchObject({ line: 3 });
    expect(problems[0].message).toMatch(/malformed JSON/);
  });

  it("a duplicate YAML key is malformed", async () => {
    const problems = await problemsOf("a.yaml", "openapi: 3.0.3\nopenapi: 3.1.0\n");
    expect(problems[0]).toMatchObject({ line: 2 });
  });

  it("a response without description (OpenAPI 3.0) names the pointer and its line", async () => {
    const text = minimal30(`  /pets:\n    get:\n      responses:\n        "200":\n          content: {}\n`);
    const problems = await problemsOf("a.yaml", text);
    expect(problems).toContainEqual({ message: "invalid spec: must have required property 'description'", pointer: "/paths/~1pets/get/responses/200", line: 9, column: 9 });
    expect(problems).toHaveLength(1);
  });

  it("a path not starting with '/' names the pointer and its line", async () => {
    const problems = await problemsOf("a.yaml", minimal30(`  pets:\n    get:\n      responses:\n        "200":\n          description: ok\n`));
    expect(problems).toEqual([{ message: "invalid spec: path 'pets' must start with '/'", pointer: "/paths/pets", line: 6, column: 3 }]);
  });

  it("a schema-invalid JSON document names the line of the pointer", async () => {
    const text = JSON.stringify({ openapi: "3.0.3", info: { title: "T", version: "1" }, paths: { "/a": { get: { responses: { "200": {} } } } } }, null, 2);
    const problems = await problemsOf("a.json", text);
    expect(problems[0]).toMatchObject({ pointer: "/paths/~1a/get/responses/200", line: 11 });
  });

  it("a Swagger 2.0 path parameter without a declaration names the operation", async () => {
    const text = JSON.stringify({ swagger: "2.0", info: { title: "T", version: "1" }, paths: { "/a/{id}": { get: { responses: { "200": { description: "ok" } } } } } }, null, 2);
    const problems = await problemsOf("a.json", text);
    expect(problems[0].pointer).toBe("/paths/~1a~1{id}/get");
    expect(problems[0].message).toMatch(/missing path parameter/);
    expect(problems[0].line).toBe(9);
  });

  it("an external $ref is refused with its pointer, nothing is fetched", async () => {
    const text = minimal30(`  /pets:\n    get:\n      responses:\n        "200":\n          $ref: "https://example.com/responses.yaml#/Ok"\n`);
    const problems = await problemsOf("a.yaml", text);
    expect(problems).toEqual([expect.objectContaining({ pointer: "/paths/~1pets/get/responses/200/$ref", line: 10 })]);
    expect(problems[0].message).toMatch(/external \$ref 'https:\/\/example.com\/responses.yaml#\/Ok' is not allowed/);
  });

  it("a file $ref is refused too", async () => {
    const problems = await problemsOf("a.yaml", minimal30(`  /pets:\n    $ref: "./pets.yaml"\n`));
    expect(problems[0]).toMatchObject({ pointer: "/paths/~1pets/$ref" });
  });

  it("an unresolvable internal $ref names its pointer", async () => {
    const problems = await problemsOf("a.yaml", minimal30(`  /pets:\n    get:\n      responses:\n        "200":\n          $ref: "#/components/responses/Missing"\n`));
    expect(problems[0]).toMatchObject({ pointer: "/paths/~1pets/get/responses/200/$ref", message: expect.stringMatching(/does not resolve/) });
  });

  it("a $ref chain deeper than the limit is refused", async () => {
    const chain = [1, 2, 3, 4, 5].map((i) => `    R${i}:\n      $ref: "#/components/responses/R${i + 1}"\n`).join("");
    const text = minimal30(`  /a:\n    get:\n      responses:\n        "200":\n          $ref: "#/components/responses/R1"\n`) + `components:\n  responses:\n${chain}    R6:\n      description: ok\n`;
    const problems = await problemsOf("a.yaml", text, { maxRefDepth: 3 });
    expect(problems).toContainEqual({ message: "$ref chain from '#/components/responses/R1' is deeper than the limit of 3", pointer: "/paths/~1a/get/responses/200/$ref", line: 10, column: 11 });
  });

  it("a billion-laughs YAML is refused by the alias limit, fast", async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) lines.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(",")}]`);
    const started = Date.now();
    const problems = await problemsOf("laughs.yaml", lines.join("\n"));
    expect(problems[0].message).toMatch(/too many YAML aliases/);
    expect(problems[0].line).toBeDefined();
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it("an oversize document is refused by size before it is parsed", async () => {
    const text = "{ not even json " + "x".repeat(1.5 * 1024 * 1024);
    const problems = await problemsOf("big.json", text, { maxBytes: 1024 * 1024 });
    expect(problems).toEqual([{ message: "document is 1.5 MB, over the 1 MB limit" }]);
  });

  it.each([
    ["deep.json", JSON.stringify({ openapi: "3.0.3", x: JSON.parse("[".repeat(300) + "]".repeat(300)) })],
    ["deep.yaml", "openapi: 3.0.3\nx: " + "[".repeat(300) + "]".repeat(300) + "\n"],
  ])("nesting deeper than the limit is refused (%s)", async (file, text) => {
    const problems = await problemsOf(file, text);
    expect(problems[0].message).toMatch(/nested deeper than the limit of 200/);
  });

  it("an unrecognised document says what was expected", async () => {
    const problems = await problemsOf("a.yaml", "hello: world\n");
    expect(problems[0].message).toMatch(/unrecognised document/);
  });

  it("several YAML documents are only accepted for Backstage", async () => {
    const problems = await problemsOf("a.yaml", minimal30("  {}\n") + "---\n" + minimal30("  {}\n"));
    expect(problems[0]).toMatchObject({ line: 8, message: expect.stringMatching(/only Backstage files/) });
  });

  it("an unsupported OpenAPI version is named at its line", async () => {
    const problems = await problemsOf("a.yaml", "openapi: 3.2.0\ninfo:\n  title: T\n  version: '1'\npaths: {}\n");
    expect(problems[0]).toMatchObject({ pointer: "/openapi", line: 1, message: expect.stringMatching(/unsupported openapi version 3.2.0/) });
  });
});
