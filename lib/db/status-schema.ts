import { z } from "zod";

export const ServiceStatusSchema = z.object({
  status: z.enum(["ok", "degraded"]),
  database: z.object({ reachable: z.boolean(), kind: z.enum(["postgres", "embedded"]), error: z.string().optional() }),
  migrations: z.object({ current: z.boolean(), applied: z.number().int(), pending: z.array(z.string()), problems: z.array(z.string()) }),
});
export type ServiceStatus = z.infer<typeof ServiceStatusSchema>;
