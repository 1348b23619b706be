import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { ImportError, type ImportedDocument } from "./model";
import { eachFile, importFiles, importFilesWith, type ParseDocument } from "./service";
import { openApiDoc } from "./test-helpers";

const database = setupTestDatabase();

/** The shared test document, named after its key so results read back by name. */
const doc = (key: string, spec = `spec of ${key}`): ImportedDocument => openApiDoc(key, { name: key, spec });

// Stands in for the real parser: "bad" files fail with a located problem, others name their interface(s).
const fakeParse: ParseDocument = async (fileName, text) => {
  if (text.startsWith("bad")) throw new ImportError([{ line: 3, message: "unexpected end of the stream" }]);
  return text.split(",").map((key) => doc(key.trim(), `${fileName}:${text}`));
};

describe("importFiles", () => {
  it("imports the good files of a folder and reports the bad one with its location, writing nothing from it", async () => {
    const admin = await actAs(database(), "ADMIN");
    const { results } = await importFilesWith(eachFile(fakeParse), admin, [
      { name: "specs/a.yaml", content: "svc-a" },
      { name: "specs/broken.yaml", content: "bad: [" },
      { name: "specs/c.yaml", content: "svc-c" },
    ]);
    expect(results.map((r) => [r.file, r.ok])).toEqual([["specs/a.yaml", true], ["specs/broken.yaml", false], ["specs/c.yaml", true]]);
    expect(results[1]).toEqual({ file: "specs/broken.yaml", ok: false, error: "line 3: unexpected end of the stream", interfaces: [] });
    expect(results[2].interfaces).toEqual([expect.objectContaining({ name: "svc-c", operations: 1, status: "created" })]);
    expect(await database().prisma.interface.count({ where: { sourceKey: { in: ["openapi:svc-a", "openapi:svc-c"] } } })).toBe(2);
  });

  it("keeps nothing of a multi-document file when a later document of it fails", async () => {
    const team = await database().prisma.team.create({ data: { slug: "multi-team", name: "Multi" } });
    const member = await actAs(database(), "MEMBER", [team.id]);
    const parse: ParseDocument = async () => [
      { ...doc("multi-ok"), interfaces: [{ ...doc("multi-ok").interfaces[0], ownerTeamSlug: "multi-team" }] },
      doc("multi-unowned"),
    ];
    const { results } = await importFilesWith(eachFile(parse), member, [{ name: "both.yaml", content: "" }]);
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringContaining("catalog.import") });
    expect(await database().prisma.interface.count({ where: { sourceKey: "openapi:multi-ok" } })).toBe(0);
  });

  it("rejects a file over the size limit without parsing it", async () => {
    const admin = await actAs(database(), "ADMIN");
    const previous = process.env.IMPORT_MAX_BYTES;
    process.env.IMPORT_MAX_BYTES = "10";
    try {
      const { results } = await importFilesWith(eachFile(fakeParse), admin, [{ name: "big.yaml", content: "svc-big-but-long" }]);
      expect(results[0]).toMatchObject({ ok: false, error: expect.stringContaining("10 bytes") });
    } finally {
      if (previous === undefined) delete process.env.IMPORT_MAX_BYTES;
      else process.env.IMPORT_MAX_BYTES = previous;
    }
  });

  it("sync retires the interface of a file removed from the folder", async () => {
    const admin = await actAs(database(), "ADMIN");
    const first = await importFilesWith(eachFile(fakeParse), admin, [{ name: "repo/x.yaml", content: "sync-x" }, { name: "repo/y.yaml", content: "sync-y" }], { sync: "repo" });
    expect(first.retired).toEqual([]);
    const second = await importFilesWith(eachFile(fakeParse), admin, [{ name: "repo/x.yaml", content: "sync-x" }], { sync: "repo" });
    expect(second.results[0].interfaces[0].status).toBe("unchanged");
    expect(second.retired).toEqual([{ id: first.results[1].interfaces[0].id, name: "sync-y", sourcePath: "repo/y.yaml" }]);
    const row = await database().prisma.interface.findUniqueOrThrow({ where: { id: first.results[1].interfaces[0].id } });
    expect(row.lifecycle).toBe("RETIRED");
  });

  it("still reports the imported files when sync may not retire what is missing", async () => {
    const admin = await actAs(database(), "ADMIN");
    await importFilesWith(eachFile(fakeParse), admin, [{ name: "shared/z.yaml", content: "sync-z" }], { sync: "shared" });
    const team = await database().prisma.team.create({ data: { slug: "sync-team", name: "Sync" } });
    const member = await actAs(database(), "MEMBER", [team.id]);
    const response = await importFilesWith(eachFile(fakeParse), member, [{ name: "shared/w.yaml", content: "bad" }], { sync: "shared" });
    expect(response.results).toEqual([expect.objectContaining({ file: "shared/w.yaml", ok: false })]);
    expect(response.retired).toEqual([]);
    expect(response.retireError).toContain('the interface "sync-z"');
  });
});

describe("importFiles with the real parsers", () => {
  const fixture = (name: string) => ({ name: `fixtures/${name}`, content: readFileSync(`lib/catalog/import/fixtures/${name}`, "utf8") });

  it("imports real specs, reports a malformed one by line, and re-imports them as unchanged", async () => {
    const admin = await actAs(database(), "ADMIN");
    await database().prisma.team.create({ data: { slug: "pets-team", name: "Pets" } });
    const files = [fixture("petstore.yaml"), fixture("swagger2.json"), { name: "broken.yaml", content: "openapi: 3.0.0\ninfo: [\n" }];
    const first = await importFiles(admin, files);
    expect(first.results.map((r) => r.ok)).toEqual([true, true, false]);
    expect(first.results[2].error).toMatch(/^line \d+: /);
    for (const result of first.results.slice(0, 2)) expect(result.interfaces[0]).toMatchObject({ status: "created", operations: expect.any(Number) });
    expect(first.results[0].interfaces[0].operations).toBeGreaterThan(0);
    const stored = await database().prisma.interface.findUniqueOrThrow({ where: { id: first.results[0].interfaces[0].id }, include: { _count: { select: { elements: true, fields: true } } } });
    expect(stored._count.elements).toBeGreaterThan(0);
    expect(stored.searchText).toContain(stored.name);
    const again = await importFiles(admin, files);
    expect(again.results.slice(0, 2).map((r) => r.interfaces[0].status)).toEqual(["unchanged", "unchanged"]);
  });
});
