import "server-only";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import { ACTOR_COLUMNS, actorOf, loadActor, type ActorRow } from "@/lib/auth/actor";
import type { Actor, Ctx } from "@/lib/auth/can";
import { checkCredentials } from "@/lib/auth/credentials";
import { requirePermission } from "@/lib/auth/require";
import { database, db } from "@/lib/db/client";
import type { ApiToken } from "@/lib/db/generated/client";
import type { ApiTokenDto, CreateTokenInput, ExchangeTokenInput, IssuedToken } from "./schemas";
import { generateToken, hashToken } from "./secret";

const DAY_MS = 24 * 60 * 60 * 1000;

function toDto(row: ApiToken): ApiTokenDto {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    expiresAt: row.expiresAt.toISOString(),
    revokedAt: row.revokedAt?.toISOString() ?? null,
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    createdAt: row.createdAt.toISOString(),
    status: row.revokedAt ? "REVOKED" : row.expiresAt <= new Date() ? "EXPIRED" : "ACTIVE",
  };
}

async function issue(ctx: Ctx, userId: string, input: CreateTokenInput, action = "token.create"): Promise<IssuedToken> {
  const token = generateToken();
  const requested = new Date(Date.now() + input.expiresInDays * DAY_MS);
  // A token used to create another cannot extend its own life through it.
  const expiresAt = ctx.tokenExpiresAt && ctx.tokenExpiresAt < requested ? ctx.tokenExpiresAt : requested;
  const row = await db().$transaction(async (tx) => {
    const created = await tx.apiToken.create({
      data: {
        userId,
        name: input.name,
        prefix: token.slice(0, 10),
        tokenHash: hashToken(token),
        expiresAt,
      },
    });
    await recordAudit(tx, ctx, { action, entityType: "api_token", entityId: created.id, after: { ...toDto(created), userId, ...(expiresAt < requested ? { cappedToCallerTokenExpiry: true } : {}) } });
    return created;
  });
  return { ...toDto(row), token };
}

/** POST /api/v1/auth/token: email + password for a new token, shown once. */
export async function exchangeCredentialsForToken(input: ExchangeTokenInput, requestId: string, clientAddress: string): Promise<IssuedToken> {
  const user = await checkCredentials(input.email, input.password, clientAddress, "token", requestId);
  const actor = await loadActor(user.id);
  if (!actor) throw new AppError("UNAUTHENTICATED", "Wrong email or password");
  const ctx: Ctx = { actor, requestId, via: "session" };
  requirePermission(ctx, "token.manage", { userId: actor.id });
  return issue(ctx, actor.id, input, "token.exchange");
}

export async function createToken(ctx: Ctx, input: CreateTokenInput): Promise<IssuedToken> {
  requirePermission(ctx, "token.manage", { userId: ctx.actor?.id });
  return issue(ctx, ctx.actor!.id, input);
}

export async function listOwnTokens(ctx: Ctx): Promise<ApiTokenDto[]> {
  requirePermission(ctx, "token.manage", { userId: ctx.actor?.id });
  const rows = await db().apiToken.findMany({ where: { userId: ctx.actor!.id }, orderBy: { createdAt: "desc" } });
  return rows.map(toDto);
}

export async function revokeToken(ctx: Ctx, id: string): Promise<ApiTokenDto> {
  const existing = await db().apiToken.findUnique({ where: { id } });
  if (!existing) throw notFound("Token");
  requirePermission(ctx, "token.manage", { userId: existing.userId });
  if (existing.revokedAt) return toDto(existing);
  return db().$transaction(async (tx) => {
    const revoked = await tx.apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
    await recordAudit(tx, ctx, { action: "token.revoke", entityType: "api_token", entityId: id, before: toDto(existing), after: toDto(revoked) });
    return toDto(revoked);
  });
}

/** Resolves `Authorization: Bearer <token>` to its user, refusing unknown, expired and revoked tokens by name. */
export async function authenticateToken(token: string): Promise<Actor> {
  return (await authenticateBearer(token)).actor;
}

/** authenticateToken, also telling when the token expires. One statement reads the token, its user and their teams. */
export async function authenticateBearer(token: string): Promise<{ actor: Actor; expiresAt: Date }> {
  const { driver } = database();
  const [row] = await driver.query<ActorRow & { token_id: string; revoked: boolean; expires_ms: number; last_used_ms: number | null }>(
    `SELECT t.id::text AS token_id, t.revoked_at IS NOT NULL AS revoked, (extract(epoch FROM t.expires_at) * 1000)::float8 AS expires_ms,
            (extract(epoch FROM t.last_used_at) * 1000)::float8 AS last_used_ms, ${ACTOR_COLUMNS}
     FROM api_token t JOIN "user" u ON u.id = t.user_id WHERE t.token_hash = $1`,
    [hashToken(token)],
  );
  if (!row) throw new AppError("UNAUTHENTICATED", "The API token is not valid");
  if (row.revoked) throw new AppError("UNAUTHENTICATED", "The API token was revoked");
  const expiresAt = new Date(row.expires_ms);
  if (row.expires_ms <= Date.now()) throw new AppError("UNAUTHENTICATED", `The API token expired at ${expiresAt.toISOString()}`);
  if (!row.active) throw new AppError("UNAUTHENTICATED", "The API token's user is deactivated");
  // Recorded at most once a minute, so busy clients do not write on every request.
  if (row.last_used_ms === null || Date.now() - row.last_used_ms > 60_000) {
    await driver.query(`UPDATE api_token SET last_used_at = now() WHERE id = $1::uuid`, [row.token_id]);
  }
  return { actor: actorOf(row), expiresAt };
}
