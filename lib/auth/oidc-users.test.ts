import { afterEach, describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/integration";
import { linkOidcUser, userIdForOidcSubject } from "./oidc-users";

const database = setupTestDatabase();

describe("single sign-on users", () => {
  afterEach(() => {
    delete process.env.OIDC_AUTO_PROVISION;
  });

  it("creates a MEMBER on first sign-in, audited, and finds them by subject afterwards", async () => {
    const linked = await linkOidcUser({ sub: "kc-123", email: "New.Hire@Example.com", name: "New Hire" });
    const user = await database().prisma.user.findUniqueOrThrow({ where: { id: linked!.id } });
    expect(user).toMatchObject({ email: "new.hire@example.com", role: "MEMBER", oidcSubject: "kc-123", passwordHash: null });
    expect(await database().prisma.auditEvent.count({ where: { action: "user.create", entityId: user.id } })).toBe(1);
    expect(await linkOidcUser({ sub: "kc-123", email: "changed@example.com" })).toEqual({ id: user.id });
    expect(await userIdForOidcSubject("kc-123")).toBe(user.id);
  });

  it("links an existing account by email instead of creating a second one", async () => {
    const existing = await database().prisma.user.create({ data: { email: "architect@example.com", name: "Arch", role: "ARCHITECT" } });
    expect(await linkOidcUser({ sub: "entra-9", email: "architect@example.com" })).toEqual({ id: existing.id });
    expect((await database().prisma.user.findUniqueOrThrow({ where: { id: existing.id } })).oidcSubject).toBe("entra-9");
  });

  it("refuses deactivated users, identities without email, and strangers when provisioning is off", async () => {
    await database().prisma.user.create({ data: { email: "gone@example.com", name: "Gone", active: false } });
    expect(await linkOidcUser({ sub: "okta-1", email: "gone@example.com" })).toBeNull();
    expect(await linkOidcUser({ sub: "okta-2" })).toBeNull();
    process.env.OIDC_AUTO_PROVISION = "false";
    expect(await linkOidcUser({ sub: "okta-3", email: "stranger@example.com" })).toBeNull();
    expect(await database().prisma.user.count({ where: { email: "stranger@example.com" } })).toBe(0);
  });
});
