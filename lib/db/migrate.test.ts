import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrationStatus, readMigrations } from "./migrate";
import { openTestDatabase, type TestDatabase } from "./testing";

describe("migration runner", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.dispose());

  it("records every migration in _prisma_migrations with the checksum of its SQL", async () => {
    const migrations = await readMigrations();
    const rows = await database.driver.query<{ migration_name: string; checksum: string }>(
      `SELECT migration_name, checksum FROM "_prisma_migrations" ORDER BY migration_name`,
    );
    expect(rows).toEqual(migrations.map((m) => ({ migration_name: m.name, checksum: m.checksum })));
    expect(await migrationStatus(database.driver)).toEqual({ applied: migrations.map((m) => m.name), pending: [], problems: [] });
  });

  it("reports a migration edited after it was applied", async () => {
    const migrations = await readMigrations();
    const edited = migrations.map((m, i) => (i === 0 ? { ...m, checksum: "0".repeat(64) } : m));
    const status = await migrationStatus(database.driver, edited);
    expect(status.problems).toEqual([`migration ${migrations[0].name} was edited after it was applied`]);
  });
});
