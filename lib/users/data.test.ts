import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/api/errors";
import { verifyPassword } from "@/lib/auth/password";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createUser, listUsers, updateUser } from "./data";
import { CreateUserInput } from "./schemas";

const database = setupTestDatabase();

describe("users", () => {
  it("lets an admin create a user, hashing the password and writing an audit event without it", async () => {
    const admin = await actAs(database(), "ADMIN");
    const user = await createUser(admin, CreateUserInput.parse({ email: "New.Person@Example.com", name: "New Person", role: "ARCHITECT", password: "correct horse battery" }));
    expect(user).toMatchObject({ email: "new.person@example.com", role: "ARCHITECT", hasPassword: true });
    expect(user).not.toHaveProperty("passwordHash");
    const row = await database().prisma.user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(row.passwordHash, "correct horse battery")).toBe(true);
    const audit = await database().prisma.auditEvent.findFirstOrThrow({ where: { action: "user.create", entityId: user.id } });
    expect(audit.actorEmail).toBe(admin.actor!.email);
    expect(audit.requestId).toBe(admin.requestId);
    expect(JSON.stringify(audit.after)).not.toContain("argon2");
  });

  it("refuses members and architects", async () => {
    for (const role of ["MEMBER", "ARCHITECT", "COMPLIANCE"] as const) {
      const ctx = await actAs(database(), role);
      await expect(createUser(ctx, CreateUserInput.parse({ email: `x-${role}@example.com`, name: "X" }))).rejects.toMatchObject({ code: "FORBIDDEN" });
    }
    const member = await actAs(database(), "MEMBER");
    await expect(listUsers(member)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("refuses a duplicate email with a conflict naming the field, and writes nothing", async () => {
    const admin = await actAs(database(), "ADMIN");
    await createUser(admin, CreateUserInput.parse({ email: "dup@example.com", name: "One" }));
    const before = await database().prisma.auditEvent.count();
    const error = await createUser(admin, CreateUserInput.parse({ email: "dup@example.com", name: "Two" })).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: "CONFLICT", errors: [{ pointer: "/email" }] });
    expect(await database().prisma.auditEvent.count()).toBe(before);
  });

  it("deactivating a user revokes their tokens and records before and after", async () => {
    const admin = await actAs(database(), "ADMIN");
    const target = await actAs(database(), "MEMBER");
    await database().prisma.apiToken.create({
      data: { userId: target.actor!.id, name: "ci", prefix: "ic_abc", tokenHash: "h-" + target.actor!.id, expiresAt: new Date(Date.now() + 86_400_000) },
    });
    const updated = await updateUser(admin, target.actor!.id, { active: false });
    expect(updated.active).toBe(false);
    expect(await database().prisma.apiToken.count({ where: { userId: target.actor!.id, revokedAt: null } })).toBe(0);
    const audit = await database().prisma.auditEvent.findFirstOrThrow({ where: { action: "user.update", entityId: target.actor!.id } });
    expect(audit.before).toMatchObject({ active: true });
    expect(audit.after).toMatchObject({ active: false });
  });

  it("stops an admin from locking themselves out", async () => {
    const admin = await actAs(database(), "ADMIN");
    await expect(updateUser(admin, admin.actor!.id, { role: "MEMBER" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
