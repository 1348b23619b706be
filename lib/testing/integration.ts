import { randomUUID } from "node:crypto";
import { afterAll, beforeAll } from "vitest";
import type { Actor, Ctx } from "@/lib/auth/can";
import { setProcessDatabase } from "@/lib/db/client";
import { openTestDatabase, type TestDatabase } from "@/lib/db/testing";
import type { Role } from "@/lib/db/generated/enums";

/** Gives the test file its own migrated database and makes lib/ data functions use it. */
/** The test file's database (see openTestDatabase; `embedded: true` tests the embedded database's own paths). */
export function setupTestDatabase(options: { embedded?: boolean } = {}): () => TestDatabase {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(options);
    setProcessDatabase(database);
  });
  afterAll(async () => {
    setProcessDatabase(undefined);
    await database?.dispose();
  });
  return () => {
    if (!database) throw new Error("the test database is opened in beforeAll");
    return database;
  };
}

/** Creates a user (and optionally team memberships) and returns a request context acting as them. */
export async function actAs(database: TestDatabase, role: Role, teamIds: string[] = [], leadTeamIds: string[] = []): Promise<Ctx> {
  const email = `${role.toLowerCase()}-${randomUUID().slice(0, 8)}@test.local`;
  const user = await database.prisma.user.create({ data: { email, name: `Test ${role}`, role } });
  const all = [...new Set([...teamIds, ...leadTeamIds])];
  for (const teamId of all) await database.prisma.membership.create({ data: { userId: user.id, teamId, role: leadTeamIds.includes(teamId) ? "LEAD" : "MEMBER" } });
  const actor: Actor = { id: user.id, email, name: user.name, role, teamIds: all, leadTeamIds };
  return { actor, requestId: `test-${randomUUID()}`, via: "session" };
}
