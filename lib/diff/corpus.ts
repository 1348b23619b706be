// Scores the breaking-change detector against the shared acceptance corpora (../shared/corpora/diff), exactly
// as their README says: each entry goes through the CLI's own code path (`diff <files> --format F --mode M
// --json`), the verdict is the JSON `breaking` field (exit 1 when breaking, 0 when not), and anything else
// (another exit code, a throw, output that is not the documented JSON) is a crash. Used by corpus.test.ts and
// bench/diff.ts; never imported by the app.
import { readFileSync } from "node:fs";
import path from "node:path";
import { diffCommand } from "@/lib/cli/diff";
import { corpusPath } from "@/lib/testing/corpora";

export type CliVerdict = { breaking: boolean; changes: { id: string; level: string; path: string; rule: string; message: string }[]; warnings?: string[] };
export type Outcome = { verdict?: CliVerdict; crash?: string; ms: number };

export type OpenApiPair = { id: string; base: string; revision: string; breaking: boolean; debatable: boolean; reason?: string; source: { oasdiff: string[] } };
export type RegistryCheck = { id: string; files: string[]; format: string; mode: string; compatible: boolean; debatable: boolean; reason?: string; source: { test: string } };

export function openApiPairs(): OpenApiPair[] {
  return JSON.parse(readFileSync(corpusPath("diff", "openapi", "expected.json"), "utf8"));
}

export function registryChecks(): RegistryCheck[] {
  return JSON.parse(readFileSync(corpusPath("diff", "registry", "expected.json"), "utf8"));
}

/** `npm run cli -- diff <files> --format F --mode M --json`, in process. */
export async function runCli(files: string[], format: string, mode: string): Promise<Outcome> {
  let out = "";
  let err = "";
  const started = performance.now();
  try {
    const code = await diffCommand(files, { format, mode, json: true }, { out: (t) => (out += t), err: (t) => (err += t) }, "/");
    const ms = performance.now() - started;
    if (code !== 0 && code !== 1) return { crash: `exit ${code}: ${err.trim().slice(0, 300)}`, ms };
    const verdict = JSON.parse(out) as CliVerdict;
    if (typeof verdict.breaking !== "boolean" || !Array.isArray(verdict.changes)) return { crash: "output is not the documented JSON", ms };
    if (verdict.breaking !== (code === 1)) return { crash: `exit ${code} disagrees with breaking: ${verdict.breaking}`, ms };
    return { verdict, ms };
  } catch (error) {
    return { crash: `threw: ${(error as Error).stack?.split("\n").slice(0, 3).join(" | ")}`, ms: performance.now() - started };
  }
}

export function runOpenApiPair(pair: OpenApiPair): Promise<Outcome> {
  const dir = corpusPath("diff", "openapi");
  return runCli([path.join(dir, pair.base), path.join(dir, pair.revision)], "openapi", "BACKWARD");
}

export function runRegistryCheck(check: RegistryCheck): Promise<Outcome> {
  const dir = corpusPath("diff", "registry");
  return runCli(check.files.map((f) => path.join(dir, f)), check.format, check.mode);
}

export type Scored<T> = { entry: T; outcome: Outcome; expected: boolean; got?: boolean };

export type SuiteScore = {
  suite: string;
  scored: number;
  agree: number;
  /** OpenAPI: breaking pairs found / breaking pairs. */
  recall?: { found: number; of: number };
  /** OpenAPI: compatible pairs flagged breaking / compatible pairs. */
  falseAlarms?: { flagged: number; of: number };
  crashes: number;
  debatable: { run: number; agree: number };
  misses: string[];
};

export function scoreOpenApi(rows: Scored<OpenApiPair>[]): SuiteScore {
  const scored = rows.filter((r) => !r.entry.debatable);
  const breaking = scored.filter((r) => r.expected);
  const compatible = scored.filter((r) => !r.expected);
  return {
    suite: "openapi",
    scored: scored.length,
    agree: scored.filter((r) => r.got === r.expected).length,
    recall: { found: breaking.filter((r) => r.got === true).length, of: breaking.length },
    falseAlarms: { flagged: compatible.filter((r) => r.got === true).length, of: compatible.length },
    crashes: rows.filter((r) => r.outcome.crash).length,
    debatable: { run: rows.length - scored.length, agree: rows.filter((r) => r.entry.debatable && r.got === r.expected).length },
    misses: scored.filter((r) => r.got !== r.expected).map((r) => `${r.entry.id} expected ${r.expected ? "breaking" : "compatible"}${r.outcome.crash ? ` CRASH ${r.outcome.crash}` : ""} (${r.entry.source.oasdiff.join(", ")})`),
  };
}

export function scoreRegistry(suite: string, rows: Scored<RegistryCheck>[]): SuiteScore {
  const scored = rows.filter((r) => !r.entry.debatable);
  return {
    suite,
    scored: scored.length,
    agree: scored.filter((r) => r.got === r.expected).length,
    crashes: rows.filter((r) => r.outcome.crash).length,
    debatable: { run: rows.length - scored.length, agree: rows.filter((r) => r.entry.debatable && r.got === r.expected).length },
    misses: scored.filter((r) => r.got !== r.expected).map((r) => `${r.entry.id} "${r.entry.source.test}" expected ${r.expected ? "incompatible" : "compatible"}${r.outcome.crash ? ` CRASH ${r.outcome.crash}` : ""}`),
  };
}

/** Runs the whole of diff/openapi and diff/registry; registry suites are split per folder and mode. */
export async function scoreCorpora(): Promise<{ openapi: Scored<OpenApiPair>[]; registry: Scored<RegistryCheck>[]; suites: SuiteScore[] }> {
  const openapi: Scored<OpenApiPair>[] = [];
  for (const entry of openApiPairs()) {
    const outcome = await runOpenApiPair(entry);
    openapi.push({ entry, outcome, expected: entry.breaking, got: outcome.verdict?.breaking });
  }
  const registry: Scored<RegistryCheck>[] = [];
  for (const entry of registryChecks()) {
    const outcome = await runRegistryCheck(entry);
    registry.push({ entry, outcome, expected: !entry.compatible, got: outcome.verdict?.breaking });
  }
  const suites = [scoreOpenApi(openapi)];
  const names = [...new Set(registry.map((r) => `${r.entry.files[0].split("/")[0]}/${r.entry.mode}`))];
  for (const name of names) suites.push(scoreRegistry(name, registry.filter((r) => `${r.entry.files[0].split("/")[0]}/${r.entry.mode}` === name)));
  for (const folder of new Set(registry.map((r) => r.entry.files[0].split("/")[0]))) suites.push(scoreRegistry(folder, registry.filter((r) => r.entry.files[0].startsWith(`${folder}/`))));
  return { openapi, registry, suites };
}

export const percent = (n: number, of: number) => (of ? Math.round((1000 * n) / of) / 10 : 100);

export function describeSuite(s: SuiteScore): string {
  const parts = [`${s.suite}: agreement ${percent(s.agree, s.scored)}% (${s.agree}/${s.scored})`];
  if (s.recall) parts.push(`recall ${percent(s.recall.found, s.recall.of)}% (${s.recall.found}/${s.recall.of})`);
  if (s.falseAlarms) parts.push(`false alarms ${percent(s.falseAlarms.flagged, s.falseAlarms.of)}% (${s.falseAlarms.flagged}/${s.falseAlarms.of})`);
  parts.push(`crashes ${s.crashes}`, `debatable ${s.debatable.agree}/${s.debatable.run} as labelled (not scored)`);
  return parts.join(", ");
}
