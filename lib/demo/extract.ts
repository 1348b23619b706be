// The demo estate is seeded from spec texts only. This runs the catalog importers' parsers over the seeded
// versions and writes what an import would have extracted (elements, fields, search text), so search, the
// interface pages and lineage work on the demo exactly as on imported specs.
import { parseDocument } from "@/lib/catalog/import/parse";
import type { ImportedElement } from "@/lib/catalog/import/model";
import { insertVersionRows } from "@/lib/catalog/import/persist-insert";
import { buildVersionRows } from "@/lib/catalog/import/persist-rules";
import { buildSearchText } from "@/lib/catalog/search-text";
import type { PrismaClient } from "@/lib/db/generated/client";

export type ExtractResult = { parsed: number; failed: number; elements: number; fields: number; interfaces: number };

/** Formats the importers understand; the others (WSDL, CSV, ...) are searchable by their metadata only. */
const PARSEABLE = new Set(["OPENAPI", "ASYNCAPI"]);

// The demo's specs are the same in every demo database (same hashes), and parsing them takes seconds; a process
// that seeds several databases (tests, benchmarks) parses each spec once.
const parsedBySpecHash = new Map<string, ImportedElement[]>();

async function elementsOf(fileName: string, spec: string, specHash: string): Promise<ImportedElement[]> {
  const cached = parsedBySpecHash.get(specHash);
  if (cached) return cached;
  const [doc] = await parseDocument(fileName, spec);
  const elements = doc?.interfaces[0]?.elements ?? [];
  parsedBySpecHash.set(specHash, elements);
  return elements;
}

/**
 * Idempotent: only versions without elements are parsed, so an interrupted run resumes. Parsing happens outside
 * any transaction (it takes seconds for the whole estate); the rows are then written in one transaction.
 */
export async function extractDemoSpecs(prisma: PrismaClient): Promise<ExtractResult> {
  const versions = await prisma.interfaceVersion.findMany({
    where: { elements: { none: {} } },
    select: { id: true, interfaceId: true, spec: true, specHash: true, specFormat: true, interface: { select: { slug: true } } },
    orderBy: { createdAt: "asc" },
  });
  const result: ExtractResult = { parsed: 0, failed: 0, elements: 0, fields: 0, interfaces: 0 };
  const elementRows: ReturnType<typeof buildVersionRows>["elementRows"] = [];
  const fieldRows: ReturnType<typeof buildVersionRows>["fieldRows"] = [];
  // The newest version of each interface decides its search text (versions come oldest first).
  const latestElements = new Map<string, ImportedElement[]>();
  for (const version of versions) {
    if (!PARSEABLE.has(version.specFormat)) continue;
    try {
      const elements = await elementsOf(`${version.interface.slug}.yaml`, version.spec, version.specHash);
      const rows = buildVersionRows(version.interfaceId, version.id, elements);
      elementRows.push(...rows.elementRows);
      fieldRows.push(...rows.fieldRows);
      latestElements.set(version.interfaceId, elements);
      result.parsed++;
    } catch {
      // A demo spec the importers reject still gets metadata search text; the count shows it in the seed log.
      result.failed++;
    }
  }
  // The others keep the metadata-only search text the database trigger gives every interface.
  const interfaces = await prisma.interface.findMany({ where: { id: { in: [...latestElements.keys()] } }, select: { id: true, name: true, description: true, tags: true } });
  await prisma.$transaction(
    async (tx) => {
      await insertVersionRows(tx, { elementRows, fieldRows });
      result.elements = elementRows.length;
      result.fields = fieldRows.length;
      for (const row of interfaces) {
        const elements = latestElements.get(row.id) ?? [];
        const searchText = buildSearchText({ ...row, elements, fieldNames: elements.flatMap((e) => e.fields.map((f) => f.name)) });
        await tx.interface.update({ where: { id: row.id }, data: { searchText } });
      }
      result.interfaces = interfaces.length;
    },
    { maxWait: 30_000, timeout: 120_000 },
  );
  return result;
}
