import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createTeam } from "@/lib/teams/data";
import { CreateTeamInput } from "@/lib/teams/schemas";
import { listAuditEvents, verifyAuditChain } from "./data";
import { AuditQuery } from "./schemas";

const database = setupTestDatabase();

describe("audit trail", () => {
  it("chains events written by concurrent transactions and verifies end to end", async () => {
    const admin = await actAs(database(), "ADMIN");
    await Promise.all(Array.from({ length: 8 }, (_, i) => createTeam(admin, CreateTeamInput.parse({ slug: `team-${i}`, name: `Team ${i}` }))));
    const result = await verifyAuditChain(admin);
    expect(result).toEqual({ ok: true, checked: 8, firstBroken: null, keyed: false, checkpointsChecked: 0 });
  });

  it("filters by action prefix and pages with a cursor", async () => {
    const admin = await actAs(database(), "ADMIN");
    const first = await listAuditEvents(admin, AuditQuery.parse({ action: "team.", limit: 5 }));
    expect(first.items).toHaveLength(5);
    expect(first.items.every((e) => e.action === "team.create")).toBe(true);
    const second = await listAuditEvents(admin, AuditQuery.parse({ action: "team.", limit: 5, cursor: first.nextCursor }));
    expect(second.items.length).toBeGreaterThan(0);
    expect(Number(second.items[0].seq)).toBeLessThan(Number(first.items[4].seq));
  });

  it("names the first edited row, even though the table refuses edits without superuser help", async () => {
    const admin = await actAs(database(), "ADMIN");
    const { prisma } = database();
    await expect(prisma.$executeRawUnsafe(`UPDATE audit_event SET action = 'x' WHERE seq = 3`)).rejects.toThrow(/append-only/);
    // A superuser who also switches off the DDL event trigger for the session (lib/audit/tamper.test.ts shows the refusals).
    await prisma.$transaction(async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL interchange.allow_audit_ddl = 'on'`);
      await tx.$executeRawUnsafe(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
      await tx.$executeRawUnsafe(`UPDATE audit_event SET after = '{"slug":"tampered"}' WHERE seq = 3`);
      await tx.$executeRawUnsafe(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);
    });
    const result = await verifyAuditChain(admin);
    expect(result.ok).toBe(false);
    expect(result.firstBroken).toEqual({ seq: "3", reason: expect.stringContaining("edited") });
    expect(result.checked).toBe(2);
  });

  it("is readable by architects and compliance officers, not by members", async () => {
    await expect(listAuditEvents(await actAs(database(), "MEMBER"), AuditQuery.parse({}))).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listAuditEvents(await actAs(database(), "COMPLIANCE"), AuditQuery.parse({}))).resolves.toBeTruthy();
  });
});
