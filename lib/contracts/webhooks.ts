import "server-only";
import { randomBytes } from "node:crypto";
import { AppError, notFound } from "@/lib/api/errors";
import { recordAudit } from "@/lib/audit/record";
import type { Ctx } from "@/lib/auth/can";
import { requirePermission } from "@/lib/auth/require";
import { db } from "@/lib/db/client";
import { dispatch } from "./delivery";
import type { WebhookDto, WebhookInput } from "./schemas";
import { urlRefusal } from "./url-guard";

const include = { team: { select: { id: true, name: true } }, deliveries: { orderBy: { createdAt: "desc" as const }, take: 50 } };

function toDto(row: NonNullable<Awaited<ReturnType<typeof load>>>, secret?: string): WebhookDto {
  return {
    id: row.id,
    team: row.team,
    url: row.url,
    active: row.active,
    ...(secret ? { secret } : {}),
    deliveries: row.deliveries.map((d) => ({
      id: d.id,
      event: d.event,
      status: d.status,
      attempts: d.attempts,
      lastStatus: d.lastStatus,
      lastError: d.lastError,
      createdAt: d.createdAt.toISOString(),
      deliveredAt: d.deliveredAt?.toISOString() ?? null,
    })),
  };
}

const load = (teamId: string) => db().teamWebhook.findUnique({ where: { teamId }, include });

/** The team's webhook and its delivery log (never the secret). Members of the team and admins only. */
export async function getWebhook(ctx: Ctx, teamId: string): Promise<WebhookDto> {
  requirePermission(ctx, "webhook.manage", { ownerTeamId: teamId });
  const row = await load(teamId);
  if (!row) throw notFound("Webhook");
  return toDto(row);
}

/** Creates or changes the team's webhook; the signing secret is generated here and shown once (create, rotate). */
export async function putWebhook(ctx: Ctx, teamId: string, input: WebhookInput): Promise<WebhookDto> {
  requirePermission(ctx, "webhook.manage", { ownerTeamId: teamId });
  const refusal = urlRefusal(input.url);
  if (refusal) throw new AppError("VALIDATION", `The webhook URL is refused: ${refusal}`, { errors: [{ pointer: "/url", message: refusal }] });
  return db().$transaction(async (tx) => {
    if (!(await tx.team.findUnique({ where: { id: teamId }, select: { id: true } }))) throw notFound("Team");
    const before = await tx.teamWebhook.findUnique({ where: { teamId } });
    const secret = !before || input.rotateSecret ? `whsec_${randomBytes(24).toString("base64url")}` : undefined;
    // Not an upsert: Prisma validates its create branch (which needs a secret) even when the row exists.
    if (before) await tx.teamWebhook.update({ where: { teamId }, data: { url: input.url, active: input.active, ...(secret ? { secret } : {}) } });
    else await tx.teamWebhook.create({ data: { teamId, url: input.url, active: input.active, secret: secret! } });
    await recordAudit(tx, ctx, {
      action: before ? "webhook.update" : "webhook.create",
      entityType: "team",
      entityId: teamId,
      before: before ? { url: before.url, active: before.active } : null,
      after: { url: input.url, active: input.active, secretRotated: !!secret },
    });
    return toDto((await tx.teamWebhook.findUnique({ where: { teamId }, include }))!, secret);
  });
}

/** Sends a signed ping so the receiving side can check its signature verification (active webhooks only). */
export async function pingWebhook(ctx: Ctx, teamId: string): Promise<{ deliveryId: string }> {
  requirePermission(ctx, "webhook.manage", { ownerTeamId: teamId });
  const delivery = await db().$transaction(async (tx) => {
    const hook = await tx.teamWebhook.findUnique({ where: { teamId } });
    if (!hook) throw notFound("Webhook");
    if (!hook.active) throw new AppError("CONFLICT", "The webhook is inactive; activate it before sending a ping");
    const created = await tx.webhookDelivery.create({ data: { webhookId: hook.id, event: "ping", payload: { event: "ping", teamId }, nextAttemptAt: new Date() } });
    await recordAudit(tx, ctx, { action: "webhook.ping", entityType: "team", entityId: teamId, after: { deliveryId: created.id, url: hook.url } });
    return created;
  });
  dispatch([delivery.id]);
  return { deliveryId: delivery.id };
}
