import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { createTeam } from "@/lib/teams/data";
import { CreateTeamInput } from "@/lib/teams/schemas";
import { canonicalJson, GENESIS_HASH, hashEvent, type ChainedFields } from "./chain";
import { auditCheckpoint, verifyAuditChain } from "./data";

const database = setupTestDatabase();
const KEY = "test-audit-key-kept-outside-the-database";

/** As a database superuser with the guards switched off for the session: what an attacker with DB access can do. */
async function asSuperuser(...statements: string[]) {
  await database().prisma.$transaction(async (tx) => {
    await tx.$executeRawUnsafe(`SET LOCAL interchange.allow_audit_ddl = 'on'`);
    await tx.$executeRawUnsafe(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_update_or_delete`);
    for (const sql of statements) await tx.$executeRawUnsafe(sql);
    await tx.$executeRawUnsafe(`ALTER TABLE audit_event ENABLE TRIGGER audit_event_no_update_or_delete`);
  });
}

/** Rewrites every row's hashes in order with `hash` (an attacker recomputing the chain after an edit). */
async function recomputeChain(hash: (fields: ChainedFields) => string, hashAlg: string) {
  const rows = await database().prisma.auditEvent.findMany({ orderBy: { seq: "asc" } });
  let prevHash = GENESIS_HASH;
  const updates: string[] = [];
  for (const row of rows) {
    const fields = { ...row, prevHash, hashAlg } as ChainedFields;
    const next = hash(fields);
    updates.push(`UPDATE audit_event SET prev_hash = '${prevHash}', hash = '${next}', hash_alg = '${hashAlg}' WHERE seq = ${row.seq}`);
    prevHash = next;
  }
  await asSuperuser(...updates);
}

describe("audit trail tamper resistance", () => {
  beforeAll(() => {
    process.env.AUDIT_HMAC_KEY = KEY;
  });
  afterAll(() => {
    delete process.env.AUDIT_HMAC_KEY;
  });

  it("refuses TRUNCATE and DDL on the audit table from the application's connection", async () => {
    const admin = await actAs(database(), "ADMIN");
    await createTeam(admin, CreateTeamInput.parse({ slug: "t-a", name: "A" }));
    const { prisma } = database();
    await expect(prisma.$executeRawUnsafe(`TRUNCATE audit_event`)).rejects.toThrow(/TRUNCATE refused/);
    await expect(prisma.$executeRawUnsafe(`ALTER TABLE audit_event DISABLE TRIGGER audit_event_no_truncate`)).rejects.toThrow(/DDL on the audit trail is refused/);
    await expect(prisma.$executeRawUnsafe(`DROP TABLE audit_event`)).rejects.toThrow(/refused/);
    expect(await prisma.auditEvent.count()).toBeGreaterThan(0);
  });

  it("keys new events with the HMAC secret and verifies them", async () => {
    const admin = await actAs(database(), "ADMIN");
    await createTeam(admin, CreateTeamInput.parse({ slug: "t-b", name: "B" }));
    const result = await verifyAuditChain(admin);
    expect(result).toMatchObject({ ok: true, keyed: true });
  });

  it("refuses a forged checkpoint", async () => {
    const admin = await actAs(database(), "ADMIN");
    const checkpoint = await auditCheckpoint(admin);
    const forged = { ...checkpoint, seq: String(Number(checkpoint.seq) + 1000) };
    const result = await verifyAuditChain(admin, [forged]);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toMatch(/signature is not valid/);
    expect(canonicalJson(checkpoint)).toContain("signature");
  });
  it("detects deletion of the tail through a checkpoint the auditor kept", async () => {
    const admin = await actAs(database(), "ADMIN");
    await createTeam(admin, CreateTeamInput.parse({ slug: "t-c", name: "C" }));
    const checkpoint = await auditCheckpoint(admin);
    expect((await verifyAuditChain(admin, [checkpoint])).ok).toBe(true);
    await asSuperuser(`DELETE FROM audit_event WHERE seq >= ${checkpoint.seq}`);
    // Without the checkpoint the shortened chain still links up; with it, the loss is named.
    expect((await verifyAuditChain(admin)).ok).toBe(true);
    const result = await verifyAuditChain(admin, [checkpoint]);
    expect(result.ok).toBe(false);
    expect(result.firstBroken?.reason).toMatch(/deleted from the end/);
  });

  it("detects a chain recomputed without the key (downgraded to plain SHA-256) and one recomputed with a guessed key", async () => {
    const admin = await actAs(database(), "ADMIN");
    await createTeam(admin, CreateTeamInput.parse({ slug: "t-d", name: "D" }));
    const checkpoint = await auditCheckpoint(admin);
    await asSuperuser(`UPDATE audit_event SET after = '{"slug":"forged"}' WHERE seq = (SELECT max(seq) FROM audit_event)`);
    await recomputeChain((fields) => hashEvent({ ...fields, hashAlg: "sha256" }), "sha256");
    const downgraded = await verifyAuditChain(admin, [checkpoint]);
    expect(downgraded.ok).toBe(false);

    await recomputeChain((fields) => hashEvent(fields, Buffer.from("attacker-guess")), "hmac-sha256");
    const rekeyed = await verifyAuditChain(admin);
    expect(rekeyed.ok).toBe(false);
    expect(rekeyed.firstBroken?.reason).toMatch(/does not match its hash/);
  });

});
