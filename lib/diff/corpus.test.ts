// Acceptance: the diff against material nobody on the team wrote (../shared/corpora/diff, scored as its
// README says, through the CLI's own code path). Prints recall, false alarms and agreement per suite and
// mode, lists every miss, and holds the thresholds: OpenAPI recall >= 95% of the non-debatable
// breaking pairs, false alarms <= 5%, registry agreement >= 95% per suite, no crash anywhere, and no
// "No changes" where the two documents accept different values.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { parse as parseYaml } from "yaml";
import { corporaDir, corpusPath } from "@/lib/testing/corpora";
import { describeSuite, percent, scoreCorpora, type OpenApiPair, type RegistryCheck, type Scored, type SuiteScore } from "./corpus";
import { findWitnesses } from "./witness";

let openapi: Scored<OpenApiPair>[];
let registry: Scored<RegistryCheck>[];
let suites: SuiteScore[];

/** Text that never changes which values a document accepts (docs, examples). */
const PROSE = new Set(["description", "summary", "example", "examples", "externalDocs", "$comment"]);

function withoutProse(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutProse);
  if (typeof value !== "object" || value === null) return value;
  const entries = Object.entries(value).filter(([k]) => !PROSE.has(k));
  return Object.fromEntries(entries.sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, withoutProse(v)]));
}

const readDoc = (...parts: string[]) => parseYaml(readFileSync(corpusPath(...parts), "utf8")) as unknown;

describe.skipIf(!corporaDir)("diff against the shared corpora (oasdiff pairs, Apicurio registry cases)", () => {
  beforeAll(async () => {
    ({ openapi, registry, suites } = await scoreCorpora());
    for (const suite of suites) {
      console.log(describeSuite(suite));
      for (const miss of suite.misses) if (suite.suite === "openapi" || suite.suite.includes("/")) console.log(`  miss: ${miss}`);
    }
  }, 120_000);

  it("never crashes: every entry, debatable ones included, gives the documented JSON and a matching exit code", () => {
    const crashes = [...openapi, ...registry].filter((r) => r.outcome.crash).map((r) => `${r.entry.id}: ${r.outcome.crash}`);
    expect(crashes).toEqual([]);
    expect(openapi.length).toBe(141);
    expect(registry.length).toBe(298);
  });

  it("finds >= 95% of the non-debatable breaking OpenAPI pairs with <= 5% false alarms", () => {
    const score = suites.find((s) => s.suite === "openapi")!;
    expect(percent(score.recall!.found, score.recall!.of)).toBeGreaterThanOrEqual(95);
    expect(percent(score.falseAlarms!.flagged, score.falseAlarms!.of)).toBeLessThanOrEqual(5);
  });

  it("agrees with the registry on >= 95% of the non-debatable checks of every suite and mode", () => {
    const registrySuites = suites.filter((s) => s.suite.startsWith("apicurio"));
    expect(registrySuites.map((s) => s.suite).sort()).toEqual(["apicurio-avro", "apicurio-avro/BACKWARD", "apicurio-avro/FORWARD", "apicurio-json", "apicurio-json/BACKWARD", "apicurio-json/FORWARD"]);
    for (const s of registrySuites) expect({ suite: s.suite, agreement: percent(s.agree, s.scored) >= 95 }).toEqual({ suite: s.suite, agreement: true });
  });

  it("answers 'No changes' for an OpenAPI pair only when the documents are the same apart from prose", () => {
    const wrong = openapi
      .filter((r) => r.outcome.verdict?.changes.length === 0)
      .filter((r) => JSON.stringify(withoutProse(readDoc("diff", "openapi", r.entry.base))) !== JSON.stringify(withoutProse(readDoc("diff", "openapi", r.entry.revision))))
      .map((r) => r.entry.id);
    expect(wrong).toEqual([]);
  });

  it("answers 'No changes' for a JSON Schema pair only when no value tells the two schemas apart", () => {
    const quiet = registry.filter((r) => r.entry.format === "json-schema" && r.entry.mode === "BACKWARD" && r.outcome.verdict?.changes.length === 0);
    expect(quiet.length).toBeGreaterThan(0);
    const wrong = quiet.flatMap((r) => {
      const [v1, v2] = r.entry.files.map((f) => readDoc("diff", "registry", f));
      const w = findWitnesses(v1, v2);
      return w.narrowing !== undefined || w.widening !== undefined ? [`${r.entry.id}: ${JSON.stringify(w)}`] : [];
    });
    expect(wrong).toEqual([]);
  });

  it("never calls a registry pair compatible under a mode when a value proves it is not", () => {
    const wrong = registry
      .filter((r) => r.entry.format === "json-schema" && r.outcome.verdict?.breaking === false)
      .flatMap((r) => {
        const [v1, v2] = r.entry.files.map((f) => readDoc("diff", "registry", f));
        const w = findWitnesses(v1, v2);
        const witness = r.entry.mode === "BACKWARD" ? w.narrowing : w.widening;
        return witness !== undefined ? [`${r.entry.id} (${r.entry.source.test}): ${JSON.stringify(witness)}`] : [];
      });
    expect(wrong).toEqual([]);
  });
});
