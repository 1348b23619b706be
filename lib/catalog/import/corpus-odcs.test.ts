// Acceptance: each official ODCS v3 example imports as its own contract (examples sharing an id do not overwrite
// each other) with its schema objects, properties and SLA properties; the three that fail their own official
// schema are imported with a warning saying so; the export of every one validates against the official schema
// of the version it declares (ajv, draft 2019-09, formats on) and imports back to the same contract.
import { readFileSync } from "node:fs";
import Ajv2019 from "ajv/dist/2019";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { exportOdcs, getContract } from "@/lib/contracts/data";
import { fromOdcsYaml } from "@/lib/contracts/odcs";
import { ContractContent } from "@/lib/contracts/schemas";
import { actAs, setupTestDatabase } from "@/lib/testing/integration";
import { corporaDir, corpusPath } from "@/lib/testing/corpora";
import { parse } from "yaml";
import { folderFiles, shuffled } from "./corpus-helpers";
import { importFiles } from "./service";

type Example = { file: string; apiVersion: string; version: string; schemaObjects: string[]; properties: number; slaProperties: number; validAgainst: Record<string, true | string> };

const database = setupTestDatabase();

function officialValidator(apiVersion: string) {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(corpusPath(`import/odcs/schema/odcs-json-schema-${apiVersion}.json`), "utf8")));
}

/** Properties of the contract's JSON Schema below the schema objects, nested and array items included. */
function countProperties(node: unknown, depth = 0): number {
  if (typeof node !== "object" || node === null) return 0;
  const n = node as Record<string, unknown>;
  const props = typeof n.properties === "object" && n.properties ? Object.values(n.properties as Record<string, unknown>) : [];
  return (depth >= 1 ? props.length : 0) + props.reduce<number>((sum, p) => sum + countProperties(p, depth + 1), 0) + countProperties(n.items, depth + 1);
}

describe.skipIf(!corporaDir)("ODCS corpus (import/odcs)", () => {
  it("imports every example as its own contract and exports valid ODCS that imports back the same", { timeout: 300_000 }, async () => {
    const { examples }: { examples: Example[] } = JSON.parse(readFileSync(corpusPath("import/odcs/expected.json"), "utf8"));
    const files = shuffled(folderFiles(corpusPath("import/odcs")).filter((f) => f.name.startsWith("examples/")));
    const admin = await actAs(database(), "ADMIN");
    const { results } = await importFiles(admin, files);
    const prisma = database().prisma;
    const contractIds = new Set<string>();
    const mismatches: string[] = [];
    for (const example of examples) {
      const result = results.find((r) => r.file === example.file)!;
      expect(result.ok, `${example.file}: ${result.error}`).toBe(true);
      const invalid = Object.values(example.validAgainst).some((v) => v !== true);
      expect((result.warnings ?? []).some((w) => /does not validate against the official ODCS/.test(w)), example.file).toBe(invalid);
      const [iface] = result.interfaces;
      const contract = await prisma.dataContract.findFirst({ where: { interfaceId: iface.id } });
      if (!contract) {
        mismatches.push(`${example.file}: no contract (${(result.warnings ?? []).join("; ")})`);
        continue;
      }
      contractIds.add(contract.id);
      const schema = JSON.parse(contract.schema);
      const got = { version: contract.version, schemaObjects: Object.keys(schema.properties), properties: countProperties(schema), slaProperties: (schema["x-odcs"].slaProperties ?? []).length };
      const want = { version: example.version, schemaObjects: example.schemaObjects, properties: example.properties, slaProperties: example.slaProperties };
      if (JSON.stringify(got) !== JSON.stringify(want)) mismatches.push(`${example.file}: got ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);

      const exported = await exportOdcs(admin, contract.id);
      const doc = parse(exported.yaml) as Record<string, unknown>;
      expect(doc.apiVersion).toBe(example.apiVersion);
      expect(Array.isArray(doc.schema) || doc.schema === undefined).toBe(true);
      const validate = officialValidator(example.apiVersion);
      if (!validate(doc)) mismatches.push(`${example.file}: export invalid: ${JSON.stringify(validate.errors?.slice(0, 3))}`);
      const dto = await getContract(admin, contract.id);
      const stored = ContractContent.parse({ ...dto, description: dto.description ?? undefined, changeNote: dto.changeNote ?? undefined });
      const back = fromOdcsYaml(exported.yaml);
      const [a, b] = [JSON.stringify(stored), JSON.stringify(back)];
      const at = [...a].findIndex((c, i) => c !== b[i]);
      if (!invalid && a !== b) mismatches.push(`${example.file}: round trip differs at ${a.slice(at - 60, at + 60)} / ${b.slice(at - 60, at + 60)}`);
    }
    expect(mismatches).toEqual([]);
    // Field classifications survive into the catalog's fields.
    const allTypes = results.find((r) => r.file === "examples/schema/all-schema-types.odcs.yaml")!.interfaces[0];
    expect(await prisma.interfaceField.count({ where: { interfaceId: allTypes.id, classification: { not: null } } })).toBe(3);
    expect(contractIds.size).toBe(examples.length);

    const again = await importFiles(admin, files);
    expect(again.results.flatMap((r) => r.interfaces.filter((i) => i.status !== "unchanged"))).toEqual([]);
    expect(await prisma.dataContract.count({ where: { id: { notIn: [] } } })).toBeGreaterThanOrEqual(examples.length);
  });
});
