// Fuzz over every documented operation: hostile query parameters and bodies (NUL, invalid UTF-8, huge, deep,
// cyclic YAML) through the real route handlers as an admin, who may reach every parser. Each answer must be a 4xx
// and nothing may be written: every change is audited in its transaction, so an unchanged audit trail and
// unchanged row counts mean no partial write.
import { describe, expect, it, beforeAll } from "vitest";
import { createToken } from "@/lib/tokens/data";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { callOperation, documentedOperations, respond, type Operation } from "@/lib/testing/route-calls";
import { openApiDocument } from "./openapi";

const database = setupTestDatabase();

const HUGE_TEXT = "a".repeat(200_000);
const HUGE_BODY = Buffer.alloc(50 * 1024 * 1024, 0x20);
const DEEP_JSON = "[".repeat(100_000) + "]".repeat(100_000);
const DEEP_YAML = "a:\n" + Array.from({ length: 5_000 }, (_, i) => `${"  ".repeat(i + 1)}a${i}:`).join("\n") + "\n";
// 100,000 levels in flow and in block style, refused by the linear scan before yaml's parser recurses.
const DEEP_FLOW_YAML = "a: " + "[".repeat(100_000) + "]".repeat(100_000) + "\n";
const DEEP_BLOCK_YAML = "- ".repeat(100_000) + "x\n";
const CYCLIC_YAML = "openapi: 3.0.0\ninfo: &info\n  title: cyclic\n  self: *info\npaths: {}\n";
const ALIAS_BOMB_YAML = ["a: &a [x,x,x,x,x,x,x,x,x,x]", ..."bcdefghij".split("").map((k, i) => `${k}: &${k} [${Array(10).fill(`*${"abcdefghij"[i]}`).join(",")}]`)].join("\n") + "\n";

type DocumentedOperation = { parameters?: { in: string; name: string }[]; requestBody?: unknown };
const described = (op: Operation) => ((openApiDocument().paths ?? {})[op.path] as Record<string, DocumentedOperation>)[op.method.toLowerCase()];

/** Query parameter names the document declares for an operation. */
function queryNames(op: Operation): string[] {
  return (described(op)?.parameters ?? []).filter((p) => p.in === "query").map((p) => p.name);
}

async function writeCounts() {
  const prisma = database().prisma;
  const [audit, interfaces, contracts, users, teams] = await Promise.all([
    prisma.auditEvent.count(), prisma.interface.count(), prisma.dataContract.count(), prisma.user.count(), prisma.team.count(),
  ]);
  return { audit, interfaces, contracts, users, teams };
}

describe("fuzzing every parser and query parameter", () => {
  const operations = documentedOperations();
  let bearer = "";
  beforeAll(async () => {
    const admin = await actAs(database(), "ADMIN");
    bearer = (await createToken(admin, { name: "fuzz", expiresInDays: 1 })).token;
  });

  it("answers 4xx to NUL, invalid UTF-8 and huge values in every query parameter, and writes nothing", async () => {
    const before = await writeCounts();
    const failures: string[] = [];
    for (const op of operations) {
      for (const name of ["zz", ...queryNames(op)]) {
        for (const [label, value] of [["NUL", "a%00b"], ["invalid UTF-8", "%FF%FE"], ["huge", HUGE_TEXT]] as const) {
          // An undeclared parameter is ignored; a huge URL never reaches it (Node answers 431 past 16 KB of headers).
          if (name === "zz" && label === "huge") continue;
          const status = await callOperation(op, { bearer, search: `?${encodeURIComponent(name)}=${value}` });
          if (status < 400 || status >= 500) failures.push(`${op.method} ${op.path} ?${name}= ${label}: ${status}`);
        }
      }
    }
    expect(failures).toEqual([]);
    expect(await writeCounts()).toEqual(before);
  }, 300_000);

  it("answers 4xx to NUL, invalid UTF-8, huge and deep bodies on every operation that takes one, and writes nothing", async () => {
    const before = await writeCounts();
    const failures: string[] = [];
    const bodies: [string, BodyInit][] = [
      ["NUL", '{"name":"a\\u0000b","slug":"a\\u0000b","email":"a\\u0000@b.c","yaml":"a: \\u0000"}'],
      ["invalid UTF-8", Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0x22, 0x7d])],
      ["huge", HUGE_BODY],
      ["deep", DEEP_JSON],
    ];
    // Operations without a request body ignore one (POST /health/evaluate, /compliance/records/fill).
    for (const op of operations.filter((o) => described(o)?.requestBody)) {
      for (const [label, body] of bodies) {
        const status = await callOperation(op, { bearer, body });
        if (status < 400 || status >= 500) failures.push(`${op.method} ${op.path} ${label}: ${status}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await writeCounts()).toEqual(before);
  }, 300_000);

  it("refuses deep, cyclic and alias-bomb YAML in the import and ODCS parsers with 4xx, and writes nothing", async () => {
    const before = await writeCounts();
    const failures: string[] = [];
    for (const [label, yaml] of [["deep", DEEP_YAML], ["cyclic", CYCLIC_YAML], ["alias bomb", ALIAS_BOMB_YAML]] as const) {
      const odcs = await callOperation({ method: "POST", path: "/api/v1/contracts/odcs" }, { bearer, body: JSON.stringify({ yaml }) });
      if (odcs < 400 || odcs >= 500) failures.push(`odcs ${label}: ${odcs}`);
      // An import is a batch: it answers 200 with each file's outcome, so the file must come back refused.
      const imported = await respond({ method: "POST", path: "/api/v1/imports" }, { bearer, body: JSON.stringify({ files: [{ name: "fuzz.yaml", content: yaml }] }) });
      const outcome = imported.status === 200 ? ((await imported.json()) as { results: { ok: boolean; error?: string }[] }).results : null;
      if (outcome ? outcome.some((file) => file.ok || !file.error) : imported.status < 400 || imported.status >= 500) failures.push(`import ${label}: ${imported.status}`);
    }
    expect(failures).toEqual([]);
    expect(await writeCounts()).toEqual(before);
  }, 120_000);

  it("refuses 100,000-level YAML in flow and block style on every route that parses YAML, naming line and column", async () => {
    const before = await writeCounts();
    const failures: string[] = [];
    const names = /line 1\b.*column \d+|column \d+.*line 1\b/s;
    for (const [label, yaml] of [["flow", DEEP_FLOW_YAML], ["block", DEEP_BLOCK_YAML]] as const) {
      const calls: [string, Operation, unknown][] = [
        ["odcs", { method: "POST", path: "/api/v1/contracts/odcs" }, { yaml }],
        ["lint", { method: "POST", path: "/api/v1/governance/lint" }, { document: yaml, fileName: "deep.yaml" }],
        ["diff", { method: "POST", path: "/api/v1/diff" }, { previous: "openapi: 3.0.0\npaths: {}\n", next: yaml }],
      ];
      for (const [name, op, body] of calls) {
        const response = await respond(op, { bearer, body: JSON.stringify(body) });
        const text = await response.text();
        if (response.status < 400 || response.status >= 500 || !/nested deeper/.test(text) || !names.test(text)) failures.push(`${name} ${label}: ${response.status} ${text.slice(0, 200)}`);
      }
      // Spec, Backstage and ODCS files all enter through the import batch, which reports each file's outcome.
      for (const file of ["deep.yaml", "catalog-info.yaml", "deep.odcs.yaml"]) {
        const imported = await respond({ method: "POST", path: "/api/v1/imports" }, { bearer, body: JSON.stringify({ files: [{ name: file, content: yaml }] }) });
        const text = await imported.text();
        if (!/nested deeper/.test(text) || !names.test(text)) failures.push(`import ${file} ${label}: ${imported.status} ${text.slice(0, 200)}`);
      }
    }
    expect(failures).toEqual([]);
    expect(await writeCounts()).toEqual(before);
  }, 120_000);
});

