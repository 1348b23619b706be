import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse, parseAllDocuments } from "yaml";
import { corporaDir } from "@/lib/testing/corpora";
import { findExcessNesting } from "./nesting";

/** Collections on the deepest path of a parsed value. */
const depthOf = (value: unknown): number =>
  value && typeof value === "object" ? 1 + Math.max(0, ...Object.values(value).map(depthOf)) : 0;

const LEVELS = 100_000;

describe("findExcessNesting", () => {
  it.each([
    { style: "flow sequences", text: "[".repeat(LEVELS) + "]".repeat(LEVELS), line: 1, column: 202 },
    { style: "flow mappings", text: "a: " + "{b: ".repeat(LEVELS) + "1" + "}".repeat(LEVELS), line: 1, column: 4 + 4 * 200 },
    { style: "JSON objects", text: '{"a":'.repeat(LEVELS) + "1" + "}".repeat(LEVELS), line: 1, column: 1 + 5 * 201 },
    // Indentation grows with depth, so block mappings reach only ~6,000 levels within the 20 MB import limit.
    { style: "block mappings", text: Array.from({ length: 6_000 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n"), line: 202, column: 202 },
    { style: "compact block sequences", text: "- ".repeat(LEVELS) + "x", line: 1, column: 1 + 2 * 201 },
    { style: "complex keys", text: "? ".repeat(LEVELS) + "x", line: 1, column: 1 + 2 * 201 },
  ])("refuses deep $style at the line and column where the limit is passed", ({ text, line, column }) => {
    const started = performance.now();
    const found = findExcessNesting(text, 200);
    expect(found).toMatchObject({ line, column, depth: 202 });
    // Linear: a 100k-level document is scanned long before a recursive parser would finish.
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("passes documents within the limit, whatever brackets, quotes and comments their text holds", () => {
    const spec = [
      "openapi: 3.1.0 # a comment with [ and {",
      "info:",
      "  title: 'it''s [not] {flow}'",
      '  description: "quoted \\" [ still text"',
      "  summary: plain text with a [ and a { inside, and it's fine",
      "paths:",
      "  /payments/{id}:",
      "    get:",
      "      parameters:",
      "        - name: id",
      "          schema: { type: string, pattern: '^[a-z]+$' }",
      "      description: |",
      "        [[[[[[[[[[ block scalar text {{{{{",
      "            deeper indented text inside the block scalar",
      "      x-list: [a, [b, c], {d: e}]",
      "      x-anchor: &a [1, 2]",
    ].join("\n");
    expect(() => parse(spec)).not.toThrow();
    // Seven collections deep (root, paths, path, get, parameters, a parameter, its schema): six keys below the root.
    expect(findExcessNesting(spec, 6)).toBeUndefined();
    expect(findExcessNesting(spec, 5)).toMatchObject({ line: 11, column: 19 });
  });

  it("counts as deep as the parsed value nests, within a level or two", () => {
    const nested = (depth: number) => Array.from({ length: depth }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n") + " leaf";
    expect(findExcessNesting(nested(200), 200)).toBeUndefined();
    expect(findExcessNesting(nested(203), 200)).toBeDefined();
    expect(findExcessNesting("[".repeat(201) + "]".repeat(201), 200)).toBeUndefined();
    expect(findExcessNesting("[".repeat(202) + "]".repeat(202), 200)).toBeDefined();
  });

  it("starts counting again in each document of a stream", () => {
    const doc = (depth: number) => Array.from({ length: depth }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n") + " x";
    expect(findExcessNesting(`${doc(150)}\n---\n${doc(150)}\n`, 200)).toBeUndefined();
  });
});

describe.skipIf(!corporaDir)("findExcessNesting over the third-party corpora", () => {
  it("refuses none of their YAML and JSON documents at their own depth, and each one at half of it", () => {
    const files = (readdirSync(corporaDir!, { recursive: true }) as string[]).filter((f) => /\.(ya?ml|json)$/.test(f));
    const wrong: string[] = [];
    for (const file of files) {
      const text = readFileSync(path.join(corporaDir!, file), "utf8");
      const depth = Math.max(0, ...parseAllDocuments(text, { uniqueKeys: false }).map((d) => depthOf(d.toJS({ maxAliasCount: -1 }))));
      if (depth === 0) continue;
      // maxDepth counts keys below the root collection: a document `depth` collections deep needs depth - 1.
      if (findExcessNesting(text, depth - 1)) wrong.push(`${file}: refused at its own depth ${depth}`);
      if (depth > 6 && !findExcessNesting(text, Math.floor(depth / 2) - 2)) wrong.push(`${file}: passed at half its depth ${depth}`);
    }
    expect(files.length).toBeGreaterThan(100);
    expect(wrong).toEqual([]);
  });
});
