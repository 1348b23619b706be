import { z } from "zod";

export const AuditQuery = z.object({
  action: z.string().max(100).optional().describe("Exact action, e.g. user.create, or a prefix ending in '.', e.g. user."),
  entityType: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  actor: z.string().max(320).optional().describe("Actor email (exact)"),
  from: z.coerce.date().optional(),
  to: z.coerce.date().optional(),
  cursor: z.string().regex(/^\d+$/, "cursor must be the seq of the last event seen").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

export const AuditEventDto = z.object({
  seq: z.string(),
  at: z.string().datetime(),
  actorId: z.string().nullable(),
  actorEmail: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
export type AuditEventDto = z.infer<typeof AuditEventDto>;

export const AuditPage = z.object({ items: z.array(AuditEventDto), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof AuditPage>;

export const AuditVerification = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBroken: z.object({ seq: z.string(), reason: z.string() }).nullable(),
  keyed: z.boolean().describe("Whether the chain is keyed (HMAC with a secret outside the database); an unkeyed chain can be recomputed by whoever can write the table"),
  checkpointsChecked: z.number().int(),
});

export const AuditCheckpoint = z
  .object({
    seq: z.string().regex(/^\d+$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
    at: z.string().datetime(),
    signature: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .meta({ id: "AuditCheckpoint" });

export const VerifyWithCheckpoints = z.object({ checkpoints: z.array(AuditCheckpoint).max(1000) });
export type AuditVerification = z.infer<typeof AuditVerification>;
