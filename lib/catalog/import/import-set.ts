// The pure half of an import: the texts of every file of one import set in, plain data out (no database, no
// network, no logging), so it can run in a worker. Files are resolved together: relative $refs between
// OpenAPI/AsyncAPI files are bundled, Backstage entities of all files form one catalog, `$text` definitions
// read other files of the set, and files that only serve others (shared fragments, definitions) are said to be.
import { stringify } from "yaml";
import { parseAsyncApi } from "./asyncapi";
import { parseBackstageSet, type BackstageFile } from "./backstage";
import { BUNDLE_KEY, bundleRefs } from "./bundle";
import { ImportError, type ImportedDocument, type ImportedInterface, type ImportLimits } from "./model";
import { parseOdcs } from "./odcs";
import { parseOpenApi } from "./openapi";
import { detectFormat, type DocumentFormat } from "./parse";
import { normalizeSourcePath } from "./persist-rules";
import { loadSource, type Source } from "./source";
import { asRecord, isRecord, str } from "./util";

export type SetFile = { name: string; content: string };
/** What the importer chose for documents that name no owner team, system or domain (slugs). */
export type SetDefaults = { teamSlug?: string; systemSlug?: string; domainSlug?: string };
export type ParseSetOptions = { limits: ImportLimits; defaults?: SetDefaults };

export type ParsedFile =
  | { file: string; status: "document"; documents: ImportedDocument[] }
  /** A Backstage file: its entities are in ParsedImportSet.catalog. */
  | { file: string; status: "catalog" }
  /** A fragment or definition other files of the set use; nothing of its own to import. */
  | { file: string; status: "used"; note: string }
  | { file: string; status: "failed"; error: string; crash?: string };

export type ParsedImportSet = { files: ParsedFile[]; catalog?: ImportedDocument };

type Loaded = { name: string; source?: Source; format?: DocumentFormat; error?: ParsedFile };

function failure(file: string, error: unknown): ParsedFile {
  if (error instanceof ImportError) return { file, status: "failed", error: error.message };
  return { file, status: "failed", error: "The document could not be read (unexpected parser error)", crash: error instanceof Error ? (error.stack ?? error.message) : String(error) };
}

/** The identity of an imported document: an explicit x-interchange-id, else its path in the import. */
function identify(iface: ImportedInterface, root: unknown, file: string): ImportedInterface {
  const info = asRecord(asRecord(root).info);
  const explicit = str(asRecord(root)["x-interchange-id"]) ?? str(info["x-interchange-id"]);
  return { ...iface, legacySourceKey: iface.sourceKey, sourceKey: explicit ? `id:${explicit}` : `file:${file}`, file, origin: file };
}

export function applyDefaults(doc: ImportedDocument, defaults: SetDefaults | undefined): ImportedDocument {
  if (!defaults) return doc;
  const { teamSlug, domainSlug } = defaults;
  return {
    ...doc,
    domains: doc.domains.map((d) => ({ ...d, ownerTeamSlug: d.ownerTeamSlug ?? teamSlug })),
    systems: doc.systems.map((s) => ({ ...s, ownerTeamSlug: s.ownerTeamSlug ?? teamSlug, domainSlug: s.domainSlug ?? domainSlug })),
    interfaces: doc.interfaces.map((i) => ({ ...i, ownerTeamSlug: i.ownerTeamSlug ?? teamSlug, domainSlug: i.domainSlug ?? domainSlug })),
  };
}

async function parseSpec(l: Loaded, valueOf: (name: string) => unknown, options: ParseSetOptions, referenced: Set<string>): Promise<ImportedDocument[]> {
  const source = l.source!;
  if (source.values.length > 1) throw new ImportError([{ ...source.locate("", 1), message: `only Backstage files may hold several YAML documents; this ${l.format} file has ${source.values.length}` }]);
  const value = source.values[0];
  const opts = { limits: options.limits, systemSlug: options.defaults?.systemSlug };
  if (l.format === "ODCS") {
    const doc = parseOdcs(value, source, opts);
    return [{ ...doc, interfaces: doc.interfaces.map((i) => identify(i, value, l.name)) }];
  }
  const bundle = bundleRefs(value, l.name, valueOf, (pointer, message) => source.at(pointer, message));
  bundle.referenced.forEach((f) => referenced.add(f));
  const parse = l.format === "OPENAPI" ? parseOpenApi : parseAsyncApi;
  const parsed = await parse(bundle.root, source, opts);
  // A bundled document is stored whole, so that its versions can be compared without the other files.
  const spec = isRecord(bundle.root) && bundle.root[BUNDLE_KEY] ? stringify(bundle.root, { lineWidth: 0, aliasDuplicateObjects: false }) : parsed.spec;
  return [{ format: l.format as "OPENAPI" | "ASYNCAPI", domains: [], systems: [], flows: [], interfaces: [{ ...identify(parsed, value, l.name), spec }] }];
}

export async function parseImportSet(files: SetFile[], options: ParseSetOptions): Promise<ParsedImportSet> {
  const loaded: Loaded[] = files.map(({ name: raw, content }) => {
    const name = normalizeSourcePath(raw);
    if (Buffer.byteLength(content) > options.limits.maxBytes) return { name, error: { file: raw, status: "failed", error: `The file is larger than the import limit of ${options.limits.maxBytes} bytes` } };
    try {
      const source = loadSource(name, content, options.limits);
      const values = source.values.filter((v) => v !== null && v !== undefined);
      if (values.length === 0) return { name, error: { file: raw, status: "failed", error: "document is empty" } };
      return { name, source, format: detectFormat(values[0]) };
    } catch (error) {
      return { name, error: failure(raw, error) };
    }
  });
  const byName = new Map(loaded.map((l) => [l.name, l]));
  const valueOf = (name: string) => byName.get(name)?.source?.values[0] ?? undefined;
  const textOf = (name: string) => byName.get(name)?.source?.text;
  const results = new Map<Loaded, ParsedFile>();
  const referenced = new Set<string>();

  const backstage = loaded.filter((l) => l.format === "BACKSTAGE");
  let catalog: ImportedDocument | undefined;
  const definitions = new Map<string, string>();
  if (backstage.length) {
    try {
      const set = await parseBackstageSet(backstage.map((l): BackstageFile => ({ name: l.name, source: l.source! })), textOf, { limits: options.limits, systemSlug: options.defaults?.systemSlug });
      for (const l of backstage) {
        const error = set.failed.get(l.name);
        results.set(l, error ? failure(l.name, error) : { file: l.name, status: "catalog" });
      }
      set.definitionFiles.forEach((entity, file) => definitions.set(file, entity));
      catalog = applyDefaults(set.document, options.defaults);
    } catch (error) {
      for (const l of backstage) results.set(l, failure(l.name, error));
    }
  }
  for (const l of loaded) {
    if (l.error) results.set(l, l.error);
    else if (definitions.has(l.name)) results.set(l, { file: l.name, status: "used", note: `Imported as the definition of ${definitions.get(l.name)}` });
    else if (l.format && l.format !== "BACKSTAGE") {
      try {
        results.set(l, { file: l.name, status: "document", documents: (await parseSpec(l, valueOf, options, referenced)).map((d) => applyDefaults(d, options.defaults)) });
      } catch (error) {
        results.set(l, failure(l.name, error));
      }
    }
  }
  for (const l of loaded) {
    if (results.has(l)) continue;
    results.set(
      l,
      referenced.has(l.name)
        ? { file: l.name, status: "used", note: "A shared fragment the other documents refer to; nothing to import on its own" }
        : failure(l.name, new ImportError([l.source!.at("", "unrecognised document: expected an OpenAPI (openapi/swagger key), AsyncAPI (asyncapi key), Backstage (apiVersion backstage.io/...) or ODCS v3 (kind DataContract) document")])),
    );
  }
  return { files: loaded.map((l) => results.get(l)!), catalog };
}
