import { readFile } from "node:fs/promises";
import path from "node:path";
import type { CheckResult } from "../../checks/schemas";
import type { LintReport } from "../../governance/schemas";
import { apiRequest, CliError, type Connection } from "../http";

export type CheckOptions = { interface: string; json?: boolean; openProposal?: boolean };
type Write = (text: string) => void;

async function readDocument(file: string): Promise<{ name: string; text: string }> {
  // `npm run` moves to the package root; INIT_CWD is where the user typed the command.
  const full = path.resolve(process.env.INIT_CWD || process.cwd(), file);
  const text = await readFile(full, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file}: ${error.code === "ENOENT" ? "no such file" : error.message}`);
  });
  return { name: path.basename(full), text };
}

export function formatCheck(result: CheckResult): string {
  const lines = [`${result.mayShip ? "✔ may ship" : "✘ may not ship"}: ${result.interface.name}${result.contract ? ` (active contract ${result.contract.version}, ${result.contract.compatibilityMode})` : ""}`];
  for (const reason of result.reasons) lines.push(`  ✘ ${reason}`);
  for (const change of result.changes.filter((c) => c.level === "ERR")) lines.push(`    ${change.path}: ${change.message}${change.breaksVersion ? ` (breaks ${change.breaksVersion})` : ""}`);
  for (const note of result.notes) lines.push(`  · ${note}`);
  if (result.consumers.length) lines.push(`  consumers: ${result.consumers.map((c) => `${c.team ?? c.system} on ${c.contractVersion}`).join(", ")}`);
  if (result.proposal) lines.push(`  proposal ${result.proposal.version} opened: /contracts/${result.proposal.id}`);
  return lines.join("\n");
}

/** can-i-deploy: exit 0 when the document may ship, 1 when it may not. */
export async function checkCommand(connection: Connection, file: string, options: CheckOptions, write: Write = (t) => process.stdout.write(t)): Promise<number> {
  const document = await readDocument(file);
  const result = await apiRequest<CheckResult>(connection, "POST", "api/v1/checks", {
    interface: options.interface, document: document.text, fileName: document.name, openProposal: options.openProposal ?? false,
  });
  write(options.json ? `${JSON.stringify(result, null, 2)}\n` : `${formatCheck(result)}\n`);
  return result.mayShip ? 0 : 1;
}

export function formatLint(file: string, report: LintReport): string {
  const lines = report.findings.map((f) => `${file}:${f.line ?? "?"}  ${f.severity.toLowerCase().padEnd(5)}  ${f.rule}  ${f.pointer}  ${f.message}`);
  lines.push(...report.notes.map((n) => `· ${n}`));
  lines.push(`${report.counts.errors} errors, ${report.counts.warnings} warnings, ${report.counts.infos} infos`);
  return lines.join("\n");
}

/** Lints a document with the governance rules; exit 1 when any finding is an error. */
export async function lintCommand(connection: Connection, file: string, options: { interface?: string; json?: boolean }, write: Write = (t) => process.stdout.write(t)): Promise<number> {
  const document = await readDocument(file);
  const report = await apiRequest<LintReport>(connection, "POST", "api/v1/governance/lint", { document: document.text, fileName: document.name, interface: options.interface });
  write(options.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatLint(file, report)}\n`);
  return report.passed ? 0 : 1;
}
