import { z } from "zod";

export const ServiceStatusSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({ reachable: z.boolean(), kind: z.enum(["postgres", "embedded"]), error: z.string().optional() }),
  migrations: z.object({ current: z.boolean(), applied: z.number().int(), pending: z.array(z.string()), problems: z.array(z.string()) }),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;

/** What the unauthenticated GET /api/v1/health shows: up or not, no database kind, migration names or errors. */
export const PublicServiceStatusSchema = z.object({ status: z.enum(["ok", "degraded"]) });
export type PublicServiceStatus = z.infer<typeof PublicServiceStatusSchema>;
