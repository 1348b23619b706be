import { z } from "zod";
import { MIN_PASSWORD_LENGTH } from "@/lib/auth/password-policy";

export const ROLES = ["ADMIN", "ARCHITECT", "COMPLIANCE", "MEMBER"] as const;
export const RoleSchema = z.enum(ROLES);

const Password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `Use at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(256, "Use at most 256 characters");

export const CreateUserInput = z.object({
  email: z.string().trim().toLowerCase().email("Enter a valid email address").max(320),
  name: z.string().trim().min(1, "Enter a name").max(200),
  role: RoleSchema.default("MEMBER"),
  password: Password.optional().describe("Omit for users who sign in through OpenID Connect only"),
});
export type CreateUserInput = z.infer<typeof CreateUserInput>;

export const UpdateUserInput = z
  .object({
    name: z.string().trim().min(1, "Enter a name").max(200),
    role: RoleSchema,
    active: z.boolean().describe("Inactive users cannot sign in and their tokens stop working"),
    password: Password,
  })
  .partial()
  .refine((v) => Object.keys(v).length > 0, "Send at least one field to change");
export type UpdateUserInput = z.infer<typeof UpdateUserInput>;

export const UserTeamDto = z.object({ id: z.string().uuid(), slug: z.string(), name: z.string(), role: z.enum(["LEAD", "MEMBER"]) });

export const UserDto = z.object({
  id: z.string().uuid(),
  email: z.string(),
  name: z.string(),
  role: RoleSchema,
  active: z.boolean(),
  hasPassword: z.boolean(),
  sso: z.boolean(),
  lastLoginAt: z.string().datetime().nullable(),
  createdAt: z.string().datetime(),
  teams: z.array(UserTeamDto),
});
export type UserDto = z.infer<typeof UserDto>;

export const UserList = z.object({ items: z.array(UserDto) });
export const IdParams = z.object({ id: z.string().uuid("Must be a UUID") });
