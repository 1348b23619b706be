import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actualSchema, DATABASE_ONLY_COLUMNS, DATABASE_ONLY_INDEXES, diffSchemas, expectedSchema, type SchemaShape } from "./schema-drift";
import { openTestDatabase, type TestDatabase } from "./testing";

const SCHEMA_DIR = path.join(process.cwd(), "prisma", "schema");

/** The schema is one file per feature (Prisma's multi-file schema); together they read as one datamodel. */
async function readSchema(): Promise<string> {
  const files = (await readdir(SCHEMA_DIR)).filter((f) => f.endsWith(".prisma")).sort();
  const texts = await Promise.all(files.map((f) => readFile(path.join(SCHEMA_DIR, f), "utf8")));
  return texts.join("\n");
}

describe("schema drift check", () => {
  let schemaText: string;
  let database: TestDatabase;
  let migrated: SchemaShape;
  beforeAll(async () => {
    schemaText = await readSchema();
    database = await openTestDatabase();
    migrated = await actualSchema(database.driver.query);
  });
  afterAll(() => database.dispose());

  it("finds the migrated database exactly as prisma/schema/*.prisma describes it", () => {
    expect(diffSchemas(expectedSchema(schemaText), migrated)).toEqual([]);
  });

  it("reads every model of schema.prisma and every table of the database", () => {
    // Guards against a vacuous pass where both sides come back empty.
    const expected = expectedSchema(schemaText);
    expect(Object.keys(migrated.tables).sort()).toEqual(Object.keys(expected.tables).sort());
    for (const shape of [expected, migrated]) {
      const tables = Object.values(shape.tables);
      expect(tables.length).toBeGreaterThan(0);
      for (const table of tables) expect(table.primaryKey.length).toBeGreaterThan(0);
      for (const part of ["uniqueIndexes", "indexes", "foreignKeys"] as const)
        expect(tables.flatMap((t): unknown[] => t[part]).length).toBeGreaterThan(0);
      expect(Object.keys(shape.enums).length).toBeGreaterThan(0);
    }
  });

  // Each edit leaves the migrated database as it is, so only the schema.prisma side drifts.
  const edits: { name: string; edit: (schema: string) => string; expected: string[] }[] = [
    {
      name: "an extra field",
      edit: (s) => s.replace("model User {\n", "model User {\n  nickname String? @map(\"nick_name\")\n"),
      expected: ["column user.nick_name: in schema.prisma, missing from the database"],
    },
    {
      name: "an extra model",
      edit: (s) => `${s}\nmodel Tag {\n  id Int @id\n  @@map("tag")\n}\n`,
      expected: ["table tag: in schema.prisma, missing from the database"],
    },
    {
      name: "an extra index",
      edit: (s) => s.replace('  @@map("team")', '  @@index([name, slug])\n  @@map("team")'),
      expected: ["index on team(name, slug): in schema.prisma, missing from the database"],
    },
    {
      name: "a relation made required, so its default onDelete becomes Restrict",
      edit: (s) =>
        s.replace("ownerTeamId String?  @map", "ownerTeamId String   @map").replace(
          "ownerTeam   Team?    @relation(fields: [ownerTeamId], references: [id], onDelete: SetNull)",
          "ownerTeam   Team     @relation(fields: [ownerTeamId], references: [id])",
        ),
      expected: [
        "column domain.owner_team_id: NOT NULL in schema.prisma, nullable in the database",
        "foreign key domain(owner_team_id) -> team(id): ON DELETE RESTRICT in schema.prisma, SET NULL in the database",
      ],
    },
    {
      name: "an extra enum value",
      edit: (s) => s.replace("enum TeamRole {\n  LEAD\n", "enum TeamRole {\n  LEAD\n  DEPUTY\n"),
      expected: [
        "enum TeamRole (membership.role): values LEAD, DEPUTY, MEMBER in schema.prisma, LEAD, MEMBER in the database",
      ],
    },
  ];
  it.each(edits)("reports $name in schema.prisma", ({ edit, expected }) => {
    const edited = edit(schemaText);
    expect(edited).not.toBe(schemaText);
    expect(diffSchemas(expectedSchema(edited), migrated)).toEqual(expected);
  });

  it("applies Prisma's default onDelete, SetNull, to an optional relation that names none", () => {
    const edited = schemaText.replace("references: [id], onDelete: SetNull)\n  systems", "references: [id])\n  systems");
    expect(edited).not.toBe(schemaText);
    expect(diffSchemas(expectedSchema(edited), migrated)).toEqual([]);
  });
});

describe("schema drift check and database-only indexes", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.dispose());

  it("finds every allowlisted index in the migrated database, so the list cannot go stale", async () => {
    const rows = await database.driver.query<{ name: string }>(
      `SELECT indexname AS name FROM pg_indexes WHERE schemaname = current_schema() AND indexname = ANY($1)`,
      [[...DATABASE_ONLY_INDEXES]],
    );
    expect(rows.map((r) => r.name).sort()).toEqual([...DATABASE_ONLY_INDEXES].sort());
    const columns = await database.driver.query<{ name: string }>(
      `SELECT table_name || '.' || column_name AS name FROM information_schema.columns WHERE table_schema = current_schema()`,
    );
    for (const column of DATABASE_ONLY_COLUMNS) expect(columns.map((c) => c.name)).toContain(column);
  });

  it("still reports an extra expression index that is not on the allowlist", async () => {
    await database.driver.exec(`CREATE INDEX "team_lower_name_idx" ON "team" (lower("name"))`);
    const expected = expectedSchema(await readSchema());
    expect(diffSchemas(expected, await actualSchema(database.driver.query))).toEqual([
      "index on team(lower(name)): in the database, missing from schema.prisma",
    ]);
  });
});

describe("schema drift check against a drifted database", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
  });
  afterAll(() => database.dispose());

  // One deliberate drift per kind of difference, each with the line it must produce.
  const drifts = [
    {
      sql: `DROP INDEX "user_email_key"`,
      message: "unique index on user(email): in schema.prisma, missing from the database",
    },
    {
      sql: `ALTER TABLE "flow" ALTER COLUMN "purpose" TYPE VARCHAR(200)`,
      message: "column flow.purpose: type text in schema.prisma, varchar(200) in the database",
    },
    {
      sql: `ALTER TABLE "team" ALTER COLUMN "name" DROP NOT NULL`,
      message: "column team.name: NOT NULL in schema.prisma, nullable in the database",
    },
    {
      sql: `ALTER TABLE "interface" DROP CONSTRAINT "interface_system_id_fkey"`,
      message: "foreign key interface(system_id) -> system(id): in schema.prisma, missing from the database",
    },
    {
      sql: `ALTER TABLE "api_token" DROP CONSTRAINT "api_token_user_id_fkey",
              ADD CONSTRAINT "api_token_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "user"("id") ON DELETE SET NULL ON UPDATE CASCADE`,
      message: "foreign key api_token(user_id) -> user(id): ON DELETE CASCADE in schema.prisma, SET NULL in the database",
    },
    {
      sql: `ALTER TYPE "Role" ADD VALUE 'AUDITOR'`,
      message:
        "enum Role (user.role): values ADMIN, ARCHITECT, COMPLIANCE, MEMBER in schema.prisma, ADMIN, ARCHITECT, COMPLIANCE, MEMBER, AUDITOR in the database",
    },
    {
      sql: `ALTER TABLE "system" ADD COLUMN "legacy_code" TEXT`,
      message: "column system.legacy_code: in the database, missing from schema.prisma",
    },
    {
      // DDL on the audit trail is refused by an event trigger unless a maintainer says so for the session.
      sql: `SET interchange.allow_audit_ddl = 'on'; DROP INDEX "audit_event_entity_type_entity_id_idx"; CREATE INDEX "audit_event_entity_id_entity_type_idx" ON "audit_event"("entity_id", "entity_type")`,
      message: "index on audit_event(entity_type, entity_id): in schema.prisma, missing from the database",
    },
  ];

  it("reports each drift, naming the table and column, and nothing else", async () => {
    for (const drift of drifts) await database.driver.exec(drift.sql);
    const expected = expectedSchema(await readSchema());
    const differences = diffSchemas(expected, await actualSchema(database.driver.query));
    expect([...differences].sort()).toEqual(
      [...drifts.map((d) => d.message), "index on audit_event(entity_id, entity_type): in the database, missing from schema.prisma"].sort(),
    );
  });
});

// Types, mappings and defaults the real schema does not use yet, in the SQL Prisma's migrate engine
// would write for them, so the first model to use one cannot trip a false alarm or slip through.
const PROBE_SCHEMA = `
datasource db {
  provider = "postgresql"
}

enum Shade {
  LIGHT @map("light")
  DARK
  @@map("shade")
}

model Sample {
  id      Int       @id @default(autoincrement())
  big     BigInt
  ratio   Float?
  amount  Decimal
  price   Decimal   @db.Decimal(10, 2)
  flag    Boolean
  at      DateTime
  localAt DateTime  @map("local_at") @db.Timestamp(6)
  clock   DateTime? @db.Time(0)
  doc     Json
  blob    Bytes
  code    String    @db.VarChar(20)
  initial String    @db.Char
  labels  String[]  @db.VarChar(10)
  shade   Shade
  shades  Shade[]
  parts   Part[]

  @@map("sample")
}

model Part {
  sampleId Int    @map("sample_id")
  position Int
  sample   Sample @relation(fields: [sampleId], references: [id])

  @@id([sampleId, position])
  @@unique([position, sampleId])
  @@map("part")
}
`;

const PROBE_SQL = `
DROP SCHEMA public CASCADE;
CREATE SCHEMA public;
CREATE TYPE "shade" AS ENUM ('light', 'DARK');
CREATE TABLE "sample" (
    "id" SERIAL NOT NULL,
    "big" BIGINT NOT NULL,
    "ratio" DOUBLE PRECISION,
    "amount" DECIMAL(65,30) NOT NULL,
    "price" DECIMAL(10,2) NOT NULL,
    "flag" BOOLEAN NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "local_at" TIMESTAMP(6) NOT NULL,
    "clock" TIME(0),
    "doc" JSONB NOT NULL,
    "blob" BYTEA NOT NULL,
    "code" VARCHAR(20) NOT NULL,
    "initial" CHAR NOT NULL,
    "labels" VARCHAR(10)[],
    "shade" "shade" NOT NULL,
    "shades" "shade"[],
    CONSTRAINT "sample_pkey" PRIMARY KEY ("id")
);
CREATE TABLE "part" (
    "sample_id" INTEGER NOT NULL,
    "position" INTEGER NOT NULL,
    CONSTRAINT "part_pkey" PRIMARY KEY ("sample_id", "position")
);
CREATE UNIQUE INDEX "part_position_sample_id_key" ON "part"("position", "sample_id");
ALTER TABLE "part" ADD CONSTRAINT "part_sample_id_fkey" FOREIGN KEY ("sample_id") REFERENCES "sample"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
`;

describe("schema drift check on types the schema does not use yet", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await openTestDatabase();
    await database.driver.exec(PROBE_SQL);
  });
  afterAll(() => database.dispose());

  it("maps every Prisma type, @db type, @map and default onDelete the way PostgreSQL reports them", async () => {
    const expected = expectedSchema(PROBE_SCHEMA);
    expect(diffSchemas(expected, await actualSchema(database.driver.query))).toEqual([]);
    expect(expected.tables.sample.columns.amount).toEqual({ type: "numeric(65,30)", notNull: true });
    expect(expected.enums).toEqual({ shade: ["light", "DARK"] });
  });

  it("compares unique indexes as column sets and plain indexes in column order", async () => {
    await database.driver.exec(`CREATE INDEX "sample_flag_code_idx" ON "sample"("code", "flag")`);
    const withIndex = PROBE_SCHEMA.replace('  @@map("sample")', '  @@index([flag, code])\n  @@map("sample")');
    expect(diffSchemas(expectedSchema(withIndex), await actualSchema(database.driver.query))).toEqual([
      "index on sample(code, flag): in the database, missing from schema.prisma",
      "index on sample(flag, code): in schema.prisma, missing from the database",
    ]);
  });
});
