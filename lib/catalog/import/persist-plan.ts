// First phase of an import: read what already exists and decide who owns what, then check every permission.
// Nothing is written here, so a refused import leaves no trace even before the transaction rolls back.
import { AppError } from "@/lib/api/errors";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import type { Prisma } from "@/lib/db/generated/client";
import type { ImportedDocument, ImportedDomain, ImportedSystem } from "./model";

type Tx = Prisma.TransactionClient;

export type PlannedDomain = { slug: string; id: string | null; ownerTeamId: string | null; entry: ImportedDomain };
export type PlannedSystem = { slug: string; id: string | null; ownerTeamId: string | null; domainId?: string | null; domainSlug?: string; entry: ImportedSystem };

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
};

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];

async function loadTeams(tx: Tx, doc: ImportedDocument): Promise<Map<string, string>> {
  const slugs = unique([
    ...doc.domains.map((d) => d.ownerTeamSlug),
    ...doc.systems.map((s) => s.ownerTeamSlug),
    ...doc.interfaces.map((i) => i.ownerTeamSlug),
  ]);
  const teams = await tx.team.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true } });
  const bySlug = new Map(teams.map((t) => [t.slug, t.id]));
  const missing = slugs.filter((slug) => !bySlug.has(slug));
  if (missing.length) {
    const names = missing.map((s) => `"${s}"`).join(", ");
    const what = missing.length === 1 ? `Owner team ${names} does not exist` : `Owner teams ${names} do not exist`;
    throw new AppError("VALIDATION", `${what}; an admin must create ${missing.length === 1 ? "it" : "them"} (Admin → Teams) before importing`);
  }
  return bySlug;
}

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
  const existing = await tx.domain.findMany({ where: { slug: { in: [...entries.keys()] } }, select: { id: true, slug: true, ownerTeamId: true } });
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
  const existing = await tx.system.findMany({ where: { slug: { in: [...entries.keys()] } }, select: { id: true, slug: true, ownerTeamId: true, domainId: true } });
  const found = new Map(existing.map((s) => [s.slug, s]));
  const planned = new Map<string, PlannedSystem>();
  for (const [slug, entry] of entries) {
    const row = found.get(slug);
    planned.set(slug, {
      slug,
      entry,
      domainSlug: entry.domainSlug,
      id: row?.id ?? null,
      domainId: row?.domainId,
      ownerTeamId: row ? row.ownerTeamId : teamOf(teams, entry.ownerTeamSlug),
    });
  }
  return planned;
}

/** Reads everything the import touches and throws FORBIDDEN (or VALIDATION) before any row is written. */
export async function planImport(tx: Tx, ctx: Ctx, doc: ImportedDocument): Promise<ImportPlan> {
  const teamIdBySlug = await loadTeams(tx, doc);
  const domains = await planDomains(tx, doc, teamIdBySlug);
  const systems = await planSystems(tx, doc, teamIdBySlug);
  const keys = unique([...doc.interfaces.map((i) => i.sourceKey), ...doc.flows.map((f) => f.interfaceSourceKey)]);
  const rows = await tx.interface.findMany({ where: { sourceKey: { in: keys } }, select: interfaceSelect });
  const interfaces = new Map(rows.map((row) => [row.sourceKey!, row]));

  for (const domain of domains.values()) if (!domain.id) authorize(ctx, domain.ownerTeamId, `the new domain "${domain.slug}"`);
  for (const system of systems.values()) if (!system.id) authorize(ctx, system.ownerTeamId, `the new system "${system.slug}"`);

  const ownerTeamIdBySourceKey = new Map<string, string | null>();
  for (const imported of doc.interfaces) {
    const existing = interfaces.get(imported.sourceKey);
    const declared = teamOf(teamIdBySlug, imported.ownerTeamSlug);
    // An existing interface keeps its owner unless the document names one; a new one defaults to its system's.
    const owner = declared ?? (existing ? existing.ownerTeamId : (systems.get(imported.systemSlug)?.ownerTeamId ?? null));
    if (existing) authorize(ctx, existing.ownerTeamId, `the interface "${existing.name}"`);
    if (!existing || owner !== existing.ownerTeamId) authorize(ctx, owner, existing ? `the interface "${imported.name}" into another owner team` : `the new interface "${imported.name}"`);
    ownerTeamIdBySourceKey.set(imported.sourceKey, owner);
  }

  // Declaring that a system consumes an interface is for either side: the producer's or the consumer's team.
  for (const flow of doc.flows) {
    const producerTeam = ownerTeamIdBySourceKey.get(flow.interfaceSourceKey) ?? interfaces.get(flow.interfaceSourceKey)?.ownerTeamId ?? null;
    const consumerTeam = systems.get(flow.consumerSystemSlug)?.ownerTeamId ?? null;
    if (!can(ctx, "catalog.import", { ownerTeamId: producerTeam }) && !can(ctx, "catalog.import", { ownerTeamId: consumerTeam })) {
      authorize(ctx, consumerTeam, `the flow from "${flow.interfaceSourceKey}" to "${flow.consumerSystemSlug}"`);
    }
  }
  return { teamIdBySlug, domains, systems, interfaces, ownerTeamIdBySourceKey };
}
