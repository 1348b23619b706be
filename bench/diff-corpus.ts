// bench:diff's shared-corpus suites (../shared/corpora/diff): our verdicts through the CLI's code path,
// scored as the corpus README says (lib/diff/corpus.ts), beside openapi-diff and @useoptic/optic on the
// OpenAPI pairs, run in this same run. Per suite and per category (the oasdiff check family of a pair, the
// Apicurio test group of a check).
import { readFileSync } from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { percent, scoreCorpora, type OpenApiPair, type Scored, type SuiteScore } from "@/lib/diff/corpus";
import { corporaDir, corpusPath } from "@/lib/testing/corpora";
import { openApiDiff, optic, opticUnavailable, pooled, type Verdict } from "./diff-peers";

const OPTIC_LANES = Number(process.env.BENCH_DIFF_OPTIC_LANES ?? 4);

type PairRow = { pair: OpenApiPair; category: string; ours?: boolean; oursCrash?: string; openapiDiff: Verdict; optic?: Verdict };

function family(pair: OpenApiPair): string {
  const first = pair.source.oasdiff[0]?.split(":")[0];
  return first ? first.split("-").slice(0, 2).join("-") : "no-change";
}

type Score = { recall: string; falseAlarms: string; unread: number };

function score(rows: PairRow[], pick: (r: PairRow) => { breaking?: boolean; error?: string } | undefined): Score {
  const scored = rows.filter((r) => !r.pair.debatable);
  const breaking = scored.filter((r) => r.pair.breaking);
  const compatible = scored.filter((r) => !r.pair.breaking);
  const found = breaking.filter((r) => pick(r)?.breaking === true && !pick(r)?.error).length;
  const flagged = compatible.filter((r) => pick(r)?.breaking === true && !pick(r)?.error).length;
  return {
    recall: `${percent(found, breaking.length)}% (${found}/${breaking.length})`,
    falseAlarms: `${percent(flagged, compatible.length)}% (${flagged}/${compatible.length})`,
    unread: rows.filter((r) => pick(r)?.error).length,
  };
}

export async function corpusSuites() {
  if (!corporaDir) return { available: false, reason: "../shared/corpora not found (set CORPORA_DIR)" };
  const { openapi, registry, suites } = await scoreCorpora();
  const dir = corpusPath("diff", "openapi");
  const opticReason = opticUnavailable();
  const rows: PairRow[] = [];
  for (const scored of openapi as Scored<OpenApiPair>[]) {
    const [base, revision] = [scored.entry.base, scored.entry.revision].map((f) => parseYaml(readFileSync(path.join(dir, f), "utf8")) as Record<string, unknown>);
    const format = base.swagger !== undefined ? "swagger2" : "openapi3";
    rows.push({ pair: scored.entry, category: family(scored.entry), ours: scored.got, oursCrash: scored.outcome.crash, openapiDiff: await openApiDiff(JSON.stringify(base), JSON.stringify(revision), format) });
    process.stderr.write(`corpus openapi ${scored.entry.id}\r`);
  }
  if (!opticReason) {
    const verdicts = await pooled(rows, OPTIC_LANES, (r) => optic(path.join(dir, r.pair.base), path.join(dir, r.pair.revision)));
    verdicts.forEach((v, i) => (rows[i].optic = v));
  }
  const ours = (r: PairRow) => ({ breaking: r.ours, error: r.oursCrash });
  const side = (subset: PairRow[]) => ({
    ours: score(subset, ours),
    openapiDiff: score(subset, (r) => r.openapiDiff),
    ...(opticReason ? {} : { optic: score(subset, (r) => r.optic) }),
  });
  const categories = [...new Set(rows.map((r) => r.category))].sort();
  const openapiScore = suites.find((s) => s.suite === "openapi")!;
  const registryGroups = [...new Set(registry.map((r) => r.entry.source.test.split(/[:\d]/)[0].trim()))].sort();
  return {
    available: true,
    openapi: {
      source: "diff/openapi: 141 oasdiff checker pairs (124 scored, 17 debatable run but not scored)",
      ...side(rows),
      crashes: openapiScore.crashes,
      peers: { openapiDiff: "openapi-diff@0.24.1 (reads OpenAPI 3.0 and Swagger 2.0)", optic: opticReason ? `unavailable: ${opticReason}` : "@useoptic/optic@1.0.9 `optic diff --check` (its breaking-change ruleset)" },
      byCategory: Object.fromEntries(categories.map((c) => [c, { pairs: rows.filter((r) => r.category === c).length, ...side(rows.filter((r) => r.category === c)) }])),
      misses: openapiScore.misses,
    },
    registry: {
      source: "diff/registry: Apicurio Registry's JSON Schema (145) and Avro (4) cases, each under BACKWARD and FORWARD",
      peers: "openapi-diff and optic read OpenAPI only: no peer verdicts on these suites",
      suites: suites.filter((s) => s.suite.startsWith("apicurio")).map((s: SuiteScore) => ({ suite: s.suite, agreement: `${percent(s.agree, s.scored)}% (${s.agree}/${s.scored})`, crashes: s.crashes, debatableRun: s.debatable.run })),
      byCategory: Object.fromEntries(
        registryGroups.map((g) => {
          const subset = registry.filter((r) => !r.entry.debatable && r.entry.source.test.split(/[:\d]/)[0].trim() === g);
          const agree = subset.filter((r) => r.got === r.expected).length;
          return [g, `${percent(agree, subset.length)}% (${agree}/${subset.length})`];
        }),
      ),
      misses: suites.filter((s) => s.suite.includes("/")).flatMap((s) => s.misses),
    },
    targets: {
      openapiRecallAtLeast95: percent(openapiScore.recall!.found, openapiScore.recall!.of) >= 95,
      openapiFalseAlarmsAtMost5: percent(openapiScore.falseAlarms!.flagged, openapiScore.falseAlarms!.of) <= 5,
      registryAtLeast95PerSuite: suites.filter((s) => s.suite.startsWith("apicurio")).every((s) => percent(s.agree, s.scored) >= 95),
      noCrash: suites.every((s) => s.crashes === 0),
    },
  };
}
