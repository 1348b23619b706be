// Backstage catalog-info.yaml (one or more YAML documents) -> domains, systems, interfaces and flows.
// Domain and System entities map directly; an API entity becomes an interface (its inline spec.definition
// parsed by the OpenAPI or AsyncAPI importer); a Component's providesApis sets the providing system and
// its consumesApis become flows. Other kinds (Group, User, Resource, Location...) are ignored.
import { parseAsyncApi } from "./asyncapi";
import { ImportError, type ImportLimits, type ImportedDocument, type ImportedInterface, type ImportedSystem, type ImportProblem } from "./model";
import { clean } from "./openapi";
import { parseOpenApi } from "./openapi";
import { loadSource, type Source } from "./source";
import { asArray, asRecord, isRecord, Problems, slugify, str, type Json } from "./util";

export type BackstageOptions = { limits: ImportLimits; systemSlug?: string };

type EntityRef = { kind?: string; namespace: string; name: string };

/** "api:default/payments", "default/payments" or "payments" (kind and namespace are optional). */
export function parseEntityRef(ref: string, defaultKind?: string): EntityRef {
  const m = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref.trim());
  return { kind: (m?.[1] ?? defaultKind)?.toLowerCase(), namespace: m?.[2] ?? "default", name: m?.[3] ?? ref };
}

const apiKey = (ref: EntityRef) => `backstage:api:${ref.namespace}/${ref.name}`;
const refSlug = (ref: string | undefined) => (ref ? slugify(parseEntityRef(ref).name) : undefined);

type Entity = { doc: number; kind: string; name: string; namespace: string; metadata: Json; spec: Json };

export async function parseBackstage(source: Source, options: BackstageOptions): Promise<ImportedDocument> {
  const problems = new Problems();
  const entities: Entity[] = [];
  source.values.forEach((value, doc) => {
    if (value === null || value === undefined) return;
    const e = asRecord(value);
    if (!str(e.apiVersion)?.startsWith("backstage.io/")) return problems.add(source.at("/apiVersion", "not a Backstage entity: apiVersion must start with backstage.io/", doc));
    const metadata = asRecord(e.metadata);
    const name = str(metadata.name);
    if (typeof e.kind !== "string") return problems.add(source.at("/kind", "entity has no kind", doc));
    if (!name) return problems.add(source.at("/metadata", "entity has no metadata.name", doc));
    entities.push({ doc, kind: e.kind.toLowerCase(), name, namespace: str(metadata.namespace) ?? "default", metadata, spec: asRecord(e.spec) });
  });
  problems.throwIfAny();

  const result: ImportedDocument = { format: "BACKSTAGE", domains: [], systems: [], interfaces: [], flows: [] };
  // Which system provides each API, from the components' providesApis.
  const providers = new Map<string, string>();
  const componentSystem = (c: Entity) => refSlug(str(c.spec.system)) ?? slugify(c.name);
  for (const e of entities) {
    const owner = refSlug(str(e.spec.owner));
    const title = str(e.metadata.title) ?? e.name;
    const description = str(e.metadata.description);
    if (e.kind === "domain") result.domains.push(clean({ slug: slugify(e.name), name: title, description, ownerTeamSlug: owner }));
    if (e.kind === "system") result.systems.push(clean({ slug: slugify(e.name), name: title, description, domainSlug: refSlug(str(e.spec.domain)), ownerTeamSlug: owner }));
    if (e.kind === "component") {
      const system = componentSystem(e);
      // A component outside any system stands for its own system, so its APIs and flows have an end.
      if (!e.spec.system) result.systems.push(clean<ImportedSystem>({ slug: system, name: title, description, ownerTeamSlug: owner }));
      for (const ref of asArray(e.spec.providesApis).map(String)) providers.set(apiKey(parseEntityRef(ref, "api")), system);
      for (const ref of asArray(e.spec.consumesApis).map(String)) result.flows.push({ interfaceSourceKey: apiKey(parseEntityRef(ref, "api")), consumerSystemSlug: system });
    }
  }
  for (const e of entities.filter((x) => x.kind === "api")) {
    try {
      result.interfaces.push(await apiInterface(e, source, options, providers));
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      error.problems.forEach((p) => problems.add(p));
    }
  }
  problems.throwIfAny();
  return result;
}

const OTHER_TYPES: Record<string, Pick<ImportedInterface, "protocol" | "specFormat">> = {
  grpc: { protocol: "GRPC", specFormat: "PROTOBUF" },
  graphql: { protocol: "GRAPHQL", specFormat: "GRAPHQL" },
};

async function apiInterface(e: Entity, source: Source, options: BackstageOptions, providers: Map<string, string>): Promise<ImportedInterface> {
  const key = apiKey({ namespace: e.namespace, name: e.name });
  const type = (str(e.spec.type) ?? "").toLowerCase();
  const definition = e.spec.definition;
  if (isRecord(definition)) {
    const placeholder = Object.keys(definition).find((k) => k.startsWith("$"));
    const target = placeholder ? str(definition[placeholder]) : undefined;
    throw new ImportError([
      source.at(
        `/spec/definition${placeholder ? "/" + placeholder : ""}`,
        placeholder
          ? `spec.definition uses the ${placeholder} placeholder (${target ?? "?"}): imports never fetch files or URLs; inline the definition`
          : "spec.definition must be the definition text",
        e.doc,
      ),
    ]);
  }
  const text = str(definition) ?? "";
  let parsed: ImportedInterface | undefined;
  if ((type === "openapi" || type === "asyncapi") && text.trim()) parsed = await parseDefinition(type, text, source, e.doc, options);
  const lifecycle = str(e.spec.lifecycle) === "deprecated" ? "DEPRECATED" : parsed?.lifecycle;
  const systemSlug = refSlug(str(e.spec.system)) ?? providers.get(key) ?? options.systemSlug ?? slugify(e.name);
  const base: ImportedInterface = parsed ?? {
    sourceKey: key,
    name: e.name,
    kind: "API",
    protocol: OTHER_TYPES[type]?.protocol ?? "OTHER",
    style: "REQUEST_RESPONSE",
    specFormat: OTHER_TYPES[type]?.specFormat ?? "NONE",
    version: "",
    tags: [],
    systemSlug,
    spec: text,
    elements: [],
  };
  const tags = [...new Set([...asArray(e.metadata.tags).map(String), ...base.tags])];
  const { systemName: _systemName, ...rest } = base;
  return clean({
    ...rest,
    sourceKey: key,
    name: str(e.metadata.title) ?? e.name,
    description: str(e.metadata.description) ?? base.description,
    tags,
    systemSlug,
    ownerTeamSlug: refSlug(str(e.spec.owner)) ?? base.ownerTeamSlug,
    lifecycle,
    spec: text,
  });
}

/**
 * Parses an inline definition with the OpenAPI or AsyncAPI importer. Its problems are moved into the
 * outer file: the line is offset by the line of `definition:` (right for the usual block scalar `|`), and
 * the pointer is the outer pointer followed by the pointer inside the definition.
 */
async function parseDefinition(type: "openapi" | "asyncapi", text: string, outer: Source, doc: number, options: BackstageOptions): Promise<ImportedInterface> {
  const base = `/spec/definition`;
  const at = outer.locate(base, doc);
  const move = (p: ImportProblem): ImportProblem =>
    clean({ ...p, message: `spec.definition: ${p.message}`, pointer: p.pointer !== undefined ? base + (p.pointer === "/" ? "" : p.pointer) : base, line: p.line !== undefined && at ? at.line + p.line : at?.line, column: p.line !== undefined ? p.column : at?.column });
  try {
    const inner = loadSource(`definition.${/^\s*[{[]/.test(text) ? "json" : "yaml"}`, text, options.limits);
    const value = inner.values[0];
    const expected = type === "openapi" ? isRecord(value) && (value.openapi !== undefined || value.swagger !== undefined) : isRecord(value) && value.asyncapi !== undefined;
    if (!expected) throw new ImportError([{ message: `spec.type is ${type} but the definition is not an ${type === "openapi" ? "OpenAPI" : "AsyncAPI"} document`, pointer: "/" }]);
    const opts = { limits: options.limits, systemSlug: options.systemSlug };
    return type === "openapi" ? await parseOpenApi(value, inner, opts) : await parseAsyncApi(value, inner, opts);
  } catch (error) {
    if (error instanceof ImportError) throw new ImportError(error.problems.map(move));
    throw error;
  }
}
