// Runs the governance rules over one document with Spectral. No database: the caller passes the domain's rule
// settings and, when the document belongs to an interface, the estate facts the portal's own rules judge.
import { Document, Spectral, type ISpectralDiagnostic, type RulesetDefinition } from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { Resolver } from "@stoplight/spectral-ref-resolver";
import { asyncapi, oas } from "@stoplight/spectral-rulesets";
import { ImportError, importLimitsFromEnv } from "@/lib/catalog/import/model";
import { loadSource } from "@/lib/catalog/import/source";
import { pointerOf } from "@/lib/catalog/import/util";
import { AppError } from "@/lib/api/errors";
import { ruleNamed, toSeverity } from "./catalogue";
import { PORTAL_RULES, type EstateFacts } from "./portal-rules";
import type { Finding, LintReport, RuleSeverity } from "./schemas";

export type RuleSetting = { enabled: boolean; severity: RuleSeverity | null };
export type LintOptions = { settings?: ReadonlyMap<string, RuleSetting>; facts?: EstateFacts | null };

// No resolvers at all: a document's external $refs are never fetched (no SSRF, no file reads); they are reported.
const offline = new Resolver({ resolvers: {} });

const lower = (severity: RuleSeverity) => severity.toLowerCase() as "error" | "warn" | "info" | "hint";

function rulesetFor(options: LintOptions): RulesetDefinition {
  const settings = options.settings ?? new Map<string, RuleSetting>();
  const rules: Record<string, unknown> = {};
  for (const rule of PORTAL_RULES) {
    const definition = rule.definition(options.facts ?? null);
    const setting = settings.get(rule.code);
    if (!definition || setting?.enabled === false) continue;
    // "{{error}}": the function's own message (Spectral prints the description instead when a rule has none).
    rules[rule.code] = { ...definition, description: rule.description, message: "{{error}}", severity: lower(setting?.severity ?? toSeverity(rule.severity)) };
  }
  for (const [code, setting] of settings) {
    const known = ruleNamed(code);
    if (!known || known.ruleset === "interchange") continue;
    rules[code] = setting.enabled ? lower(setting.severity ?? known.defaultSeverity) : "off";
  }
  return { extends: [[oas as RulesetDefinition, "recommended"], [asyncapi as RulesetDefinition, "recommended"]], rules } as RulesetDefinition;
}

const SEVERITY_BY_NUMBER: RuleSeverity[] = ["ERROR", "WARN", "INFO", "HINT"];

function toFinding(d: ISpectralDiagnostic): Finding {
  return { rule: String(d.code), severity: SEVERITY_BY_NUMBER[d.severity] ?? "WARN", message: d.message, pointer: pointerOf(d.path) || "/", line: d.range.start.line + 1 };
}

/** Lints one OpenAPI or AsyncAPI document; the size and nesting limits of the importer apply first. */
export async function lintDocument(text: string, fileName: string, options: LintOptions = {}): Promise<LintReport> {
  try {
    loadSource(fileName, text, importLimitsFromEnv());
  } catch (error) {
    if (error instanceof ImportError) throw new AppError("VALIDATION", `${fileName}: ${error.message}`);
    throw error;
  }
  const spectral = new Spectral({ resolver: offline });
  spectral.setRuleset(rulesetFor(options));
  // YAML is a superset of JSON, but the JSON parser reports JSON files' positions exactly.
  const document = /\.json$/i.test(fileName) ? new Document(text, Parsers.Json, fileName) : new Document(text, Parsers.Yaml, fileName);
  const diagnostics = await spectral.run(document);
  const notes: string[] = [];
  const findings: Finding[] = [];
  for (const d of diagnostics) {
    if (d.code === "unrecognized-format") notes.push("Not an OpenAPI or AsyncAPI document: the oas and asyncapi rulesets did not run");
    else findings.push(toFinding(d));
  }
  if (!options.facts) notes.push("Estate rules (contract, owner, purpose) not run: the document was not linted as an interface of the catalog");
  findings.sort((a, b) => SEVERITY_BY_NUMBER.indexOf(a.severity) - SEVERITY_BY_NUMBER.indexOf(b.severity) || (a.line ?? 0) - (b.line ?? 0) || a.rule.localeCompare(b.rule));
  const count = (severity: RuleSeverity) => findings.filter((f) => f.severity === severity).length;
  const counts = { errors: count("ERROR"), warnings: count("WARN"), infos: count("INFO") };
  return { passed: counts.errors === 0, counts, findings, notes };
}
