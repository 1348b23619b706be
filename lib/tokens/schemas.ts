import { z } from "zod";

export const TOKEN_MAX_DAYS = 365;

export const ExchangeTokenInput = z.object({
  email: z.string().email().max(320),
  password: z.string().min(1).max(1024),
  name: z.string().trim().min(1).max(100).default("API token"),
  expiresInDays: z.number().int().min(1).max(TOKEN_MAX_DAYS).default(90),
});
export type ExchangeTokenInput = z.infer<typeof ExchangeTokenInput>;

export const CreateTokenInput = ExchangeTokenInput.pick({ name: true, expiresInDays: true });
export type CreateTokenInput = z.infer<typeof CreateTokenInput>;

export const ApiTokenDto = z.object({
  id: z.string().uuid(),
  name: z.string(),
  prefix: z.string().describe("The token's first characters, to tell tokens apart"),
  expiresAt: z.string().datetime(),
  revokedAt: z.string().datetime().nullable(),
  lastUsedAt: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
  status: z.enum(["ACTIVE", "REVOKED", "EXPIRED"]),
});
export type ApiTokenDto = z.infer<typeof ApiTokenDto>;

export const IssuedToken = ApiTokenDto.extend({
  token: z.string().describe("The secret itself. Shown only in this response; store it now."),
});
export type IssuedToken = z.infer<typeof IssuedToken>;
