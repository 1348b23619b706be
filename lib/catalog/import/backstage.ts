// Backstage catalog files -> domains, systems, teams, interfaces and flows. All entities of an import set are
// resolved together, whatever file and order they come in, as Backstage itself does: Domain and System map
// directly; Group becomes a team (User entities only name its members); API and Resource become interfaces;
// a Component stands for its system (its own when it names none), its providesApis give an API its system,
// its consumesApis and dependsOn become flows. `definition: {$text|$json|$yaml: path}` reads another file of
// the set; a URL is never fetched (the API is catalogued without a definition) and a path outside the set is
// refused. A Location's targets are only checked against the set.
import { resolveInSet } from "./bundle";
import { definitionInterface, type DefinitionResult } from "./backstage-definition";
import { ImportError, type ImportLimits, type ImportedDocument, type ImportedInterface, type ImportedSystem, type ImportedTeam } from "./model";
import { clean } from "./openapi";
import type { Source } from "./source";
import { asArray, asRecord, Problems, slugify, str, type Json } from "./util";

export type BackstageOptions = { limits: ImportLimits; systemSlug?: string };
export type BackstageFile = { name: string; source: Source };
export type BackstageSetResult = { document: ImportedDocument; failed: Map<string, ImportError>; definitionFiles: Map<string, string> };

type EntityRef = { kind?: string; namespace: string; name: string };

/** "api:default/payments", "default/payments" or "payments" (kind and namespace are optional). */
export function parseEntityRef(ref: string, defaultKind?: string): EntityRef {
  const m = /^(?:([^:/]+):)?(?:([^/]+)\/)?(.+)$/.exec(ref.trim());
  return { kind: (m?.[1] ?? defaultKind)?.toLowerCase(), namespace: m?.[2] ?? "default", name: m?.[3] ?? ref };
}

const refString = (r: EntityRef) => `${r.kind}:${r.namespace}/${r.name}`;
const interfaceKey = (kind: string, r: EntityRef) => `backstage:${kind}:${r.namespace}/${r.name}`;

export type Entity = { file: string; doc: number; kind: string; name: string; namespace: string; metadata: Json; spec: Json; ref: string };

function readEntities(file: BackstageFile, problems: Problems): Entity[] {
  const entities: Entity[] = [];
  const { source } = file;
  source.values.forEach((value, doc) => {
    if (value === null || value === undefined) return;
    const e = asRecord(value);
    if (!str(e.apiVersion)?.startsWith("backstage.io/")) return problems.add(source.at("/apiVersion", "not a Backstage entity: apiVersion must start with backstage.io/", doc));
    const metadata = asRecord(e.metadata);
    const name = str(metadata.name);
    if (typeof e.kind !== "string") return problems.add(source.at("/kind", "entity has no kind", doc));
    if (!name) return problems.add(source.at("/metadata", "entity has no metadata.name", doc));
    const kind = e.kind.toLowerCase();
    const namespace = str(metadata.namespace) ?? "default";
    entities.push({ file: file.name, doc, kind, name, namespace, metadata, spec: asRecord(e.spec), ref: `${kind}:${namespace}/${name}` });
  });
  return entities;
}

/** Parses one file on its own (its references to other files fail as outside the set). */
export async function parseBackstage(source: Source, options: BackstageOptions, fileName = "catalog-info.yaml"): Promise<ImportedDocument> {
  const { document, failed } = await parseBackstageSet([{ name: fileName, source }], () => undefined, options);
  const error = failed.get(fileName);
  if (error) throw error;
  return document;
}

/**
 * Resolves the entities of several files together. A file with a bad entity fails on its own (`failed`) and its
 * entities are left out; references that name nothing are warnings naming the file. `textOf` gives the text of
 * another file of the set, for `$text` definitions; `definitionFiles` says which files were read that way.
 */
export async function parseBackstageSet(files: BackstageFile[], textOf: (name: string) => string | undefined, options: BackstageOptions): Promise<BackstageSetResult> {
  const failed = new Map<string, ImportError>();
  const definitionFiles = new Map<string, string>();
  const all: Entity[] = [];
  for (const file of files) {
    const problems = new Problems();
    const entities = readEntities(file, problems);
    if (problems.list.length) failed.set(file.name, new ImportError(problems.list));
    else all.push(...entities);
  }
  // Definitions first: a file whose definition cannot be read fails as a whole, before anything refers to it.
  const definitions = new Map<Entity, DefinitionResult>();
  for (const e of all.filter((x) => x.kind === "api")) {
    const file = files.find((f) => f.name === e.file)!;
    try {
      const result = await definitionInterface(e, file, textOf, options);
      definitions.set(e, result);
      if (result.file) definitionFiles.set(result.file, e.ref);
    } catch (error) {
      if (!(error instanceof ImportError)) throw error;
      const previous = failed.get(e.file)?.problems ?? [];
      failed.set(e.file, new ImportError([...previous, ...error.problems]));
    }
  }
  const entities = all.filter((e) => !failed.has(e.file));
  return { document: resolveEntities(entities, definitions, options), failed, definitionFiles };
}

function resolveEntities(entities: Entity[], definitions: Map<Entity, DefinitionResult>, options: BackstageOptions): ImportedDocument {
  const warnings: string[] = [];
  const warn = (e: Entity, message: string) => warnings.push(`${e.file}: ${e.ref}: ${message}`);
  const byRef = new Map(entities.map((e) => [e.ref, e]));
  const find = (raw: string, defaultKind: string, e: Entity) => {
    const r = parseEntityRef(raw, defaultKind);
    return { r, entity: byRef.get(refString({ ...r, namespace: raw.includes("/") ? r.namespace : e.namespace })) ?? byRef.get(refString(r)) };
  };
  const users = entities.filter((e) => e.kind === "user");
  const groupsOf = (user: Entity) => asArray(user.spec.memberOf).map((m) => parseEntityRef(String(m), "group").name);

  const ownerOf = (e: Entity): string | undefined => {
    const raw = str(e.spec.owner);
    if (!raw) return undefined;
    const { r, entity } = find(raw, "group", e);
    if (r.kind === "group") return slugify(r.name);
    if (r.kind === "user") {
      // Interchange owners are teams: a user owner stands for the one team the user belongs to.
      const teams = entity ? groupsOf(entity) : [];
      if (teams.length === 1) {
        warn(e, `owner ${raw} is a user; the entity is owned by the user's team ${teams[0]}`);
        return slugify(teams[0]);
      }
      warn(e, entity ? `owner ${raw} is a user in ${teams.length} teams; imported without an owner team` : `owner ${raw} is a user that is not in these files; imported without an owner team`);
      return undefined;
    }
    warn(e, `owner ${raw} is not a group; imported without an owner team`);
    return undefined;
  };

  const result: ImportedDocument = { format: "BACKSTAGE", domains: [], systems: [], interfaces: [], flows: [], teams: [], warnings };
  const origin = (e: Entity) => `${e.ref} in ${e.file}`;

  // Which system a component stands for: its own spec.system, its parent component's, or itself.
  const componentSystem = (c: Entity, seen = new Set<Entity>()): string => {
    const system = str(c.spec.system);
    if (system) return slugify(parseEntityRef(system).name);
    const parent = str(c.spec.subcomponentOf);
    const parentEntity = parent ? find(parent, "component", c).entity : undefined;
    if (parentEntity && !seen.has(parentEntity)) return componentSystem(parentEntity, seen.add(c));
    return options.systemSlug ?? slugify(c.name);
  };

  const providers = new Map<string, string>();
  for (const e of entities) {
    const title = str(e.metadata.title) ?? e.name;
    const description = str(e.metadata.description);
    if (e.kind === "group") {
      const profile = asRecord(e.spec.profile);
      const members = new Map<string, { email?: string; name: string }>();
      const memberEntities = [
        ...asArray(e.spec.members).map((m) => find(String(m), "user", e).entity).filter((u): u is Entity => !!u),
        ...users.filter((u) => groupsOf(u).includes(e.name)),
      ];
      for (const u of memberEntities) {
        const p = asRecord(u.spec.profile);
        members.set(u.ref, clean({ email: str(p.email), name: str(p.displayName)?.trim() || u.name }));
      }
      const parent = str(e.spec.parent);
      result.teams!.push(clean<ImportedTeam>({ slug: slugify(e.name), name: str(profile.displayName) ?? title, description, email: str(profile.email), parentSlug: parent ? slugify(parseEntityRef(parent).name) : undefined, members: [...members.values()], origin: origin(e) }));
    }
    if (e.kind === "domain") result.domains.push(clean({ slug: slugify(e.name), name: title, description, ownerTeamSlug: ownerOf(e), origin: origin(e) }));
    if (e.kind === "system") {
      const domain = str(e.spec.domain);
      result.systems.push(clean<ImportedSystem>({ slug: slugify(e.name), name: title, description, domainSlug: domain ? slugify(parseEntityRef(domain).name) : undefined, ownerTeamSlug: ownerOf(e), declared: true, origin: origin(e) }));
    }
    if (e.kind === "component") componentRelations(e);
    if (e.kind === "location") checkLocation(e);
    if (!["group", "user", "domain", "system", "component", "api", "resource", "location"].includes(e.kind)) warn(e, `kind ${e.kind} has no place in the catalog; skipped`);
  }

  function componentRelations(c: Entity) {
    const system = componentSystem(c);
    if (!str(c.spec.system) && system === slugify(c.name)) {
      // A component outside any system stands for its own system, so its APIs and flows have an end.
      result.systems.push(clean<ImportedSystem>({ slug: system, name: str(c.metadata.title) ?? c.name, description: str(c.metadata.description), ownerTeamSlug: ownerOf(c), origin: origin(c) }));
    }
    for (const raw of asArray(c.spec.providesApis).map(String)) {
      const { r, entity } = find(raw, "api", c);
      if (r.kind !== "api") warn(c, `providesApis ${raw} refers to a ${r.kind}, not an API; skipped`);
      else if (!entity) warn(c, `providesApis ${raw}: no API of that name in the imported files; skipped`);
      else providers.set(entity.ref, system);
    }
    for (const raw of asArray(c.spec.consumesApis).map(String)) {
      const { r, entity } = find(raw, "api", c);
      if (r.kind !== "api") warn(c, `consumesApis ${raw} refers to a ${r.kind}, not an API; skipped`);
      else result.flows.push({ interfaceSourceKey: interfaceKey("api", entity ? parseEntityRef(entity.ref) : r), consumerSystemSlug: system, origin: `${c.file}: ${c.ref}: consumesApis ${raw}` });
    }
    for (const raw of asArray(c.spec.dependsOn).map(String)) {
      const { r, entity } = find(raw, "component", c);
      // A component depending on a resource consumes it; component-to-component dependencies have no flow of their own.
      if (r.kind === "resource") result.flows.push({ interfaceSourceKey: interfaceKey("resource", entity ? parseEntityRef(entity.ref) : r), consumerSystemSlug: system, origin: `${c.file}: ${c.ref}: dependsOn ${raw}` });
    }
  }

  function checkLocation(l: Entity) {
    const targets = [str(l.spec.target), ...asArray(l.spec.targets).map(String)].filter((t): t is string => !!t);
    for (const target of targets) {
      const inSet = /^[a-z][a-z0-9+.-]*:/i.test(target) ? undefined : resolveInSet(l.file, target);
      if (inSet === undefined || !entities.some((e) => e.file === inSet)) warn(l, `location target ${target} is not among the imported files (nothing is fetched); import it with this folder`);
    }
  }

  for (const e of entities.filter((x) => x.kind === "api" && definitions.has(x))) {
    const { parsed, text, unavailable } = definitions.get(e)!;
    if (unavailable) warn(e, unavailable);
    const systemSlug = str(e.spec.system) ? slugify(parseEntityRef(str(e.spec.system)!).name) : (providers.get(e.ref) ?? options.systemSlug ?? slugify(e.name));
    result.interfaces.push(apiInterface(e, parsed, text, systemSlug, ownerOf(e), origin(e)));
  }
  for (const e of entities.filter((x) => x.kind === "resource")) result.interfaces.push(resourceInterface(e, ownerOf(e), options, origin(e)));
  return result;
}

const OTHER_TYPES: Record<string, Pick<ImportedInterface, "protocol" | "specFormat">> = {
  grpc: { protocol: "GRPC", specFormat: "PROTOBUF" },
  graphql: { protocol: "GRAPHQL", specFormat: "GRAPHQL" },
};

function apiInterface(e: Entity, parsed: ImportedInterface | undefined, text: string, systemSlug: string, ownerTeamSlug: string | undefined, origin: string): ImportedInterface {
  const type = (str(e.spec.type) ?? "").toLowerCase();
  const base: ImportedInterface = parsed ?? {
    sourceKey: "",
    name: e.name,
    kind: "API",
    protocol: OTHER_TYPES[type]?.protocol ?? (type === "asyncapi" ? "OTHER" : "HTTP"),
    style: type === "asyncapi" ? "EVENT" : "REQUEST_RESPONSE",
    specFormat: OTHER_TYPES[type]?.specFormat ?? "NONE",
    version: "",
    tags: [],
    systemSlug,
    spec: text,
    elements: [],
  };
  if (!parsed && type === "asyncapi") base.kind = "EVENT";
  const tags = [...new Set([...asArray(e.metadata.tags).map(String), ...base.tags])];
  const { systemName: _systemName, ...rest } = base;
  return clean({
    ...rest,
    sourceKey: interfaceKey("api", e),
    name: str(e.metadata.title) ?? e.name,
    description: str(e.metadata.description) ?? base.description,
    tags,
    systemSlug,
    ownerTeamSlug: ownerTeamSlug ?? base.ownerTeamSlug,
    lifecycle: str(e.spec.lifecycle) === "deprecated" ? "DEPRECATED" : parsed?.lifecycle,
    spec: text,
    origin,
    file: e.file,
  });
}

const RESOURCE_SHAPES: Record<string, Pick<ImportedInterface, "kind" | "protocol" | "style">> = {
  database: { kind: "DATABASE", protocol: "JDBC", style: "BATCH" },
  topic: { kind: "EVENT", protocol: "OTHER", style: "EVENT" },
  queue: { kind: "EVENT", protocol: "OTHER", style: "EVENT" },
};

/** A Resource (database, bucket, topic...) is an interface its system provides and dependsOn consumes. */
function resourceInterface(e: Entity, ownerTeamSlug: string | undefined, options: BackstageOptions, origin: string): ImportedInterface {
  const system = str(e.spec.system);
  return clean({
    sourceKey: interfaceKey("resource", e),
    name: str(e.metadata.title) ?? e.name,
    description: str(e.metadata.description),
    ...(RESOURCE_SHAPES[(str(e.spec.type) ?? "").toLowerCase()] ?? { kind: "FILE", protocol: "OTHER", style: "BATCH" }),
    specFormat: "NONE",
    version: "",
    tags: [...new Set([...asArray(e.metadata.tags).map(String), ...(str(e.spec.type) ? [`resource:${str(e.spec.type)}`] : [])])],
    systemSlug: system ? slugify(parseEntityRef(system).name) : (options.systemSlug ?? slugify(e.name)),
    ownerTeamSlug,
    spec: "",
    elements: [],
    origin,
    file: e.file,
  });
}
