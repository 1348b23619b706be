import { describe, expect, it } from "vitest";
import { FREE_FAILURES } from "@/lib/auth/rate-limit";
import { hashPassword } from "@/lib/auth/password";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { authenticateToken, createToken, exchangeCredentialsForToken, listOwnTokens, revokeToken } from "./data";
import { ExchangeTokenInput } from "./schemas";
import { hashToken } from "./secret";

const database = setupTestDatabase();

describe("API tokens", () => {
  it("exchanges email and password for a token stored only as a hash, which then authenticates", async () => {
    await database().prisma.user.create({ data: { email: "ci@example.com", name: "CI", passwordHash: await hashPassword("a long enough password") } });
    const issued = await exchangeCredentialsForToken(ExchangeTokenInput.parse({ email: "CI@example.com", password: "a long enough password", name: "pipeline" }), "req-1", "10.0.0.1");
    expect(issued.token).toMatch(/^ic_[\w-]{43}$/);
    const stored = await database().prisma.apiToken.findUniqueOrThrow({ where: { id: issued.id } });
    expect(stored.tokenHash).toBe(hashToken(issued.token));
    expect(JSON.stringify(stored)).not.toContain(issued.token);
    const audit = await database().prisma.auditEvent.findFirstOrThrow({ where: { action: "token.exchange", entityId: issued.id } });
    expect(JSON.stringify(audit.after)).not.toContain(issued.token);
    expect((await authenticateToken(issued.token)).email).toBe("ci@example.com");
  });

  it("refuses a wrong password with the same answer as an unknown email", async () => {
    const wrong = await exchangeCredentialsForToken(ExchangeTokenInput.parse({ email: "ci@example.com", password: "nope" }), "r", "10.0.0.2").catch((e) => e);
    const unknown = await exchangeCredentialsForToken(ExchangeTokenInput.parse({ email: "ghost@example.com", password: "nope" }), "r", "10.0.0.2").catch((e) => e);
    expect(wrong).toMatchObject({ code: "UNAUTHENTICATED", message: "Wrong email or password" });
    expect(unknown).toMatchObject({ code: "UNAUTHENTICATED", message: "Wrong email or password" });
  });

  it("slows repeated failures from one address for one email, audits them, and leaves other addresses alone", async () => {
    const attempt = (address: string) => exchangeCredentialsForToken(ExchangeTokenInput.parse({ email: "victim@example.com", password: "guess" }), "r", address).catch((e) => e);
    const results = [];
    for (let i = 0; i < FREE_FAILURES + 2; i++) results.push(await attempt("10.0.0.3"));
    expect(results.slice(0, FREE_FAILURES + 1).every((e) => e.code === "UNAUTHENTICATED")).toBe(true);
    expect(results[FREE_FAILURES + 1]).toMatchObject({ code: "RATE_LIMITED", headers: { "Retry-After": expect.any(String) } });
    expect((await attempt("10.0.0.4")).code).toBe("UNAUTHENTICATED");
    const actions = (await database().prisma.auditEvent.findMany({ where: { action: { startsWith: "auth.sign_in" } }, select: { action: true } })).map((a) => a.action);
    expect(actions.filter((a) => a === "auth.sign_in_failed").length).toBeGreaterThanOrEqual(FREE_FAILURES + 2);
    expect(actions).toContain("auth.sign_in_throttled");
  });

  it("lets a token create a token only within its own lifetime", async () => {
    const member = await actAs(database(), "MEMBER");
    const parent = await createToken(member, { name: "short", expiresInDays: 1 });
    const viaToken = { ...member, via: "token" as const, tokenExpiresAt: new Date(parent.expiresAt) };
    const child = await createToken(viaToken, { name: "long", expiresInDays: 90 });
    expect(new Date(child.expiresAt).getTime()).toBeLessThanOrEqual(new Date(parent.expiresAt).getTime());
  });

  it("refuses revoked and expired tokens, naming why", async () => {
    const member = await actAs(database(), "MEMBER");
    const issued = await createToken(member, { name: "laptop", expiresInDays: 1 });
    await revokeToken(member, issued.id);
    await expect(authenticateToken(issued.token)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: "The API token was revoked" });
    const second = await createToken(member, { name: "old", expiresInDays: 1 });
    await database().prisma.apiToken.update({ where: { id: second.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(authenticateToken(second.token)).rejects.toMatchObject({ code: "UNAUTHENTICATED", message: expect.stringContaining("expired") });
    await expect(authenticateToken("ic_not-a-token")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    const statuses = Object.fromEntries((await listOwnTokens(member)).map((t) => [t.name, t.status]));
    expect(statuses).toEqual({ laptop: "REVOKED", old: "EXPIRED" });
  });

  it("lets users see and revoke only their own tokens", async () => {
    const alice = await actAs(database(), "MEMBER");
    const bob = await actAs(database(), "MEMBER");
    const token = await createToken(alice, { name: "alice", expiresInDays: 30 });
    expect((await listOwnTokens(bob)).map((t) => t.id)).not.toContain(token.id);
    await expect(revokeToken(bob, token.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await listOwnTokens(alice)).map((t) => t.id)).toContain(token.id);
  });
});
