import { describe, expect, it } from "vitest";
import { setupTestDatabase } from "@/lib/testing/integration";
import { isTransactionConflict, retryOnConflict } from "./retry";

const database = setupTestDatabase();

describe("retryOnConflict", () => {
  it("runs a transaction again when it collides, and gives up on anything else at once", async () => {
    let calls = 0;
    const collidesTwice = () => (++calls <= 2 ? Promise.reject(Object.assign(new Error("deadlock"), { code: "P2034" })) : Promise.resolve("done"));
    await expect(retryOnConflict(collidesTwice)).resolves.toBe("done");
    expect(calls).toBe(3);

    calls = 0;
    const invalid = () => (++calls, Promise.reject(Object.assign(new Error("unique"), { code: "P2002" })));
    await expect(retryOnConflict(invalid)).rejects.toMatchObject({ code: "P2002" });
    expect(calls).toBe(1);

    calls = 0;
    const alwaysCollides = () => (++calls, Promise.reject(Object.assign(new Error("serialization"), { code: "40001" })));
    await expect(retryOnConflict(alwaysCollides, 3)).rejects.toMatchObject({ code: "40001" });
    expect(calls).toBe(3);
  });

  // PGlite serves one connection, so two open transactions need PostgreSQL.
  it.skipIf(!process.env.TEST_DATABASE_URL)("recognises a real PostgreSQL deadlock between two transactions, and both commit when retried", async () => {
    const { prisma } = database();
    await prisma.$executeRawUnsafe(`CREATE TABLE retry_probe (id int PRIMARY KEY, n int NOT NULL)`);
    await prisma.$executeRawUnsafe(`INSERT INTO retry_probe VALUES (1, 0), (2, 0)`);
    // Each holds one row and then wants the other's: PostgreSQL aborts one of them as a deadlock.
    let bothHoldOne!: () => void;
    let held = 0;
    const meet = new Promise<void>((resolve) => (bothHoldOne = resolve));
    const crosswise = (first: number, second: number, meetFirst: boolean) =>
      prisma.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`UPDATE retry_probe SET n = n + 1 WHERE id = ${first}`);
        if (meetFirst && ++held === 2) bothHoldOne();
        if (meetFirst) await meet;
        await tx.$executeRawUnsafe(`UPDATE retry_probe SET n = n + 1 WHERE id = ${second}`);
      }, { timeout: 30_000 });

    const outcomes = await Promise.allSettled([crosswise(1, 2, true), crosswise(2, 1, true)]);
    const failed = outcomes.filter((o): o is PromiseRejectedResult => o.status === "rejected");
    expect(failed).toHaveLength(1);
    expect(isTransactionConflict(failed[0].reason)).toBe(true);

    held = 0;
    await Promise.all([retryOnConflict(() => crosswise(1, 2, false)), retryOnConflict(() => crosswise(2, 1, false))]);
    const rows = await prisma.$queryRawUnsafe<{ n: number }[]>(`SELECT n FROM retry_probe ORDER BY id`);
    expect(rows.map((r) => r.n)).toEqual([3, 3]);
  });
});
