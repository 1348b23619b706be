import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import type { ImportedDocument, ImportedElement } from "./model";
import { persistImport } from "./persist";
import { elementBatchesOf, prepareInterface } from "./prepare";
import { openApiDoc } from "./test-helpers";

const database = setupTestDatabase();

/** A document with `n` operations of three fields each: several write batches. */
function largeDoc(key: string, n: number, spec?: string): ImportedDocument {
  const elements: ImportedElement[] = Array.from({ length: n }, (_, i) => ({
    kind: "OPERATION",
    name: `GET /r${i}`,
    method: "GET",
    path: `/r${i}`,
    details: { responses: { "200": { description: `ok ${i}` } } },
    fields: ["id", "email", "note"].map((name) => ({ path: `R${i}.${name}`, name, type: "string", required: name === "id" })),
  }));
  const doc = openApiDoc(key, { elements });
  return spec === undefined ? doc : { ...doc, interfaces: doc.interfaces.map((i) => ({ ...i, spec })) };
}

const prepared = (doc: ImportedDocument): ImportedDocument => ({ ...doc, interfaces: doc.interfaces.map(prepareInterface) });

async function written(interfaceId: string) {
  const { prisma } = database();
  const row = await prisma.interface.findUniqueOrThrow({ where: { id: interfaceId }, include: { versions: true } });
  const elements = await prisma.interfaceElement.findMany({ where: { interfaceId }, select: { name: true, details: true } });
  const fields = await prisma.interfaceField.findMany({ where: { interfaceId }, select: { path: true, element: { select: { name: true } } } });
  const suggestions = await prisma.fieldClassification.count({ where: { interfaceId } });
  return {
    searchText: row.searchText,
    spec: row.versions[0].spec,
    specHash: row.versions[0].specHash,
    elements: elements.map((e) => `${e.name} ${JSON.stringify(e.details)}`).sort(),
    fields: fields.map((f) => `${f.element?.name}:${f.path}`).sort(),
    suggestions,
  };
}

describe("elementBatchesOf", () => {
  it("keeps every element once, in order, in bounded batches", () => {
    const elements = largeDoc("b", 1200).interfaces[0].elements;
    const batches = elementBatchesOf(elements);
    expect(batches.length).toBeGreaterThan(3);
    expect(batches.flat()).toEqual(elements);
  });
});

describe("a large document written in batches", () => {
  it("writes the same rows whether prepared on the worker pool or not", async () => {
    const admin = await actAs(database(), "ADMIN");
    const plain = await persistImport(admin, largeDoc("plain", 1200, "spec with a NUL\u0000 character"), { fileName: "plain.yaml" });
    const fromPool = await persistImport(admin, prepared(largeDoc("pooled", 1200, "spec with a NUL\u0000 character")), { fileName: "pooled.yaml" });
    expect(fromPool.interfaces[0]).toMatchObject({ operations: 1200, status: "created" });
    const [a, b] = [await written(plain.interfaces[0].id), await written(fromPool.interfaces[0].id)];
    expect(a.fields).toHaveLength(3600);
    expect(a.suggestions).toBeGreaterThan(0);
    expect(b.spec).toBe("spec with a NUL character");
    expect({ ...b, searchText: b.searchText.replace("pooled", "plain") }).toEqual(a);
    const audit = await database().prisma.auditEvent.findFirstOrThrow({ where: { entityId: fromPool.interfaces[0].id, action: "interface.version_create" } });
    expect(audit.after).toMatchObject({ elements: 1200, fields: 3600, file: "pooled.yaml" });
  });

  it("keeps nothing of the file when a later batch fails", async () => {
    const admin = await actAs(database(), "ADMIN");
    const doc = prepared(largeDoc("broken", 1200));
    const batches = doc.interfaces[0].prepared!.elementBatches;
    // A row the database refuses in the last batch: an element name over PostgreSQL's index row size would do, a NUL in JSON does reliably.
    batches[batches.length - 1] = batches[batches.length - 1].replace('"ok 1199"', '"ok \\u0000"');
    await expect(persistImport(admin, doc, { fileName: "broken.yaml" })).rejects.toThrow();
    const { prisma } = database();
    expect(await prisma.interface.count({ where: { sourceKey: "openapi:broken" } })).toBe(0);
    expect(await prisma.interfaceField.count({ where: { path: { startsWith: "R0." }, interface: { sourceKey: "openapi:broken" } } })).toBe(0);
  });
});
