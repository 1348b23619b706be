// Acceptance: the AsyncAPI specification's examples, imported as one folder in a shuffled order, match the
// corpus's expected counts; fragments are recognised, unimportable files fail with their cause, files sharing a
// title stay different interfaces, and a second import changes nothing.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { corporaDir, corpusPath } from "@/lib/testing/corpora";
import { folderFiles, shuffled } from "./corpus-helpers";
import { importFiles } from "./service";

type Expected = { file: string; document: boolean; title?: string; channels?: number; operations?: number; allMessages?: number; importable?: boolean; sharesTitleWith?: string[] };

const database = setupTestDatabase();

describe.skipIf(!corporaDir)("AsyncAPI corpus (import/asyncapi)", () => {
  it("imports every document with its channels, operations and messages, in any order, and again without change", { timeout: 900_000 }, async () => {
    const expected: Expected[] = JSON.parse(readFileSync(corpusPath("import/asyncapi/expected.json"), "utf8"));
    const files = shuffled(folderFiles(corpusPath("import/asyncapi"), (name) => name === "expected.json"));
    const admin = await actAs(database(), "ADMIN");
    const { results } = await importFiles(admin, files);
    const byFile = new Map(results.map((r) => [r.file, r]));
    const prisma = database().prisma;
    const mismatches: string[] = [];
    for (const entry of expected) {
      const result = byFile.get(entry.file)!;
      if (!entry.document) {
        if (!result.ok || result.interfaces.length) mismatches.push(`${entry.file}: fragment should import nothing and not fail (${result.error ?? "interfaces"})`);
        continue;
      }
      if (entry.importable === false) {
        if (result.ok) mismatches.push(`${entry.file}: should fail with its cause`);
        continue;
      }
      if (!result.ok || result.interfaces.length !== 1) {
        mismatches.push(`${entry.file}: ${result.error ?? `${result.interfaces.length} interfaces`}`);
        continue;
      }
      const iface = result.interfaces[0];
      const messages = await prisma.interfaceElement.count({ where: { interfaceId: iface.id, kind: "MESSAGE" } });
      const got = { title: iface.name, channels: iface.channels, operations: iface.operations, allMessages: messages };
      const want = { title: entry.title, channels: entry.channels, operations: entry.operations, allMessages: entry.allMessages };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${entry.file}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
    }
    expect(mismatches).toEqual([]);

    const remote = byFile.get("3.1.0/adeo-kafka-request-reply-asyncapi.yml")!;
    expect(remote.error).toMatch(/https:\/\/www\.asyncapi\.com\/resources\/casestudies\/adeo\/Costing/);
    // Files that share a title are different APIs: both kept, each with a warning naming the other.
    const [a, b] = ["3.0.0/streetlights-kafka-asyncapi.yml", "3.0.0/streetlights-operation-security-asyncapi.yml"].map((f) => byFile.get(f)!);
    expect(a.interfaces[0].id).not.toBe(b.interfaces[0].id);
    expect([...(a.warnings ?? []), ...(b.warnings ?? [])].join("\n")).toMatch(/already named "Streetlights Kafka API"/);

    const again = await importFiles(admin, shuffled(files, 7));
    expect(again.results.flatMap((r) => r.interfaces.filter((i) => i.status !== "unchanged").map((i) => `${r.file}: ${i.status}`))).toEqual([]);
  });
});
