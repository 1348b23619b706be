import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { collectSpecFiles, planBatches } from "./files";

describe("collectSpecFiles", () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), "cli-files-"));
    const files: Record<string, string> = {
      "specs/payments/openapi.yaml": "a",
      "specs/payments/events.YML": "b",
      "specs/orders.json": "c",
      "specs/README.md": "not a spec",
      "specs/node_modules/pkg/package.json": "{}",
      "specs/.git/config.json": "{}",
      "notes/contract.odcs": "explicit",
    };
    for (const [name, content] of Object.entries(files)) {
      await mkdir(path.dirname(path.join(root, name)), { recursive: true });
      await writeFile(path.join(root, name), content);
    }
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("walks directories for yaml, yml and json, skipping node_modules and hidden folders, with stable relative names", async () => {
    const files = await collectSpecFiles(["specs"], root);
    expect(files.map((f) => f.name)).toEqual(["specs/orders.json", "specs/payments/events.YML", "specs/payments/openapi.yaml"]);
    expect(files[0].bytes).toBe(1);
  });

  it("takes a file named explicitly whatever its extension, once even if named twice", async () => {
    const files = await collectSpecFiles(["notes/contract.odcs", "specs/orders.json", "specs"], root);
    expect(files.map((f) => f.name)).toEqual(["notes/contract.odcs", "specs/orders.json", "specs/payments/events.YML", "specs/payments/openapi.yaml"]);
  });

  it("names a missing path", async () => {
    await expect(collectSpecFiles(["nope"], root)).rejects.toThrow("nope: no such file or directory");
  });
});

describe("planBatches", () => {
  const sizes = (batches: { bytes: number }[][]) => batches.map((b) => b.map((f) => f.bytes));
  it.each([
    { what: "all in one", bytes: [1, 2, 3], expected: [[1, 2, 3]] },
    { what: "split by size", bytes: [6, 4, 1, 9], expected: [[6, 4], [1, 9]] },
    { what: "a large file alone", bytes: [1, 50, 1], expected: [[1], [50], [1]] },
    { what: "split by count", bytes: [1, 1, 1, 1, 1], expected: [[1, 1], [1, 1], [1]] },
    { what: "nothing", bytes: [], expected: [] },
  ])("$what", ({ bytes, expected }) => {
    expect(sizes(planBatches(bytes.map((b) => ({ bytes: b })), { maxBytes: 10, maxFiles: bytes.length === 5 ? 2 : 10 }))).toEqual(expected);
  });
});
