import { afterAll, describe, expect, it } from "vitest";
import { importLimitsFromEnv } from "@/lib/catalog/import/model";
import { DiffInputError } from "@/lib/diff";
import type { Ctx } from "@/lib/auth/can";
import { lintDocument } from "@/lib/governance/lint";
import { diffDocumentsOffThread, lintDocumentOffThread, parseImportSetOffThread } from "./offload";
import { closePool } from "./pool";

const ctx: Ctx = { actor: { id: "u1", email: "u@x", name: "U", role: "MEMBER", teamIds: [] }, requestId: "r", via: "token" };
const parse = (name: string, content: string) => parseImportSetOffThread(ctx, [{ name, content }], { limits: importLimitsFromEnv() });
const documentsOf = async (name: string, content: string) => {
  const [file] = (await parse(name, content)).files;
  if (file.status !== "document") throw new Error(`expected a document, got ${JSON.stringify(file)}`);
  return file.documents;
};
const spec = (version: string, extra = "") => `openapi: 3.0.3\ninfo: {title: Pets, version: "${version}"}\npaths:\n  /pets:\n    get:\n      responses:\n        "200": {description: ok}\n${extra}`;

describe("worker pool (real worker threads running the TypeScript sources)", () => {
  afterAll(() => closePool());

  it("parses a document off the request thread and returns the same shape", async () => {
    const docs = await documentsOf("pets.yaml", spec("1.0.0"));
    expect(docs[0].format).toBe("OPENAPI");
    expect(JSON.stringify(docs)).toContain("GET /pets");
  });

  it("keeps the parser's located errors", async () => {
    const [file] = (await parse("bad.yaml", "openapi: 3.0.3\ninfo: [")).files;
    expect(file).toMatchObject({ file: "bad.yaml", status: "failed", error: expect.stringMatching(/line/) });
  });

  it("diffs off thread and keeps DiffInputError", async () => {
    const result = await diffDocumentsOffThread(ctx, { previous: spec("1.0.0"), next: spec("1.0.0").replace("/pets:", "/animals:") });
    expect(result.changes.some((c) => c.level === "ERR")).toBe(true);
    await expect(diffDocumentsOffThread(ctx, { previous: "{", next: spec("1") })).rejects.toBeInstanceOf(DiffInputError);
  });

  it("lints off thread with the domain's settings, the same findings as on this thread, and a refusal that names the file", async () => {
    const settings = new Map([["operation-description", { enabled: true, severity: "ERROR" as const }]]);
    const offThread = await lintDocumentOffThread(ctx, spec("1.0.0"), "pets.yaml", { settings });
    expect(offThread).toEqual(await lintDocument(spec("1.0.0"), "pets.yaml", { settings }));
    expect(offThread.findings).toContainEqual(expect.objectContaining({ rule: "operation-description", severity: "ERROR" }));
    await expect(lintDocumentOffThread(ctx, `${"[".repeat(5000)}${"]".repeat(5000)}`, "deep.json")).rejects.toMatchObject({ name: "AppError", code: "VALIDATION", message: expect.stringContaining("deep.json") });
  });
});

describe("worker pool budgets", () => {
  afterAll(async () => {
    delete process.env.PARSE_TIMEOUT_MS;
    delete process.env.PARSE_CONCURRENCY_PER_USER;
    await closePool();
  });

  it("stops a task over its time budget and limits concurrent parses per user", async () => {
    await closePool();
    process.env.PARSE_TIMEOUT_MS = "300";
    process.env.PARSE_CONCURRENCY_PER_USER = "1";
    const paths = Array.from({ length: 20_000 }, (_, i) => `  /r${i}:\n    get:\n      responses:\n        "200": {description: ok}`).join("\n");
    const big = `openapi: 3.0.3\ninfo: {title: Big, version: "1"}\npaths:\n${paths}\n`;
    const first = parse("big.yaml", big).catch((error: unknown) => error);
    await expect(parse("second.yaml", spec("1"))).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(await first).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringMatching(/took longer than 0.3 s/) });
    // A set (a CLI batch) has the budget of each of its documents.
    const set = parseImportSetOffThread(ctx, [{ name: "big.yaml", content: big }, { name: "small.yaml", content: spec("1") }], { limits: importLimitsFromEnv() });
    await expect(set).rejects.toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: "The 2 documents took longer than 0.6 s to process and were stopped" });
    // What the portal runs on the user's behalf (the governance lint queued after their import) neither waits for
    // nor takes one of the user's parse slots: the user's next import is admitted while it runs.
    delete process.env.PARSE_TIMEOUT_MS;
    await closePool();
    process.env.PARSE_CONCURRENCY_PER_USER = "1";
    const lints = Array.from({ length: 3 }, () => lintDocumentOffThread({ ...ctx, via: "system" }, spec("3"), "queued.yaml", { withinLimits: true }));
    expect((await documentsOf("during-lint.yaml", spec("2")))[0].format).toBe("OPENAPI");
    await Promise.all(lints);
    // With the normal budget the pool serves again.
    delete process.env.PARSE_TIMEOUT_MS;
    await closePool();
    expect((await documentsOf("pets.yaml", spec("1")))[0].format).toBe("OPENAPI");
  });
});
