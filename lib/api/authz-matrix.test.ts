// The authorization matrix: every operation in /api/v1/openapi.json called by every role (anonymous, admin,
// architect, compliance, a producing-team member, a consuming-team member) through the real route handlers, on a
// PGlite database, with the expected answer per cell written down in authz-matrix.json. Bodies are `{}` and path
// ids are unknown, so a cell reads "refused before anything else" (401/403), "allowed this far" (404/422/2xx) or
// "allowed" (2xx); a new operation without a row, or a cell whose answer moves, fails the test.
import { randomUUID } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createToken } from "@/lib/tokens/data";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { callOperation, documentedOperations } from "@/lib/testing/route-calls";

// No cookie in these calls: a session lookup finds nobody (anonymous) without Next's request scope.
vi.mock("@/lib/auth/session", () => ({ currentActor: async () => null }));

const MATRIX_FILE = path.join(__dirname, "authz-matrix.json");
const ROLES = ["anonymous", "admin", "architect", "compliance", "producer", "consumer"] as const;
type RoleName = (typeof ROLES)[number];
type Matrix = Record<string, Record<RoleName, number>>;

const database = setupTestDatabase();

describe("authorization matrix over openapi.json", () => {
  const operations = documentedOperations();
  const bearers: Partial<Record<RoleName, string>> = {};

  beforeAll(async () => {
    const prisma = database().prisma;
    const producing = await prisma.team.create({ data: { slug: "mx-producer", name: "Matrix producer" } });
    const consuming = await prisma.team.create({ data: { slug: "mx-consumer", name: "Matrix consumer" } });
    const actors = {
      admin: await actAs(database(), "ADMIN"),
      architect: await actAs(database(), "ARCHITECT"),
      compliance: await actAs(database(), "COMPLIANCE"),
      producer: await actAs(database(), "MEMBER", [producing.id]),
      consumer: await actAs(database(), "MEMBER", [consuming.id]),
    };
    for (const [role, ctx] of Object.entries(actors)) bearers[role as RoleName] = (await createToken(ctx, { name: `matrix ${role}`, expiresInDays: 1 })).token;
  });

  it("answers every operation x role as written down", async () => {
    const observed: Matrix = {};
    for (const op of operations) {
      const params = Object.fromEntries([...op.path.matchAll(/\{([^}]+)\}/g)].map(([, name]) => [name, randomUUID()]));
      const row = {} as Record<RoleName, number>;
      for (const role of ROLES) row[role] = await callOperation(op, { bearer: bearers[role], params });
      observed[`${op.method} ${op.path}`] = row;
    }
    // AUTHZ_MATRIX_RECORD=1 rewrites the file from what was observed: review every changed cell before committing.
    if (process.env.AUTHZ_MATRIX_RECORD === "1") writeFileSync(MATRIX_FILE, `{\n${Object.entries(observed).map(([op, row]) => ` ${JSON.stringify(op)}: ${JSON.stringify(row)}`).join(",\n")}\n}\n`);
    const expected = JSON.parse(readFileSync(MATRIX_FILE, "utf8")) as Matrix;
    expect(observed).toEqual(expected);
  }, 300_000);

  it("never lets an anonymous caller past authentication except on public operations, and never answers 500", () => {
    const expected = JSON.parse(readFileSync(MATRIX_FILE, "utf8")) as Matrix;
    const PUBLIC = new Set(["GET /api/v1/openapi.json", "GET /api/v1/health", "POST /api/v1/auth/token"]);
    for (const [op, row] of Object.entries(expected)) {
      if (!PUBLIC.has(op)) expect(row.anonymous, op).toBe(401);
      // 503 is the checkpoint endpoint saying no signing key is configured here, not a failure.
      for (const role of ROLES) expect(row[role], `${op} as ${role}`).not.toBe(500);
    }
  });
});
