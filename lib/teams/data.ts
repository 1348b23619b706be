import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { can, type Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { CreateTeamInput, SetMembershipInput, TeamDto, UpdateTeamInput } from "./schemas";

const teamInclude = {
  memberships: { include: { user: true }, orderBy: { user: { name: "asc" } } },
  _count: { select: { domains: true, systems: true, interfaces: true } },
} satisfies Prisma.TeamInclude;
type TeamRow = Prisma.TeamGetPayload<{ include: typeof teamInclude }>;

/** Member emails are personal data: shown to people who may read users, and to the team's own members. */
function toDto(team: TeamRow, ctx?: Ctx): TeamDto {
  const showEmails = !ctx || can(ctx, "user.read") || team.memberships.some((m) => m.userId === ctx.actor?.id);
  return {
    id: team.id,
    slug: team.slug,
    name: team.name,
    description: team.description,
    contactEmail: team.contactEmail,
    createdAt: team.createdAt.toISOString(),
    members: team.memberships.map((m) => ({ userId: m.userId, email: showEmails ? m.user.email : null, name: m.user.name, role: m.role })),
    owns: team._count,
  };
}

function auditView(team: TeamRow) {
  const { members: _members, owns: _owns, ...rest } = toDto(team);
  return rest;
}

export async function listTeams(ctx: Ctx): Promise<TeamDto[]> {
  requirePermission(ctx, "team.read");
  return (await db().team.findMany({ include: teamInclude, orderBy: { name: "asc" } })).map((team) => toDto(team, ctx));
}

export async function getTeam(ctx: Ctx, id: string): Promise<TeamDto> {
  requirePermission(ctx, "team.read");
  const team = await db().team.findUnique({ where: { id }, include: teamInclude });
  if (!team) throw notFound("Team");
  return toDto(team, ctx);
}

export async function createTeam(ctx: Ctx, input: CreateTeamInput): Promise<TeamDto> {
  requirePermission(ctx, "team.manage");
  return db().$transaction(async (tx) => {
    if (await tx.team.findUnique({ where: { slug: input.slug } })) {
      throw new AppError("CONFLICT", `A team with the slug ${input.slug} already exists`, { errors: [{ pointer: "/slug", message: "Already in use" }] });
    }
    const team = await tx.team.create({ data: input, include: teamInclude });
    await recordAudit(tx, ctx, { action: "team.create", entityType: "team", entityId: team.id, after: auditView(team) });
    return toDto(team);
  });
}

export async function updateTeam(ctx: Ctx, id: string, input: UpdateTeamInput): Promise<TeamDto> {
  requirePermission(ctx, "team.manage");
  return db().$transaction(async (tx) => {
    const before = await tx.team.findUnique({ where: { id }, include: teamInclude });
    if (!before) throw notFound("Team");
    const after = await tx.team.update({ where: { id }, data: input, include: teamInclude });
    await recordAudit(tx, ctx, { action: "team.update", entityType: "team", entityId: id, before: auditView(before), after: auditView(after) });
    return toDto(after);
  });
}

/** Adds a user to a team, or changes their role in it. */
export async function setMembership(ctx: Ctx, teamId: string, userId: string, input: SetMembershipInput): Promise<TeamDto> {
  requirePermission(ctx, "team.manage");
  return db().$transaction(async (tx) => {
    const [team, user] = await Promise.all([tx.team.findUnique({ where: { id: teamId } }), tx.user.findUnique({ where: { id: userId } })]);
    if (!team) throw notFound("Team");
    if (!user) throw notFound("User");
    const before = await tx.membership.findUnique({ where: { userId_teamId: { userId, teamId } } });
    await tx.membership.upsert({ where: { userId_teamId: { userId, teamId } }, create: { userId, teamId, role: input.role }, update: { role: input.role } });
    await recordAudit(tx, ctx, {
      action: before ? "team.member_update" : "team.member_add",
      entityType: "team",
      entityId: teamId,
      before: before ? { userId, email: user.email, role: before.role } : null,
      after: { userId, email: user.email, role: input.role },
    });
    return toDto((await tx.team.findUnique({ where: { id: teamId }, include: teamInclude }))!);
  });
}

export async function removeMembership(ctx: Ctx, teamId: string, userId: string): Promise<TeamDto> {
  requirePermission(ctx, "team.manage");
  return db().$transaction(async (tx) => {
    const existing = await tx.membership.findUnique({ where: { userId_teamId: { userId, teamId } }, include: { user: true } });
    if (!existing) throw notFound("Membership");
    await tx.membership.delete({ where: { userId_teamId: { userId, teamId } } });
    await recordAudit(tx, ctx, {
      action: "team.member_remove",
      entityType: "team",
      entityId: teamId,
      before: { userId, email: existing.user.email, role: existing.role },
    });
    return toDto((await tx.team.findUnique({ where: { id: teamId }, include: teamInclude }))!);
  });
}
