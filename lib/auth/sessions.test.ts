import { describe, expect, it } from "vitest";
import { setupTestDatabase, actAs } from "@/lib/testing/integration";
import { createToken, authenticateToken } from "@/lib/tokens/data";
import { updateUser } from "@/lib/users/data";
import { loadActor } from "./actor";
import { passwordProblem } from "./password-check";
import { endSessions, sessionVersionOf } from "./sessions";

const database = setupTestDatabase();

describe("revocable sessions", () => {
  it("ends browser sessions on sign-out, without touching API tokens", async () => {
    const member = await actAs(database(), "MEMBER");
    const id = member.actor!.id;
    const version = await sessionVersionOf(id);
    expect(await loadActor(id, version)).not.toBeNull();
    const token = await createToken(member, { name: "cli", expiresInDays: 1 });
    await endSessions(id, { revokeTokens: false, reason: "sign-out" });
    expect(await loadActor(id, version)).toBeNull();
    expect((await authenticateToken(token.token)).id).toBe(id);
  });

  it.each([
    ["a role change", { role: "ARCHITECT" as const }],
    ["a password reset", { password: "correct horse battery staple" }],
    ["deactivation", { active: false }],
  ])("ends sessions and API tokens at once on %s", async (_, change) => {
    const admin = await actAs(database(), "ADMIN");
    const member = await actAs(database(), "MEMBER");
    const id = member.actor!.id;
    const version = await sessionVersionOf(id);
    const token = await createToken(member, { name: "cli", expiresInDays: 1 });
    await updateUser(admin, id, change);
    expect(await loadActor(id, version)).toBeNull();
    await expect(authenticateToken(token.token)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const audit = await database().prisma.auditEvent.findFirstOrThrow({ where: { entityId: id, action: { in: ["user.update", "user.reset_password"] } }, orderBy: { seq: "desc" } });
    expect(audit.after).toMatchObject({ sessionsEnded: true, tokensRevoked: 1 });
  });

  it("keeps sessions when only the name changes", async () => {
    const admin = await actAs(database(), "ADMIN");
    const member = await actAs(database(), "MEMBER");
    const version = await sessionVersionOf(member.actor!.id);
    await updateUser(admin, member.actor!.id, { name: "Renamed" });
    expect(await loadActor(member.actor!.id, version)).not.toBeNull();
  });
});

describe("password policy (NIST 800-63B)", () => {
  it("refuses short, common and account-derived passwords and accepts long unusual ones", async () => {
    expect(passwordProblem("short")).toMatch(/at least 12/);
    expect(passwordProblem("password1234")).toMatch(/commonly used|common password/);
    expect(passwordProblem("qwertyuiop123!")).toMatch(/common/);
    expect(passwordProblem("aaaaaaaaaaaaaa")).toMatch(/repeated/);
    expect(passwordProblem("interchange-demo")).toMatch(/interchange/);
    expect(passwordProblem("jane.doe.rules.2026", ["jane.doe"])).toMatch(/jane.doe/);
    expect(passwordProblem("correct horse battery staple")).toBeNull();
    const admin = await actAs(database(), "ADMIN");
    const member = await actAs(database(), "MEMBER");
    await expect(updateUser(admin, member.actor!.id, { password: "password1234" })).rejects.toMatchObject({ code: "VALIDATION", errors: [{ pointer: "/password" }] });
  });
});
