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

/** A small OpenAPI-like document as a parser would hand it over; `key` keeps tests from sharing interfaces. */
export function openApiDoc(key: string, overrides: Partial<ImportedInterface> = {}): ImportedDocument {
  return {
    format: "OPENAPI",
    domains: [],
    systems: [],
    flows: [],
    interfaces: [
      {
        sourceKey: `openapi:${key}`,
        name: `${key} API`,
        description: "Moves money between accounts",
        kind: "API",
        protocol: "HTTP",
        style: "REQUEST_RESPONSE",
        specFormat: "OPENAPI",
        version: "1.0.0",
        tags: ["payments"],
        systemSlug: `${key}-service`,
        systemName: `${key} service`,
        spec: `openapi: 3.1.0\ninfo: { title: ${key}, version: 1.0.0 }\n`,
        elements: [
          {
            kind: "OPERATION",
            name: "GET /payments/{id}",
            method: "GET",
            path: "/payments/{id}",
            details: { note: 'quotes " and \\ backslashes, {braces} and [brackets]', codes: [200, 404] },
            fields: [
              { path: "Payment.amount", name: "amount", type: "number", required: true },
              { path: "Payment.payerEmail", name: "payerEmail", type: "string", format: "email", required: false },
            ],
          },
          { kind: "SCHEMA", name: "Payment", fields: [] },
        ],
        ...overrides,
      },
    ],
  };
}
