// Teams of an import: Backstage Groups become teams (parent, contact email, members matched to existing
// accounts by email or name; no sign-in is ever created), and owner references that name no team are created
// as teams when the importer may manage teams. Otherwise each entity naming a missing team is reported and
// imported without an owner team, so the rest of the import goes on.
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import type { Prisma } from "@/lib/db/generated/client";
import type { ImportedDocument, ImportedTeam } from "./model";

type Tx = Prisma.TransactionClient;

export type TeamsResult = { teamIdBySlug: Map<string, string>; document: ImportedDocument; warnings: string[] };

const unique = (values: (string | undefined)[]) => [...new Set(values.filter((v): v is string => Boolean(v)))];

async function upsertTeam(tx: Tx, ctx: Ctx, team: ImportedTeam, existing: { id: string; name: string; description: string | null; contactEmail: string | null } | undefined): Promise<string> {
  const data = { name: team.name, description: team.description ?? null, contactEmail: team.email ?? null };
  if (!existing) {
    const row = await tx.team.create({ data: { slug: team.slug, ...data } });
    await recordAudit(tx, ctx, { action: "team.create", entityType: "team", entityId: row.id, after: { ...row, source: team.origin } });
    return row.id;
  }
  const before = { name: existing.name, description: existing.description, contactEmail: existing.contactEmail };
  if (JSON.stringify(before) !== JSON.stringify(data)) {
    await tx.team.update({ where: { id: existing.id }, data });
    await recordAudit(tx, ctx, { action: "team.update", entityType: "team", entityId: existing.id, before, after: { ...data, source: team.origin } });
  }
  return existing.id;
}

async function linkParentsAndMembers(tx: Tx, ctx: Ctx, teams: ImportedTeam[], ids: Map<string, string>): Promise<string[]> {
  if (teams.length === 0) return [];
  const warnings: string[] = [];
  const current = await tx.team.findMany({ where: { id: { in: [...ids.values()] } }, select: { id: true, parentTeamId: true } });
  const parentOf = new Map(current.map((t) => [t.id, t.parentTeamId]));
  const wanted = teams.flatMap((t) => t.members);
  const users = wanted.length
    ? await tx.user.findMany({ where: { OR: [{ email: { in: unique(wanted.map((m) => m.email?.toLowerCase())), mode: "insensitive" } }, { name: { in: unique(wanted.map((m) => m.name)), mode: "insensitive" } }] }, select: { id: true, email: true, name: true } })
    : [];
  for (const team of teams) {
    const id = ids.get(team.slug);
    if (!id) continue;
    const parentId = team.parentSlug ? (ids.get(team.parentSlug) ?? null) : null;
    if (team.parentSlug && !parentId) warnings.push(`${team.origin}: parent group ${team.parentSlug} is not a team; the team is imported without a parent`);
    if (parentId !== (parentOf.get(id) ?? null) && parentId !== id) {
      await tx.team.update({ where: { id }, data: { parentTeamId: parentId } });
      await recordAudit(tx, ctx, { action: "team.update", entityType: "team", entityId: id, before: { parentTeamId: parentOf.get(id) ?? null }, after: { parentTeamId: parentId, source: team.origin } });
    }
    const members = team.members
      .map((m) => users.find((u) => (m.email && u.email.toLowerCase() === m.email.toLowerCase()) || u.name.toLowerCase() === m.name.toLowerCase()))
      .filter((u): u is (typeof users)[number] => !!u);
    const existing = new Set((await tx.membership.findMany({ where: { teamId: id }, select: { userId: true } })).map((m) => m.userId));
    for (const user of members.filter((u, i) => !existing.has(u.id) && members.indexOf(u) === i)) {
      await tx.membership.create({ data: { teamId: id, userId: user.id } });
      await recordAudit(tx, ctx, { action: "team.member_add", entityType: "team", entityId: id, after: { userId: user.id, email: user.email, role: "MEMBER", source: team.origin } });
    }
  }
  return warnings;
}

/** Resolves every owner slug of the document to a team id, creating teams where the importer may. */
export async function prepareTeams(tx: Tx, ctx: Ctx, doc: ImportedDocument): Promise<TeamsResult> {
  const groups = doc.teams ?? [];
  const owners = unique([...doc.domains.map((d) => d.ownerTeamSlug), ...doc.systems.map((s) => s.ownerTeamSlug), ...doc.interfaces.map((i) => i.ownerTeamSlug)]);
  const slugs = unique([...owners, ...groups.map((g) => g.slug), ...groups.map((g) => g.parentSlug)]);
  // Most API documents name no team: no query then.
  const rows = slugs.length ? await tx.team.findMany({ where: { slug: { in: slugs } }, select: { id: true, slug: true, name: true, description: true, contactEmail: true } }) : [];
  const teamIdBySlug = new Map(rows.map((t) => [t.slug, t.id]));
  const warnings: string[] = [];
  const mayManage = can(ctx, "team.manage");
  if (mayManage) {
    for (const group of groups) teamIdBySlug.set(group.slug, await upsertTeam(tx, ctx, group, rows.find((r) => r.slug === group.slug)));
    warnings.push(...(await linkParentsAndMembers(tx, ctx, groups, teamIdBySlug)));
    for (const slug of owners.filter((s) => !teamIdBySlug.has(s))) {
      const row = await tx.team.create({ data: { slug, name: slug } });
      await recordAudit(tx, ctx, { action: "team.create", entityType: "team", entityId: row.id, after: { ...row, source: "owner reference of an import" } });
      teamIdBySlug.set(slug, row.id);
      const namedBy = [...doc.domains, ...doc.systems, ...doc.interfaces].filter((e) => e.ownerTeamSlug === slug).map((e) => e.origin ?? e.name);
      warnings.push(...namedBy.map((origin) => `${origin}: owner team ${slug} did not exist and was created`));
    }
  } else {
    const skipped = groups.filter((g) => !teamIdBySlug.has(g.slug));
    if (skipped.length) warnings.push(`Groups ${skipped.map((g) => g.slug).join(", ")} are not teams yet and only admins may create teams (team.manage): they were not imported`);
  }
  // What still names a missing team is imported without an owner, and says so.
  const keep = <T extends { ownerTeamSlug?: string; origin?: string; name: string }>(entry: T, what: string): T => {
    if (!entry.ownerTeamSlug || teamIdBySlug.has(entry.ownerTeamSlug)) return entry;
    warnings.push(`${entry.origin ?? `${what} ${entry.name}`}: owner team ${entry.ownerTeamSlug} does not exist and you may not create teams (team.manage); imported without an owner team`);
    return { ...entry, ownerTeamSlug: undefined };
  };
  const document = { ...doc, domains: doc.domains.map((d) => keep(d, "domain")), systems: doc.systems.map((s) => keep(s, "system")), interfaces: doc.interfaces.map((i) => keep(i, "interface")) };
  return { teamIdBySlug, document, warnings };
}
