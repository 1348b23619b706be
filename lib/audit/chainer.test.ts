import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemCtx } from "@/lib/auth/require";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createTeam } from "@/lib/teams/data";
import { CreateTeamInput } from "@/lib/teams/schemas";
import { chainPendingAudit } from "./chainer";
import { verifyAuditChain } from "./data";
import { recordAudit } from "./record";

const database = setupTestDatabase();
beforeAll(() => {
  process.env.AUDIT_HMAC_KEY = "test-chainer-key";
});
afterAll(() => {
  delete process.env.AUDIT_HMAC_KEY;
});

describe("audit events are chained after commit", () => {
  it("puts a committed event in the chain by the time the write returns, and leaves nothing pending", async () => {
    const admin = await actAs(database(), "ADMIN");
    const team = await createTeam(admin, CreateTeamInput.parse({ slug: "chained-now", name: "Chained now" }));
    const { prisma } = database();
    expect(await prisma.auditEvent.findFirst({ where: { entityId: team.id } })).toMatchObject({ action: "team.create", hashAlg: "hmac-sha256" });
    expect(await prisma.auditPending.count()).toBe(0);
    expect(await verifyAuditChain(admin)).toMatchObject({ ok: true, keyed: true });
  });

  it("never chains the events of a transaction that rolled back", async () => {
    const { prisma } = database();
    const before = await prisma.auditEvent.count();
    await expect(
      prisma.$transaction(async (tx) => {
        await recordAudit(tx, systemCtx("rolled-back"), { action: "test.rolled_back", entityType: "test" });
        throw new Error("the change fails");
      }),
    ).rejects.toThrow("the change fails");
    expect(await chainPendingAudit(prisma)).toBe(0);
    expect(await prisma.auditEvent.count()).toBe(before);
  });
});

// PGlite serves one connection, so two open transactions need PostgreSQL.
describe.skipIf(!process.env.TEST_DATABASE_URL)("audit chain lock", () => {
  it("lets an unrelated audited write commit while a long transaction with audited work is still open", async () => {
    const { prisma } = database();
    const admin = await actAs(database(), "ADMIN");
    let release!: () => void;
    const released = new Promise<void>((resolve) => (release = resolve));
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    let longCommitted = false;
    // Stands for a long import: audited work done, the transaction still open.
    const long = prisma
      .$transaction(
        async (tx) => {
          await recordAudit(tx, systemCtx("long-import"), { action: "test.long_import", entityType: "test" });
          entered();
          await released;
        },
        { timeout: 120_000, maxWait: 120_000 },
      )
      .then(() => (longCommitted = true));
    await inside;
    // Were the chain lock held for the whole transaction, this write would wait for `long`, released only below
    // (or by the safety timer, which then fails the assertions).
    const safety = setTimeout(release, 60_000);
    const team = await createTeam(admin, CreateTeamInput.parse({ slug: "unrelated-approval", name: "Unrelated" }));
    const committedWhileOpen = !longCommitted;
    const unrelated = await prisma.auditEvent.findFirst({ where: { entityId: team.id, action: "team.create" } });
    release();
    clearTimeout(safety);
    await long;

    expect(committedWhileOpen).toBe(true);
    expect(unrelated).not.toBeNull();
    const longEvent = await prisma.auditEvent.findFirst({ where: { action: "test.long_import" } });
    // Chained in commit order: the unrelated write first, the long transaction's event after it.
    expect(longEvent!.seq > unrelated!.seq).toBe(true);
    expect(await verifyAuditChain(admin)).toMatchObject({ ok: true });
  }, 180_000);
});
