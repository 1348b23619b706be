// Shared by the importer tests: read a fixture and parse it with default limits.
import { readFileSync } from "node:fs";
import path from "node:path";
import type { ImportedDocument, ImportedElement, ImportedInterface, ImportLimits } from "./model";
import { parseDocument } from "./parse";

export const testLimits: ImportLimits = { maxBytes: 20 * 1024 * 1024, maxAliases: 100, maxRefDepth: 64, maxDepth: 200 };

export function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, "fixtures", name), "utf8");
}

export async function parseFixture(name: string, systemSlug?: string): Promise<ImportedDocument> {
  const [doc] = await parseDocument(name, fixture(name), { limits: testLimits, systemSlug });
  return doc;
}

export function element(iface: ImportedInterface, kind: ImportedElement["kind"], name: string): ImportedElement {
  const found = iface.elements.find((e) => e.kind === kind && e.name === name);
  if (!found) throw new Error(`no ${kind} ${name} in ${iface.elements.map((e) => `${e.kind} ${e.name}`).join(", ")}`);
  return found;
}

/** "path type required" lines, easy to compare as a table. */
export function fieldTable(e: ImportedElement): string[] {
  return e.fields.map((f) => `${f.path} ${f.type ?? "?"}${f.required ? " required" : ""}`);
}
