// First phase of an import: read what already exists and decide who owns what, then check every permission.
// Nothing is written here, so a refused import leaves no trace even before the transaction rolls back.
import { AppError } from "@/lib/api/errors";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import type { Prisma } from "@/lib/db/generated/client";
import type { ImportedDocument, ImportedDomain, ImportedSystem } from "./model";
import { prepareTeams } from "./persist-teams";

type Tx = Prisma.TransactionClient;

export type PlannedDomain = { slug: string; id: string | null; ownerTeamId: string | null; entry: ImportedDomain };
export type PlannedSystem = {
  slug: string;
  id: string | null;
  ownerTeamId: string | null;
  domainId?: string | null;
  domainSlug?: string;
  entry: ImportedSystem;
  /** An existing system a System entity now describes differently: what to change. */
  update?: { name: string; description: string | null; ownerTeamId: string | null; domainSlug: string | null; before: Record<string, unknown> };
};

const interfaceSelect = {
  id: true,
  slug: true,
  name: true,
  description: true,
  kind: true,
  protocol: true,
  style: true,
  specFormat: true,
  lifecycle: true,
  tags: true,
  systemId: true,
  ownerTeamId: true,
  sourceKey: true,
  sourcePath: true,
  versions: { select: { version: true, specHash: true }, orderBy: { createdAt: "desc" } },
} satisfies Prisma.InterfaceSelect;
export type ExistingInterface = Prisma.InterfaceGetPayload<{ select: typeof interfaceSelect }>;

export type ImportPlan = {
  teamIdBySlug: Map<string, string>;
  domains: Map<string, PlannedDomain>;
  systems: Map<string, PlannedSystem>;
  /** Existing interfaces by sourceKey: those the document imports and those its flows point at. */
  interfaces: Map<string, ExistingInterface>;
  /** The owner team each imported interface will have, by sourceKey. */
  ownerTeamIdBySourceKey: Map<string, string | null>;
  /** The document as it will be written: owners that name no team dropped, refused catalog entities left out. */
  doc: ImportedDocument;
  warnings: string[];
};

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];

/** requirePermission, with a message that names what the import would touch: a folder import reports it per file. */
export function authorize(ctx: Ctx, ownerTeamId: string | null, what: string, verb = "import"): void {
  try {
    requirePermission(ctx, "catalog.import", { ownerTeamId });
  } catch (error) {
    if (error instanceof AppError && error.code === "FORBIDDEN") {
      const why = ownerTeamId ? "it belongs to a team you are not a member of" : "it has no owner team, so only architects and admins may";
      throw new AppError("FORBIDDEN", `You may not ${verb} ${what}: ${why} (permission catalog.import)`);
    }
    throw error;
  }
}

const teamOf = (teams: Map<string, string>, slug: string | undefined) => (slug ? (teams.get(slug) ?? null) : null);

async function planDomains(tx: Tx, doc: ImportedDocument, teams: Map<string, string>) {
  const entries = new Map<string, ImportedDomain>();
  for (const slug of unique([...doc.systems.map((s) => s.domainSlug), ...doc.interfaces.map((i) => i.domainSlug)])) entries.set(slug, { slug, name: slug });
  for (const domain of doc.domains) entries.set(domain.slug, domain);
  const existing = entries.size ? await tx.domain.findMany({ where: { slug: { in: [...entries.keys()] } }, select: { id: true, slug: true, ownerTeamId: true } }) : [];
  const found = new Map(existing.map((d) => [d.slug, d]));
  const planned = new Map<string, PlannedDomain>();
  for (const [slug, entry] of entries) {
    const row = found.get(slug);
    planned.set(slug, { slug, entry, id: row?.id ?? null, ownerTeamId: row ? row.ownerTeamId : teamOf(teams, entry.ownerTeamSlug) });
  }
  return planned;
}

async function planSystems(tx: Tx, doc: ImportedDocument, teams: Map<string, string>) {
  const entries = new Map<string, ImportedSystem>();
  // A system named only by an interface or a flow gets what the interface says about it; an explicit entry wins.
  for (const flow of doc.flows) entries.set(flow.consumerSystemSlug, { slug: flow.consumerSystemSlug, name: flow.consumerSystemSlug });
  for (const i of doc.interfaces) {
    entries.set(i.systemSlug, { slug: i.systemSlug, name: i.systemName ?? i.systemSlug, domainSlug: i.domainSlug, ownerTeamSlug: i.ownerTeamSlug });
  }
  for (const system of doc.systems) entries.set(system.slug, system);
  const existing = await tx.system.findMany({
    where: { slug: { in: [...entries.keys()] } },
    select: { id: true, slug: true, name: true, description: true, ownerTeamId: true, domainId: true, domain: { select: { slug: true } } },
  });
  const found = new Map(existing.map((s) => [s.slug, s]));
  const planned = new Map<string, PlannedSystem>();
  for (const [slug, entry] of entries) {
    const row = found.get(slug);
    const system: PlannedSystem = {
      slug,
      entry,
      domainSlug: entry.domainSlug,
      id: row?.id ?? null,
      domainId: row?.domainId,
      ownerTeamId: row ? row.ownerTeamId : teamOf(teams, entry.ownerTeamSlug),
    };
    if (row && entry.declared) {
      // A System entity is the system's own description: it updates what an earlier import made up.
      const wanted = { name: entry.name, description: entry.description ?? null, ownerTeamId: teamOf(teams, entry.ownerTeamSlug) ?? row.ownerTeamId, domainSlug: entry.domainSlug ?? row.domain?.slug ?? null };
      const before = { name: row.name, description: row.description, ownerTeamId: row.ownerTeamId, domainSlug: row.domain?.slug ?? null };
      if (JSON.stringify(wanted) !== JSON.stringify(before)) system.update = { ...wanted, before };
    }
    planned.set(slug, system);
  }
  return planned;
}

/**
 * Reads everything the import touches and throws FORBIDDEN (or VALIDATION) before any row is written. A Backstage
 * catalog is lenient: an entity the importer may not write is reported and left out, and the rest imports.
 */
export async function planImport(tx: Tx, ctx: Ctx, input: ImportedDocument): Promise<ImportPlan> {
  const teams = await prepareTeams(tx, ctx, input);
  const warnings = [...teams.warnings];
  const teamIdBySlug = teams.teamIdBySlug;
  let doc = teams.document;
  const lenient = doc.format === "BACKSTAGE";
  const check = (ownerTeamId: string | null, what: string, origin: string | undefined, verb?: string): boolean => {
    try {
      authorize(ctx, ownerTeamId, what, verb);
      return true;
    } catch (error) {
      if (!lenient || !(error instanceof AppError) || error.code !== "FORBIDDEN") throw error;
      warnings.push(`${origin ? `${origin}: ` : ""}${error.message}; left out`);
      return false;
    }
  };
  const domains = await planDomains(tx, doc, teamIdBySlug);
  for (const domain of domains.values()) if (!domain.id && !check(domain.ownerTeamId, `the new domain "${domain.slug}"`, domain.entry.origin)) domains.delete(domain.slug);
  const systems = await planSystems(tx, doc, teamIdBySlug);
  for (const system of systems.values()) {
    const allowed = system.id ? !system.update || (check(system.ownerTeamId, `the system "${system.slug}"`, system.entry.origin, "update") && check(system.update.ownerTeamId, `the system "${system.slug}" into another owner team`, system.entry.origin, "move")) : check(system.ownerTeamId, `the new system "${system.slug}"`, system.entry.origin);
    if (!allowed && !system.id) systems.delete(system.slug);
    if (!allowed) system.update = undefined;
    if (system.domainSlug && !domains.has(system.domainSlug)) system.domainSlug = undefined;
  }
  doc = { ...doc, interfaces: doc.interfaces.filter((i) => systems.has(i.systemSlug)), flows: doc.flows.filter((f) => systems.has(f.consumerSystemSlug)) };

  const keys = unique([...doc.interfaces.map((i) => i.sourceKey), ...doc.flows.map((f) => f.interfaceSourceKey)]);
  // One query for the current keys and the old title keys (each a second round trip before).
  const candidates = await tx.interface.findMany({ where: { sourceKey: { in: unique([...keys, ...doc.interfaces.map((i) => i.legacySourceKey)]) } }, select: interfaceSelect });
  const wanted = new Set(keys);
  const interfaces = new Map(candidates.filter((row) => wanted.has(row.sourceKey!)).map((row) => [row.sourceKey!, row]));
  // Interfaces imported before identity followed the file are found by their old title key and adopted once.
  const legacy = doc.interfaces.filter((i) => !interfaces.has(i.sourceKey) && i.legacySourceKey);
  for (const imported of legacy) {
    const row = candidates.find((o) => o.sourceKey === imported.legacySourceKey);
    if (row && ![...interfaces.values()].includes(row)) interfaces.set(imported.sourceKey, row);
  }

  const ownerTeamIdBySourceKey = new Map<string, string | null>();
  const refused = new Set<string>();
  for (const imported of doc.interfaces) {
    const existing = interfaces.get(imported.sourceKey);
    const declared = teamOf(teamIdBySlug, imported.ownerTeamSlug);
    // An existing interface keeps its owner unless the document names one; a new one defaults to its system's.
    let owner = declared ?? (existing ? existing.ownerTeamId : (systems.get(imported.systemSlug)?.ownerTeamId ?? null));
    // Giving an existing interface to another team needs that team's consent (lib/catalog/transfers.ts).
    if (existing && owner !== existing.ownerTeamId && !can(ctx, "interface.transfer.accept", { ownerTeamId: owner })) {
      warnings.push(`${imported.origin ? `${imported.origin}: ` : ""}the interface "${existing.name}" keeps its owner team: another team takes it over only by accepting a transfer, asked for on the interface's page`);
      owner = existing.ownerTeamId;
    }
    const ok =
      (!existing || check(existing.ownerTeamId, `the interface "${existing.name}"`, imported.origin)) &&
      (existing && owner === existing.ownerTeamId ? true : check(owner, existing ? `the interface "${imported.name}" into another owner team` : `the new interface "${imported.name}"`, imported.origin));
    if (ok) ownerTeamIdBySourceKey.set(imported.sourceKey, owner);
    else refused.add(imported.sourceKey);
  }
  doc = { ...doc, interfaces: doc.interfaces.filter((i) => !refused.has(i.sourceKey)) };

  // Declaring that a system consumes an interface is for either side: the producer's or the consumer's team.
  doc = {
    ...doc,
    flows: doc.flows.filter((flow) => {
      const producerTeam = ownerTeamIdBySourceKey.get(flow.interfaceSourceKey) ?? interfaces.get(flow.interfaceSourceKey)?.ownerTeamId ?? null;
      const consumerTeam = systems.get(flow.consumerSystemSlug)?.ownerTeamId ?? null;
      if (can(ctx, "catalog.import", { ownerTeamId: producerTeam }) || can(ctx, "catalog.import", { ownerTeamId: consumerTeam })) return true;
      return check(consumerTeam, `the flow from "${flow.interfaceSourceKey}" to "${flow.consumerSystemSlug}"`, flow.origin);
    }),
  };
  return { teamIdBySlug, domains, systems, interfaces, ownerTeamIdBySourceKey, doc, warnings };
}
