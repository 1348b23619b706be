import "server-only";
import { requireAcceptablePassword } from "@/lib/auth/password-check";
import { endSessionsIn } from "@/lib/auth/sessions";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { hashPassword } from "@/lib/auth/password";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/db/generated/client";
import type { CreateUserInput, UpdateUserInput, UserDto } from "./schemas";

const userInclude = { memberships: { include: { team: true }, orderBy: { team: { name: "asc" } } } } satisfies Prisma.UserInclude;
type UserRow = Prisma.UserGetPayload<{ include: typeof userInclude }>;

function toDto(user: UserRow): UserDto {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    active: user.active,
    hasPassword: Boolean(user.passwordHash),
    sso: Boolean(user.oidcSubject),
    lastLoginAt: user.lastLoginAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
    teams: user.memberships.map((m) => ({ id: m.team.id, slug: m.team.slug, name: m.team.name, role: m.role })),
  };
}

/** What the audit trail keeps of a user: never the password hash. */
function auditView(user: UserRow) {
  const { teams: _teams, lastLoginAt: _lastLoginAt, ...rest } = toDto(user);
  return rest;
}

export async function listUsers(ctx: Ctx): Promise<UserDto[]> {
  requirePermission(ctx, "user.read");
  const users = await db().user.findMany({ include: userInclude, orderBy: { name: "asc" } });
  return users.map(toDto);
}

export async function getUser(ctx: Ctx, id: string): Promise<UserDto> {
  requirePermission(ctx, "user.read");
  const user = await db().user.findUnique({ where: { id }, include: userInclude });
  if (!user) throw notFound("User");
  return toDto(user);
}

export async function createUser(ctx: Ctx, input: CreateUserInput): Promise<UserDto> {
  requirePermission(ctx, "user.manage");
  if (input.password) requireAcceptablePassword(input.password, { email: input.email, name: input.name });
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  return db().$transaction(async (tx) => {
    if (await tx.user.findUnique({ where: { email: input.email } })) {
      throw new AppError("CONFLICT", `A user with the email ${input.email} already exists`, { errors: [{ pointer: "/email", message: "Already in use" }] });
    }
    const user = await tx.user.create({ data: { email: input.email, name: input.name, role: input.role, passwordHash }, include: userInclude });
    await recordAudit(tx, ctx, { action: "user.create", entityType: "user", entityId: user.id, after: auditView(user) });
    return toDto(user);
  });
}

export async function updateUser(ctx: Ctx, id: string, input: UpdateUserInput): Promise<UserDto> {
  requirePermission(ctx, "user.manage");
  if (id === ctx.actor?.id && (input.active === false || (input.role && input.role !== "ADMIN"))) {
    throw new AppError("CONFLICT", "You cannot demote or deactivate yourself; ask another admin");
  }
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return db().$transaction(async (tx) => {
    const before = await tx.user.findUnique({ where: { id }, include: userInclude });
    if (!before) throw notFound("User");
    if (input.password) requireAcceptablePassword(input.password, { email: before.email, name: input.name ?? before.name });
    const after = await tx.user.update({
      where: { id },
      data: { name: input.name, role: input.role, active: input.active, passwordHash },
      include: userInclude,
    });
    // A password reset, role change or deactivation ends every session and API token of the account at once.
    const endsAccess = input.active === false || input.password !== undefined || (input.role !== undefined && input.role !== before.role);
    const ended = endsAccess ? await endSessionsIn(tx, id, { revokeTokens: true }) : null;
    await recordAudit(tx, ctx, {
      action: input.password && Object.keys(input).length === 1 ? "user.reset_password" : "user.update",
      entityType: "user",
      entityId: id,
      before: auditView(before),
      after: { ...auditView(after), ...(input.password ? { passwordChanged: true } : {}), ...(ended ? { sessionsEnded: true, tokensRevoked: ended.tokensRevoked } : {}) },
    });
    return toDto(after);
  });
}
