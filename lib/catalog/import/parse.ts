// Entry point of the pure half of the importers: text in, ImportedDocument out, or an ImportError whose
// problems name the line and/or JSON pointer of each mistake. No I/O: external $refs are refused.
import { parseAsyncApi } from "./asyncapi";
import { parseBackstage } from "./backstage";
import { ImportError, importLimitsFromEnv, type ImportedDocument, type ImportLimits } from "./model";
import { parseOdcs } from "./odcs";
import { parseOpenApi } from "./openapi";
import { loadSource } from "./source";
import { isRecord, str } from "./util";

export type ParseOptions = { limits?: ImportLimits; systemSlug?: string };

export type DocumentFormat = ImportedDocument["format"];

/** Which importer a parsed value belongs to, or undefined when it is none of ours. */
export function detectFormat(value: unknown): DocumentFormat | undefined {
  if (!isRecord(value)) return undefined;
  if (value.openapi !== undefined || value.swagger !== undefined) return "OPENAPI";
  if (value.asyncapi !== undefined) return "ASYNCAPI";
  const apiVersion = str(value.apiVersion) ?? "";
  if (apiVersion.startsWith("backstage.io/")) return "BACKSTAGE";
  if (/^v3\./.test(apiVersion) && value.kind === "DataContract") return "ODCS";
  return undefined;
}

/**
 * Parses one file. Returns exactly one ImportedDocument per file (a multi-document Backstage file becomes
 * one document holding all its entities), as an array so that callers can treat files and bundles alike.
 * Only Backstage files may hold several YAML documents.
 */
export async function parseDocument(fileName: string, text: string, options: ParseOptions = {}): Promise<ImportedDocument[]> {
  const limits = options.limits ?? importLimitsFromEnv();
  const source = loadSource(fileName, text, limits);
  const values = source.values.filter((v) => v !== null && v !== undefined);
  if (values.length === 0) throw new ImportError([{ message: "document is empty" }]);
  const format = detectFormat(values[0]);
  if (!format) {
    throw new ImportError([
      source.at("", "unrecognised document: expected an OpenAPI (openapi/swagger key), AsyncAPI (asyncapi key), Backstage (apiVersion backstage.io/...) or ODCS v3 (kind DataContract) document"),
    ]);
  }
  if (format !== "BACKSTAGE" && source.values.length > 1) {
    throw new ImportError([{ ...source.locate("", 1), message: `only Backstage files may hold several YAML documents; this ${format} file has ${source.values.length}` }]);
  }
  const empty = { domains: [], systems: [], flows: [] };
  switch (format) {
    case "OPENAPI":
      return [{ format, ...empty, interfaces: [await parseOpenApi(values[0], source, { limits, systemSlug: options.systemSlug })] }];
    case "ASYNCAPI":
      return [{ format, ...empty, interfaces: [await parseAsyncApi(values[0], source, { limits, systemSlug: options.systemSlug })] }];
    case "ODCS":
      return [parseOdcs(values[0], source, { limits, systemSlug: options.systemSlug })];
    case "BACKSTAGE":
      return [await parseBackstage(source, { limits, systemSlug: options.systemSlug })];
  }
}
