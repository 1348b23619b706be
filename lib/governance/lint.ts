// Runs the governance rules over one document with Spectral. No database: the caller passes the domain's rule
// settings and, when the document belongs to an interface, the estate facts the portal's own rules judge.
import { Document, type ISpectralDiagnostic } from "@stoplight/spectral-core";
import Parsers from "@stoplight/spectral-parsers";
import { ImportError, importLimitsFromEnv } from "@/lib/catalog/import/model";
import { loadSource } from "@/lib/catalog/import/source";
import { pointerOf } from "@/lib/catalog/import/util";
import { AppError } from "@/lib/api/errors";
import { attachFacts, type EstateFacts } from "./portal-rules";
import type { Finding, LintReport, RuleSeverity } from "./schemas";
import { spectralFor, type RuleSetting } from "./spectral-instance";

export type { RuleSetting };
// withinLimits: a stored version passed the importer's size and nesting limits when it was imported, so parsing it
// once more only to check them again would double the parse for nothing.
export type LintOptions = { settings?: ReadonlyMap<string, RuleSetting>; facts?: EstateFacts | null; withinLimits?: boolean };

const SEVERITY_BY_NUMBER: RuleSeverity[] = ["ERROR", "WARN", "INFO", "HINT"];

function toFinding(d: ISpectralDiagnostic): Finding {
  return { rule: String(d.code), severity: SEVERITY_BY_NUMBER[d.severity] ?? "WARN", message: d.message, pointer: pointerOf(d.path) || "/", line: d.range.start.line + 1 };
}

/** Lints one OpenAPI or AsyncAPI document; the size and nesting limits of the importer apply first. */
export async function lintDocument(text: string, fileName: string, options: LintOptions = {}): Promise<LintReport> {
  try {
    if (!options.withinLimits) loadSource(fileName, text, importLimitsFromEnv());
  } catch (error) {
    if (error instanceof ImportError) throw new AppError("VALIDATION", `${fileName}: ${error.message}`);
    throw error;
  }
  // YAML is a superset of JSON, but the JSON parser reports JSON files' positions exactly.
  const document = /\.json$/i.test(fileName) ? new Document(text, Parsers.Json, fileName) : new Document(text, Parsers.Yaml, fileName);
  if (options.facts) attachFacts(document, options.facts);
  const diagnostics = await spectralFor(options.settings ?? new Map()).run(document);
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
