import { z } from "zod";

export const TeamRoleSchema = z.enum(["LEAD", "MEMBER"]);

export const CreateTeamInput = z.object({
  slug: z
    .string()
    .trim()
    .min(2, "Use at least 2 characters")
    .max(60)
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, "Use lowercase letters, digits and single hyphens, e.g. payments-platform"),
  name: z.string().trim().min(1, "Enter a name").max(120),
  description: z.string().trim().max(2000).optional(),
  contactEmail: z.string().trim().toLowerCase().email("Enter a valid email address").max(320).optional(),
});
export type CreateTeamInput = z.infer<typeof CreateTeamInput>;

export const UpdateTeamInput = CreateTeamInput.omit({ slug: true })
  .extend({ description: z.string().trim().max(2000).nullable(), contactEmail: z.string().trim().toLowerCase().email().max(320).nullable() })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");
export type UpdateTeamInput = z.infer<typeof UpdateTeamInput>;

export const SetMembershipInput = z.object({ role: TeamRoleSchema.default("MEMBER") });
export type SetMembershipInput = z.infer<typeof SetMembershipInput>;

export const TeamMemberDto = z.object({
  userId: z.string().uuid(),
  email: z.string().nullable().describe("Shown to those who may read users (admins, architects, compliance) and to the team's own members; null for everyone else"),
  name: z.string(),
  role: TeamRoleSchema,
});

export const TeamDto = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  name: z.string(),
  description: z.string().nullable(),
  contactEmail: z.string().nullable(),
  createdAt: z.string().datetime(),
  members: z.array(TeamMemberDto),
  owns: z.object({ domains: z.number().int(), systems: z.number().int(), interfaces: z.number().int() }),
});
export type TeamDto = z.infer<typeof TeamDto>;

export const TeamList = z.object({ items: z.array(TeamDto) });
export const TeamMemberParams = z.object({ id: z.string().uuid("Must be a UUID"), userId: z.string().uuid("Must be a UUID") });
